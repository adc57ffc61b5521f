package dev.deployer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTest {
    private final FakeApi api;

    HelpTest() throws Exception {
        api = new FakeApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void everyCommandAndSubcommandAnswersHelpWithUsageAndExamples() {
        List<String> paths = commandPaths();
        assertThat(paths).contains("", "deploy", "config set", "hosts add", "apps create", "logs", "ssh-key", "completion", "open", "deployments");
        for (String path : paths) {
            for (String flag : List.of("-h", "--help")) {
                String line = (path + " " + flag).trim();
                FakeApi.Result result = api.run(line.split(" "));
                assertThat(result.code()).as(line).isZero();
                assertThat(result.out()).as(line).startsWith(("Usage: deployer " + path).trim()).contains("Examples:");
                assertThat(result.err()).as(line).isEmpty();
            }
        }
        assertThat(api.requests).isEmpty();
    }

    @Test
    void helpAnswersEvenWhenTheAppArgumentIsBadOrMissing() {
        assertThat(api.run("deploy", "Bad_Name", "--help").code()).isZero();
        assertThat(api.run("rollback", "--help").out()).startsWith("Usage: deployer rollback").contains("--wait");
        assertThat(api.requests).isEmpty();
    }

    /** Every command in the tree but picocli's own {@code help}, as the words that reach it ("" for the top). */
    private static List<String> commandPaths() {
        CommandLine top = new CommandLine(new DeployerCli(), new DeployerCli.EnvironmentFactory(
                new DeployerCli.Environment(Map.of(), Path.of("/nonexistent/config.json"))));
        List<String> paths = new ArrayList<>();
        collect(top, "", paths);
        return paths;
    }

    private static void collect(CommandLine command, String path, List<String> paths) {
        paths.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                collect(sub, (path + " " + name).trim(), paths);
            }
        });
    }
}
