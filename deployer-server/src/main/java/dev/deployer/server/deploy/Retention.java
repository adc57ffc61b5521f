package dev.deployer.server.deploy;

import dev.deployer.server.build.ArtifactStore;
import dev.deployer.server.releases.Release;
import dev.deployer.server.releases.ReleaseDao;
import dev.deployer.server.remote.HostCommands;
import dev.deployer.server.remote.HostLayout;
import dev.deployer.server.remote.ReleaseCommands;
import dev.deployer.server.ssh.HostAccess;
import dev.deployer.server.ssh.HostTarget;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * After a good deploy: keep the newest {@code keep} release dirs on each host, never the current
 * or the last good one; the server's store keeps the artifacts of every release any host keeps.
 */
public class Retention {
    private static final Duration STEP = Duration.ofSeconds(60);

    private final HostAccess ssh;
    private final ReleaseDao releases;
    private final ArtifactStore artifacts;

    public Retention(HostAccess ssh, ReleaseDao releases, ArtifactStore artifacts) {
        this.ssh = ssh;
        this.releases = releases;
        this.artifacts = artifacts;
    }

    public void apply(RolloutPlan plan, StepLog log) {
        List<Release> history = releases.history(plan.app().id());
        Set<Integer> keep = keptVersions(plan, history);
        HostLayout layout = new HostLayout(plan.app().name());
        for (HostTarget host : plan.hosts()) {
            try {
                log.step(host, "prune", () -> prune(host, layout, keep));
            } catch (RuntimeException e) {
                // pruning is housekeeping: the release is already current and healthy
            }
        }
        Set<String> keepArtifacts = new HashSet<>();
        history.stream().filter(r -> keep.contains(r.version()))
                .forEach(r -> keepArtifacts.add(r.artifactSha256()));
        artifacts.retainOnly(plan.app().id(), keepArtifacts);
    }

    /** The newest {@code keep} versions, plus the current one and the last good one before it. */
    Set<Integer> keptVersions(RolloutPlan plan, List<Release> history) {
        Set<Integer> keep = new TreeSet<>();
        history.stream().limit(Math.max(1, plan.app().keepReleases())).forEach(r -> keep.add(r.version()));
        keep.add(plan.target().version());
        plan.previous().ifPresent(p -> keep.add(p.version()));
        releases.lastGoodBefore(plan.app().id(), plan.target().version()).ifPresent(r -> keep.add(r.version()));
        return keep;
    }

    private String prune(HostTarget host, HostLayout layout, Set<Integer> keep) {
        List<String> present = ssh.runAllowingFailure(host, "prune",
                ReleaseCommands.listReleases(layout.app()).privileged(host.root()), STEP).stdout().lines()
                .map(String::trim).filter(name -> name.matches("v\\d+")).toList();
        List<String> removed = present.stream().filter(name -> !keep.contains(Integer.parseInt(name.substring(1)))).toList();
        for (String name : removed) {
            ssh.run(host, "prune", HostCommands.removeTree(layout.releaseDir(Integer.parseInt(name.substring(1))))
                    .privileged(host.root()), STEP);
        }
        return removed.isEmpty() ? "nothing to prune (" + present.size() + " release dirs)" : "removed " + String.join(", ", removed);
    }
}
