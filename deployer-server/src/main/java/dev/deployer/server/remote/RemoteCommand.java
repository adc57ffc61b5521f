package dev.deployer.server.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A command to run on a host: a list of words, or several such lists chained with {@code &&}.
 * Immutable. {@link #render()} is the only way it becomes text, so no caller ever formats a
 * command line; operators such as {@code &&} are structure here, never words.
 */
public final class RemoteCommand {
    private static final List<String> SUDO = List.of("sudo", "-n");

    private final List<List<String>> steps;

    private RemoteCommand(List<List<String>> steps) {
        this.steps = steps;
    }

    public static RemoteCommand of(String... words) {
        return of(List.of(words));
    }

    public static RemoteCommand of(List<String> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a remote command needs at least one word");
        }
        List<String> copy = List.copyOf(words);
        copy.forEach(Shell::quote); // rejects NUL now, where the command is built, not later on the wire
        return new RemoteCommand(List.of(copy));
    }

    /** {@code a && b && c}: each runs only when the one before succeeded. */
    public static RemoteCommand and(RemoteCommand... commands) {
        if (commands.length == 0) {
            throw new IllegalArgumentException("chain at least one command");
        }
        List<List<String>> all = new ArrayList<>();
        for (RemoteCommand command : commands) {
            all.addAll(command.steps);
        }
        return new RemoteCommand(List.copyOf(all));
    }

    /** This command, then {@code next} if this one succeeded. */
    public RemoteCommand then(RemoteCommand next) {
        return and(this, next);
    }

    /** The words of a single command. A chain has no single word list: see {@link #steps()}. */
    public List<String> words() {
        if (steps.size() != 1) {
            throw new IllegalStateException("a chain of " + steps.size() + " commands has no single word list: use steps()");
        }
        return steps.get(0);
    }

    /** The single commands of a chain, in order (one for a single command). */
    public List<RemoteCommand> steps() {
        return steps.stream().map(words -> new RemoteCommand(List.of(words))).toList();
    }

    public boolean isChain() {
        return steps.size() > 1;
    }

    /** The program run first, for error messages: never the arguments, which may name private paths. */
    public String program() {
        List<String> first = steps.get(0);
        return first.size() > 2 && first.subList(0, 2).equals(SUDO) ? first.get(2) : first.get(0);
    }

    /** Every step through {@code sudo -n} unless the login user is root: -n fails instead of waiting for a password. */
    public RemoteCommand privileged(boolean asRoot) {
        return asRoot ? this : prefixed(SUDO.toArray(String[]::new));
    }

    /** Puts {@code words} before every step, e.g. {@code sudo -n} or {@code timeout 60}. */
    public RemoteCommand prefixed(String... words) {
        List<List<String>> prefixed = new ArrayList<>();
        for (List<String> step : steps) {
            List<String> withPrefix = new ArrayList<>(List.of(words));
            withPrefix.addAll(step);
            prefixed.add(List.copyOf(withPrefix));
        }
        return new RemoteCommand(List.copyOf(prefixed));
    }

    /** Text for the remote shell: every word single-quoted, steps joined by an unquoted {@code &&}. */
    public String render() {
        return steps.stream()
                .map(words -> words.stream().map(Shell::quote).collect(Collectors.joining(" ")))
                .collect(Collectors.joining(" && "));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RemoteCommand command && steps.equals(command.steps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(steps);
    }

    @Override
    public String toString() {
        return render();
    }
}
