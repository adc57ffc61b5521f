package dev.deployer.cli;

import dev.deployer.api.HostInput;
import dev.deployer.api.RunOutput;
import dev.deployer.api.RunRequest;
import dev.deployer.api.RunResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer run shop -- java -jar app.jar db migrate",
                "  deployer run shop --host web2 -- sh -c 'java -jar $JAR --version; echo $PWD'",
                "  deployer run shop --timeout 30m -- sh -c 'curl -s localhost:$PORT/health'"},
        description = {"Run a one-off command in the app's current release on one of its hosts (default: the first): "
                + "in the release directory, as the app's user, with its config vars and the unit's hardening, "
                + "in a transient systemd unit. Prints the output as it comes and exits with the command's exit code.",
                "Words after -- are passed as they are, without a shell: to use $VARS (JAR is the release's jar), "
                + "pipes or globs, run sh -c '...'. Input is empty; Ctrl-C stops the command. "
                + "At its time limit it is stopped (exit 124)."})
public class RunCommand implements Callable<Integer> {
    /** What GNU timeout(1) exits with: the command ran into its time limit. */
    static final int TIMED_OUT = 124;
    private static final Pattern DURATION = Pattern.compile("^([1-9][0-9]{0,6})([smh]?)$");

    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    AppParameter app;

    @Option(names = "--host", paramLabel = "HOST", description = "the host to run on (default: the app's first)")
    String host;

    @Option(names = "--timeout", paramLabel = "TIME", description = "time limit: 90s, 10m, 1h (default: 10m; at most 1h)")
    String timeout;

    @Option(names = {"-q", "--quiet"}, description = "no notices from deployer on stderr, only the command's output")
    boolean quiet;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD", description = "the program and its arguments, after --")
    List<String> command;

    public RunCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        String name = app.name();
        if (host != null) {
            Validation.check(() -> HostInput.name(host));
        }
        Integer seconds = timeout == null ? null : seconds(timeout);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunResult result = connection.client().run(name, new RunRequest(command, host, seconds), output -> {
            switch (output.stream()) {
                case RunOutput.STDOUT -> print(out, output.text());
                case RunOutput.STDERR -> print(err, output.text());
                default -> {
                    if (!quiet) {
                        err.println("deployer: " + output.text());
                    }
                }
            }
        });
        out.flush();
        if (result == null) {
            err.println("error: the server ended the run's stream without saying how it ended: check deployer logs " + name);
            return DeployerCli.FAILED;
        }
        if (result.message() != null) {
            err.println("deployer: " + result.message());
        }
        if (result.droppedBytes() > 0) {
            err.println("deployer: " + result.droppedBytes() + " bytes of output were cut");
        }
        return result.exitCode() < 0 ? DeployerCli.FAILED : result.exitCode();
    }

    private static void print(PrintWriter writer, String text) {
        writer.print(text);
        writer.flush();
    }

    /** {@code 90}, {@code 90s}, {@code 15m}, {@code 1h} as seconds; the server checks the range. */
    static int seconds(String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            throw new UsageException("--timeout takes a time such as 90s, 10m or 1h (got '" + text + "')");
        }
        long value = Long.parseLong(matcher.group(1));
        long seconds = switch (matcher.group(2)) {
            case "m" -> value * 60;
            case "h" -> value * 3600;
            default -> value;
        };
        if (seconds > 3600) {
            throw new UsageException("--timeout is at most 1h (got '" + text + "')");
        }
        return (int) seconds;
    }
}
