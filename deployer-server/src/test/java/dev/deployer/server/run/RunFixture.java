package dev.deployer.server.run;

import dev.deployer.api.Role;
import dev.deployer.server.apps.App;
import dev.deployer.server.audit.AuditLog;
import dev.deployer.server.auth.Caller;
import dev.deployer.server.releases.Release;
import dev.deployer.server.ssh.HostTarget;
import dev.deployer.server.testing.RecordingHosts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An app {@code shop} on web1 and web2 with release v3 current, hosts faked by {@link RecordingHosts}, the audit log kept in memory. */
final class RunFixture {
    final RecordingHosts hosts = new RecordingHosts();
    final List<String> audited = new ArrayList<>();
    final Caller caller = new Caller("ci-token", Role.DEPLOYER);
    Optional<Release> current = Optional.of(new Release(7, 1, 3, "c".repeat(40), "a".repeat(64), 10, "{}", "unit", "d",
            "succeeded", "ci", Instant.now(), null, null, null));
    final OneOffRuns runs = new OneOffRuns(hosts, name -> new HostTarget(name, "10.0.0.1", 22, "root", "ssh-ed25519 AAAA", "SHA256:x"),
            app -> current, new AuditLog(null, Clock.systemUTC()) {
                @Override
                public void record(String actor, String action, String target, String detail) {
                    audited.add(actor + " " + action + " " + target + " " + detail);
                }
            });

    RunFixture() {
        hosts.when("find /opt/deployer/shop -mindepth 1").prints("current releases/v3\n");
    }

    static App app(String strategy) {
        return new App(1, "shop", null, "main", 8080, "", 17, "/health", 60, null, null, 900, 5, null, List.of("web1", "web2"),
                Instant.now(), 512, "warn", strategy, 30, 600);
    }
}
