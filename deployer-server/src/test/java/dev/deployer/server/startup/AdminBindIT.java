package dev.deployer.server.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.testing.ServerProcess;
import dev.deployer.testhosts.WithTestHosts;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the Dropwizard admin port (no authentication) listens. The test hosts are asked for only
 * so that this machine has its bridge address, local but not loopback, in the one network tests may use.
 */
@WithTestHosts(1)
class AdminBindIT {
    @TempDir
    Path temp;

    /** This machine's address on the test hosts' bridge: local, not loopback, and inside the only network tests may use. */
    private static final String BRIDGE = "10.213.0.1";

    @Test
    void theAdminPortListensOnLoopbackOnlyWhileTheApiListensEverywhere() throws Exception {
        try (ServerProcess server = ServerProcess.start(temp.resolve("data"), Map.of())) {
            assertThat(reachable(BRIDGE, server.port())).as("the API on " + BRIDGE).isTrue();
            assertThat(reachable("127.0.0.1", server.adminPort())).as("admin on loopback").isTrue();
            assertThat(reachable(BRIDGE, server.adminPort())).as("admin on " + BRIDGE).isFalse();
            assertThat(server.output()).contains("127.0.0.1:" + server.adminPort() + "}");
        }
    }

    @Test
    void deployerAdminBindOpensTheAdminPortWhereItSays() throws Exception {
        try (ServerProcess server = ServerProcess.start(temp.resolve("data"), Map.of("DEPLOYER_ADMIN_BIND", BRIDGE))) {
            assertThat(reachable(BRIDGE, server.adminPort())).as("admin on " + BRIDGE).isTrue();
            assertThat(reachable("127.0.0.1", server.adminPort())).as("admin on loopback").isFalse();
        }
        ServerProcess bad = ServerProcess.launch(temp.resolve("data2"), Map.of("DEPLOYER_ADMIN_BIND", "everywhere"), List.of("server"));
        try {
            assertThat(bad.awaitExit(Duration.ofSeconds(90))).isNotZero();
            assertThat(bad.output()).contains("deployer cannot start: DEPLOYER_ADMIN_BIND must be an IP address");
        } finally {
            bad.close();
        }
    }

    private static boolean reachable(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
