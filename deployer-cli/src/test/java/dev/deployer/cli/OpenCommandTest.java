package dev.deployer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenCommandTest {
    @TempDir
    Path home;

    @Test
    void printsTheDashboardRouteOfTheAppOnTheConfiguredServerWithoutAToken() {
        assertThat(open(Map.of("DEPLOYER_URL", "http://127.0.0.1:8080"), "shop"))
                .isEqualTo(new Run(0, "http://127.0.0.1:8080/#/apps/shop", ""));
        assertThat(open(Map.of("DEPLOYER_URL", "https://ops.example/deployer/", "DEPLOYER_TOKEN", "t"), "web-2").out())
                .isEqualTo("https://ops.example/deployer/#/apps/web-2");
    }

    @Test
    void theServerSavedByLoginIsUsedWhenNoVariableIsSet() throws Exception {
        new CliConfig("http://deployer.lan:8080", "dpl_x").write(home.resolve("config.json"));
        assertThat(open(Map.of(), "shop").out()).isEqualTo("http://deployer.lan:8080/#/apps/shop");
    }

    @Test
    void aBadNameOrNoServerIsBadUsage() {
        Run bad = open(Map.of("DEPLOYER_URL", "http://127.0.0.1:8080"), "Shop");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        Run none = open(Map.of(), "shop");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("deployer login");
    }

    private record Run(int code, String out, String err) {}

    private Run open(Map<String, String> variables, String app) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DeployerCli.run(new DeployerCli.Environment(variables, home.resolve("config.json")),
                new PrintWriter(out, true), new PrintWriter(err, true), "open", app);
        return new Run(code, out.toString().strip(), err.toString().strip());
    }
}
