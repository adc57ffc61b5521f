package dev.deployer.api;

import java.util.List;

/** Preflight of one host: every check in order; {@code ok} when all passed. */
public record PreflightReport(String host, boolean ok, List<PreflightCheck> checks) {
    public static PreflightReport of(String host, List<PreflightCheck> checks) {
        return new PreflightReport(host, checks.stream().allMatch(PreflightCheck::ok), List.copyOf(checks));
    }
}
