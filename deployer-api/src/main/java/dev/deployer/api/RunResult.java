package dev.deployer.api;

/**
 * How a one-off run ended: the last event ({@code end}) of its stream.
 *
 * @param exitCode     the command's exit code; 124 when it ran into its time limit (as {@code timeout(1)} says);
 *                     -1 when the deployer lost the host before the command ended
 * @param timedOut     systemd stopped it at its time limit
 * @param droppedBytes output beyond the cap, not sent (0: all of it was)
 * @param message      one sentence when it did not end by itself (time limit, host lost), else null
 */
public record RunResult(String host, String unit, int version, int exitCode, boolean timedOut, long seconds,
                        long droppedBytes, String message) {}
