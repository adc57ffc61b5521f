package dev.deployer.cli;

import dev.deployer.api.ApiException;
import dev.deployer.api.ServerUnreachable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code deployer}: exit 0 on success, 1 on a failed operation, 2 on bad usage or input. The help
 * options are inherited (scope INHERIT), so every subcommand answers -h/--help; each adds its Examples.
 */
@Command(name = "deployer", scope = CommandLine.ScopeType.INHERIT,
        footerHeading = "%nExamples:%n", footer = {
                "  deployer login --server http://deployer.example:8080 --token dpl_...",
                "  deployer apps create shop --hosts web1,web2",
                "  deployer deploy shop",
                "  deployer help deploy"},
        mixinStandardHelpOptions = true, versionProvider = DeployerCli.VersionProvider.class,
        description = "Deploy JVM services to your own Linux hosts: git push, systemd, rollback.",
        subcommands = {LoginCommand.class, HostsCommand.class, AppsCommand.class, ConfigCommand.class, DeployCommand.class,
                ReleasesCommand.class, DeploymentsCommand.class, RollbackCommand.class, ScaleCommand.class, StatusCommand.class,
                PsCommand.class, LogsCommand.class, RunCommand.class, GitRemoteCommand.class, SshKeyCommand.class, OpenCommand.class,
                NotifyCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class})
public class DeployerCli implements Runnable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    /** What to do when no server answers, after the sentence naming its URL. */
    static final String UNREACHABLE_FIX = "start it with scripts/start, or set DEPLOYER_URL / run deployer login";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new Environment(System.getenv(), CliConfig.defaultPath()), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), args));
    }

    /** Runs one command line against the given environment; what tests call. */
    public static int run(Environment environment, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new DeployerCli(), new EnvironmentFactory(environment));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UsageException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return USAGE;
            }
            if (e instanceof ServerUnreachable unreachable) {
                commandLine.getErr().println("error: " + unreachable.getMessage() + ": " + UNREACHABLE_FIX);
                return FAILED;
            }
            if (e instanceof ApiException api) {
                commandLine.getErr().println("error: " + api.getMessage());
                return api.code() == 400 || api.code() == 404 ? USAGE : FAILED;
            }
            commandLine.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return FAILED;
        });
        cli.setParameterExceptionHandler((e, arguments) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return USAGE;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The environment a command runs in: variables and where the config file lives. Injected so tests need no real HOME. */
    public record Environment(java.util.Map<String, String> variables, java.nio.file.Path configFile) {}

    /** Hands each command the {@link Environment}. */
    static final class EnvironmentFactory implements CommandLine.IFactory {
        private final Environment environment;

        EnvironmentFactory(Environment environment) {
            this.environment = environment;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == Environment.class) {
                return type.cast(environment);
            }
            try {
                return type.getDeclaredConstructor(Environment.class).newInstance(environment);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = DeployerCli.class.getResourceAsStream("/deployer-cli.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"deployer " + properties.getProperty("version", "dev")};
        }
    }
}
