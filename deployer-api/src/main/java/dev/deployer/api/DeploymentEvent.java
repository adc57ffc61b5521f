package dev.deployer.api;

import java.time.Instant;

/**
 * One step of a deployment, as stored and streamed: {@code outcome} is started, ok, failed or
 * output (a build output line); {@code host} is null for steps that concern no single host.
 */
public record DeploymentEvent(long id, long deployment, Instant at, String host, String step, String outcome,
                              Long durationMs, String message) {

    /** One line for a terminal: {@code ok     web1 health (2310 ms): HTTP 200 from /health after 2 s}. */
    public String line() {
        if ("output".equals(outcome)) {
            return "  | " + message;
        }
        String mark = switch (outcome == null ? "" : outcome) {
            case "ok" -> "ok    ";
            case "failed" -> "FAILED";
            default -> "      ";
        };
        return mark + " " + (host == null ? "" : host + " ") + step + (durationMs == null ? "" : " (" + durationMs + " ms)")
                + ": " + message;
    }
}
