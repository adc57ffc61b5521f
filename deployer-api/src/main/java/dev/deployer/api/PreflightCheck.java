package dev.deployer.api;

/** One preflight item: passed or not, what was found, and (when it failed) how to fix it. */
public record PreflightCheck(String name, boolean ok, String detail, String fix) {
    public static PreflightCheck pass(String name, String detail) {
        return new PreflightCheck(name, true, detail, null);
    }

    public static PreflightCheck fail(String name, String detail, String fix) {
        return new PreflightCheck(name, false, detail, fix);
    }
}
