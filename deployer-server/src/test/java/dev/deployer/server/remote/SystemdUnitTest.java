package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.apps.JavaOptions;
import java.util.List;
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

    @Test
    void aProcfileWebCommandRunsInTheReleaseWithJarSetAndEachWordQuoted() {
        String unit = SystemdUnit.render(new SystemdUnit.Spec("billing", List.of("-Xmx1g"),
                List.of("java", "-Dserver.port=${PORT}", "-Dp=%d", "-jar", "app.jar", "say \"hi\" \\o/")));

        assertThat(unit).contains("\nEnvironmentFile=/etc/deployer/billing.env\nEnvironment=JAR=/opt/deployer/billing/current/app.jar\n"
                        + "StateDirectory=deployer/billing\nWorkingDirectory=/opt/deployer/billing/current\n")
                .contains("\nExecStart=\"java\" \"-Dserver.port=${PORT}\" \"-Dp=%%d\" \"-jar\" \"app.jar\" \"say \\\"hi\\\" \\\\o/\"\n")
                .contains("\nNoNewPrivileges=yes\nPrivateTmp=yes\nProtectSystem=strict\nProtectHome=yes\n");
    }

    @Test
    void aControlCharacterInACommandWordIsRefusedSoNoLineCanBeAdded() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SystemdUnit.quotedForExecStart("x\nExecStartPre=/bin/rm"))
                .hasMessageContaining("control character");
    }

    @Test
    void aSlotOfAProcfileWebUnitRunsTheSlotsReleaseAndJar() {
        String slot = SystemdUnit.forSlot(SystemdUnit.render(new SystemdUnit.Spec("billing", List.of(), List.of("java", "-jar", "app.jar"))),
                "billing");

        assertThat(slot).contains("\nEnvironment=JAR=/opt/deployer/billing/slot-%i/app.jar\n")
                .contains("\nWorkingDirectory=/opt/deployer/billing/slot-%i\n")
                .contains("\nEnvironmentFile=/etc/deployer/billing/slot-%i.env\n")
                .doesNotContain("/current");
    }

    @Test
    void aProcessTemplateHasTheWebUnitsUserEnvAndHardeningAndItsOwnCommand() {
        String unit = SystemdUnit.forProcess("billing", "worker", List.of("sh", "-c", "echo $HOME; sleep 1"));
        String web = SystemdUnit.render(app("billing", ""));

        assertThat(unit).contains("\nDescription=deployer app billing process worker (instance %i)\n")
                .contains("\nUser=billing\nGroup=billing\nEnvironmentFile=/etc/deployer/billing.env\n")
                .contains("\nExecStart=\"sh\" \"-c\" \"echo $HOME; sleep 1\"\n")
                .contains("\nSyslogIdentifier=billing-worker\n");
        assertThat(web.substring(web.indexOf("\nRestart=")).replace("SyslogIdentifier=billing\n", ""))
                .isEqualTo(unit.substring(unit.indexOf("\nRestart=")).replace("SyslogIdentifier=billing-worker\n", ""));
    }
}
