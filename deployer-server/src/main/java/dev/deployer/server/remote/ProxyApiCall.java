package dev.deployer.server.remote;

import java.nio.charset.StandardCharsets;

/**
 * One exchange with an app's proxy runtime API: {@link #command()} (socat on the socket) is run
 * with {@link #input()} on its stdin, so the API line is data on a pipe, never part of a command line.
 */
public record ProxyApiCall(RemoteCommand command, String input) {
    public ProxyApiCall {
        if (input.isBlank() || !input.endsWith("\n") || input.indexOf('\n') != input.length() - 1) {
            throw new IllegalArgumentException("a runtime API call is one line ending in a newline");
        }
    }

    public byte[] stdin() {
        return input.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether a {@code set server} / {@code shutdown} line was applied: haproxy answers those with
     * nothing but blank lines, and with a sentence ("No such server.", "Require 'backend/server'.") otherwise.
     */
    public static boolean applied(String stdout) {
        return stdout.isBlank();
    }
}
