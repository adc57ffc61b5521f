package dev.deployer.server.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployer.api.ApiException;
import dev.deployer.api.DeployerClient;
import dev.deployer.api.Host;
import dev.deployer.api.HostRequest;
import dev.deployer.api.Json;
import dev.deployer.cli.DeployerCli;
import dev.deployer.server.testing.ServerProcess;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hosts endpoints as each role sees them, and {@code deployer hosts} with the contract's output and exit codes. */
@WithTestHosts
class HostsCliIT {
    private static ServerProcess server;
    private static DeployerClient admin;
    private static TestHosts hosts;

    @BeforeAll
    static void start(TestHosts testHosts) throws Exception {
        hosts = testHosts;
        server = ServerProcess.start(Map.of());
        admin = server.adminClient();
        String publicKey = admin.sshKey().publicKey();
        for (TestHost host : hosts) {
            TestHostSetup.authorize(host, publicKey);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void rolesGateEveryHostEndpoint() {
        DeployerClient viewer = server.client(admin.createToken("hosts-viewer", "viewer").token());
        DeployerClient deployer = server.client(admin.createToken("hosts-deployer", "deployer").token());
        TestHost th1 = hosts.get(0);
        admin.addHost(new HostRequest("roles", th1.address(), th1.port(), null, null));

        assertThat(viewer.hosts()).extracting(Host::name).contains("roles");
        assertThat(deployer.checkHost("roles", null, null).host()).isEqualTo("roles");
        assertThatThrownBy(() -> viewer.checkHost("roles", null, null)).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(403));
        assertThatThrownBy(() -> deployer.addHost(new HostRequest("x", th1.address(), 22, null, null)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(403));
        assertThatThrownBy(() -> deployer.trustHost("roles", null)).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(403));
        assertThatThrownBy(() -> deployer.removeHost("roles")).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(403));
    }

    @Test
    void theCliAddsListsChecksAndRemovesWithTheContractsExitCodes() throws Exception {
        TestHost th3 = hosts.get(2);
        Cli cli = new Cli(server.url(), server.adminToken());

        assertThat(cli.run("hosts", "add", "by-cli", "--address", th3.address(), "--user", "deploy")).isZero();
        assertThat(cli.out()).contains("Added host by-cli (deploy@" + th3.address() + ":22); pinned its host key SHA256:")
                .contains("all checks passed");
        assertThat(cli.run("hosts")).isZero();
        assertThat(cli.out()).startsWith("NAME").contains("by-cli").contains(th3.address() + ":22");
        assertThat(cli.run("hosts", "--json")).isZero();
        assertThat(Json.mapper().readValue(cli.out(), Host[].class)).extracting(Host::name).contains("by-cli");
        assertThat(cli.run("hosts", "check", "by-cli")).isZero();
        assertThat(cli.run("hosts", "check", "by-cli", "--port", "22")).isEqualTo(1);
        assertThat(cli.out()).contains("FAIL  port 22");
        assertThat(cli.err()).contains("preflight of host by-cli failed");
        assertThat(cli.run("hosts", "add", "Bad_Name", "--address", th3.address())).isEqualTo(2);
        assertThat(cli.err()).contains("host name 'Bad_Name' is not valid");
        assertThat(cli.run("hosts", "add", "x", "--address", "a b")).isEqualTo(2);
        assertThat(cli.run("hosts", "check", "no-such-host")).isEqualTo(2);
        assertThat(cli.run("hosts", "remove", "by-cli")).isZero();
        assertThat(cli.out()).contains("Removed host by-cli.");
    }

    /** The CLI in-process, with its own environment and output. */
    private static final class Cli {
        private final Path config;
        private final Map<String, String> env;
        private StringWriter out;
        private StringWriter err;

        Cli(String url, String token) throws IOException {
            this.config = Files.createTempDirectory("cli-").resolve("config.json");
            this.env = Map.of("DEPLOYER_URL", url, "DEPLOYER_TOKEN", token);
        }

        int run(String... args) {
            out = new StringWriter();
            err = new StringWriter();
            return DeployerCli.run(new DeployerCli.Environment(env, config),
                    new PrintWriter(out, true), new PrintWriter(err, true), args);
        }

        String out() { return out.toString(); }
        String err() { return err.toString(); }
    }
}
