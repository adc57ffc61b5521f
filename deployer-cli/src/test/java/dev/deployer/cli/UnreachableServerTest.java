package dev.deployer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnreachableServerTest {

    @Test
    void everyServerCommandSaysInOneSentenceWhichUrlAndTheFixAndExitsOne() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort(); // nothing listens once it is closed
        }
        String url = "http://127.0.0.1:" + closed;
        DeployerCli.Environment environment = new DeployerCli.Environment(
                Map.of("DEPLOYER_URL", url, "DEPLOYER_TOKEN", "t"), Path.of("/nonexistent/config.json"));
        List<List<String>> commands = List.of(List.of("apps"), List.of("hosts"), List.of("deploy", "shop"),
                List.of("releases", "shop"), List.of("status", "shop"), List.of("logs", "shop"), List.of("logs", "shop", "-f"),
                List.of("config", "shop"), List.of("rollback", "shop"), List.of("ssh-key"), List.of("remote", "shop"),
                List.of("deployments", "shop"));
        for (List<String> command : commands) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();

            int code = DeployerCli.run(environment, new PrintWriter(out, true), new PrintWriter(err, true),
                    command.toArray(String[]::new));

            assertThat(code).as("%s", command).isEqualTo(DeployerCli.FAILED);
            assertThat(err.toString()).as("%s", command).isEqualTo("error: cannot reach the deployer server at " + url
                    + " (connection refused): start it with scripts/start, or set DEPLOYER_URL / run deployer login"
                    + System.lineSeparator());
            assertThat(out.toString()).as("%s", command).isEmpty();
        }
    }
}
