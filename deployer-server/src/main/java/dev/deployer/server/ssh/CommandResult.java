package dev.deployer.server.ssh;

/** What a remote command did: exit code (-1 when killed by a signal) and its output, decoded as UTF-8. */
public record CommandResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }

    /** The last lines of stderr, short enough for an error message. */
    public String stderrTail() {
        return tail(stderr, 5, 600);
    }

    static String tail(String text, int lines, int chars) {
        String trimmed = text == null ? "" : text.strip();
        String[] all = trimmed.split("\n");
        String last = String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
        return last.length() <= chars ? last : "..." + last.substring(last.length() - chars);
    }
}
