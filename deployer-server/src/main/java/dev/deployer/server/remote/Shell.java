package dev.deployer.server.remote;

/**
 * The one place a word becomes text for the remote shell. Inside single quotes a POSIX shell
 * interprets nothing, so quoting every word (and splicing each {@code '} as {@code '\''}) makes
 * quotes, spaces, {@code $}, backticks, {@code ;}, globs and newlines plain data.
 */
public final class Shell {
    private Shell() {}

    public static String quote(String word) {
        if (word.indexOf('\0') >= 0) {
            // sshd and execve end a string at NUL: the host would run something shorter than what was built.
            throw new IllegalArgumentException("a remote command word may not contain a NUL character");
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
