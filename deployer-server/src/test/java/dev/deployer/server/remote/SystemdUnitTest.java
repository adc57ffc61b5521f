package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.apps.JavaOptions;
import org.junit.jupiter.api.Test;

class SystemdUnitTest {
    static SystemdUnit.Spec app(String name, String javaOptions) {
        return new SystemdUnit.Spec(name, JavaOptions.words(javaOptions));
    }

    @Test
    void unitRunsTheCurrentJarAsTheAppsOwnUserWithHardening() {
        assertThat(SystemdUnit.render(app("billing", "-Xmx256m -XX:+UseG1GC"))).isEqualTo("""
                # Written by deployer for app billing: edits here are overwritten by the next release.
                [Unit]
                Description=deployer app billing
                Wants=network-online.target
                After=network-online.target

                [Service]
                Type=exec
                User=billing
                Group=billing
                EnvironmentFile=/etc/deployer/billing.env
                StateDirectory=deployer/billing
                WorkingDirectory=/var/lib/deployer/billing
                ExecStart=/usr/bin/java -Xmx256m -XX:+UseG1GC -jar /opt/deployer/billing/current/app.jar
                Restart=on-failure
                RestartSec=5
                SuccessExitStatus=143
                TimeoutStopSec=30
                StandardOutput=journal
                StandardError=journal
                SyslogIdentifier=billing
                NoNewPrivileges=yes
                PrivateTmp=yes
                ProtectSystem=strict
                ProtectHome=yes

                [Install]
                WantedBy=multi-user.target
                """);
    }

    @Test
    void noJavaOptionsMeansJustTheJar() {
        assertThat(SystemdUnit.render(app("web", "")))
                .contains("\nExecStart=/usr/bin/java -jar /opt/deployer/web/current/app.jar\n");
    }

    @Test
    void percentAndDollarInOptionsAreEscapedSoSystemdPassesThemThrough() {
        assertThat(SystemdUnit.render(app("web", "  -Dlog.pattern=%d{HH:mm}  -Dprice=$5\t-Xss1m ")))
                .contains("\nExecStart=/usr/bin/java -Dlog.pattern=%%d{HH:mm} -Dprice=$$5 -Xss1m -jar /opt/deployer/web/current/app.jar\n");
    }

    @Test
    void sameAppGivesTheSameTextSoAnUnchangedUnitNeedsNoDaemonReload() {
        assertThat(SystemdUnit.render(app("web", "-Xmx1g"))).isEqualTo(SystemdUnit.render(app("web", "-Xmx1g")));
    }

    @Test
    void aSlotsUnitReadsTheSlotsEnvFileAndRunsTheJarItsLinkPointsAt() {
        String slot = SystemdUnit.forSlot(SystemdUnit.render(app("billing", "-Xmx256m -Dp=%d")), "billing");

        assertThat(slot).contains("\nDescription=deployer app billing (slot %i)\n")
                .contains("\nEnvironmentFile=/etc/deployer/billing/slot-%i.env\n")
                .contains("\nExecStart=/usr/bin/java -Xmx256m -Dp=%%d -jar /opt/deployer/billing/slot-%i/app.jar\n")
                .doesNotContain("current/app.jar").doesNotContain("/etc/deployer/billing.env");
        assertThat(slot.lines().count()).isEqualTo(SystemdUnit.render(app("billing", "-Xmx256m -Dp=%d")).lines().count());
    }

    @Test
    void aUnitTextNotWrittenByTheRendererIsRefusedForASlot() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SystemdUnit.forSlot("[Service]\nExecStart=/bin/sh\n", "billing"))
                .hasMessageContaining("deploy a new build");
    }
}
