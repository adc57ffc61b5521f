package dev.deployer.api;

import java.util.List;

/**
 * What {@code deploy --dry-run} found: the commit a deploy of {@code ref} would build, its artifact (or why there is
 * none yet: {@code build} says), the release it would make, and per host what would change. Nothing was changed.
 *
 * @param build    {@code reused} (an earlier build of the commit), {@code built} (built now; the real deploy reuses it),
 *                 or {@code needs a build: WHY} (then {@code artifactSha256} and {@code artifactBytes} are null)
 * @param release  the label the release would get ({@code v4}), if nothing else makes one first
 * @param notes    what happens once for the whole deploy (a release command, the canary order)
 */
public record DeployPlan(String app, String ref, String commit, String build, String artifactSha256, Long artifactBytes,
                         String release, String strategy, List<String> notes, List<HostPlan> hosts) {

    /**
     * One host: {@code error} set when it could not be read (the rest is then empty). {@code unitDiff}: unified-diff-like
     * lines of every unit file that would be written, bounded; {@code envAdded}, {@code envRemoved}, {@code envChanged}:
     * keys only, never a value; {@code processes}: what would start, stop, restart or switch, in order.
     */
    public record HostPlan(String host, String error, String current, List<String> unitDiff, List<String> envAdded,
                           List<String> envRemoved, List<String> envChanged, Transfer transfer, List<String> processes) {
        public static HostPlan failed(String host, String error) {
            return new HostPlan(host, error, null, List.of(), List.of(), List.of(), List.of(), null, List.of());
        }
    }

    /**
     * How the jar would reach the host. {@code how}: {@code on-host}, {@code hard-link} (from release {@code base}),
     * {@code patch} (against {@code base}; {@code bytes} null until the patch is made), {@code whole-jar} or
     * {@code needs-a-build}. {@code bytes}: what would be sent; {@code text}: one sentence.
     */
    public record Transfer(String how, Long bytes, Integer base, String text) {}
}
