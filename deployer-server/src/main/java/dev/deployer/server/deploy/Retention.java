package dev.deployer.server.deploy;

import dev.deployer.server.build.ArtifactStore;
import dev.deployer.server.releases.Release;
import dev.deployer.server.releases.ReleaseDao;
import dev.deployer.server.remote.ReleaseCommands;
import dev.deployer.server.ssh.HostAccess;
import dev.deployer.server.ssh.HostTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * After a good deploy: keep the newest {@code keep} release dirs on each host, never the current
 * or the last good one; the server's store keeps the artifacts of every release any host keeps.
 */
public class Retention {
    private static final Duration STEP = Duration.ofSeconds(60);

    private final HostAccess ssh;
    private final ReleaseDao releases;
    private final ArtifactStore artifacts;

    private final ExecutorService workers;

    /** {@code workers}: where each host's prune runs, all hosts at once. */
    public Retention(HostAccess ssh, ReleaseDao releases, ArtifactStore artifacts, ExecutorService workers) {
        this.ssh = ssh;
        this.releases = releases;
        this.artifacts = artifacts;
        this.workers = workers;
    }

    public void apply(RolloutPlan plan, StepLog log) {
        List<Release> history = releases.history(plan.app().id());
        Set<Integer> keep = keptVersions(plan, history);
        String app = plan.app().name();
        List<Future<?>> pruning = new ArrayList<>();
        for (HostTarget host : plan.hosts()) {
            Runnable prune = () -> {
                try {
                    log.step(host, "prune", () -> prune(host, app, keep));
                } catch (RuntimeException e) {
                    // pruning is housekeeping: the release is already current and healthy
                }
            };
            try {
                pruning.add(workers.submit(prune));
            } catch (RejectedExecutionException e) {
                prune.run();
            }
        }
        for (Future<?> each : pruning) {
            try {
                each.get();
            } catch (ExecutionException e) {
                // already logged as the step's failure
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
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

    /** One round trip: every release dir but the kept ones removed, the removed ones named. */
    private String prune(HostTarget host, String app, Set<Integer> keep) {
        List<String> removed = ssh.run(host, "prune", ReleaseCommands.pruneReleases(app, keep).privileged(host.root()), STEP)
                .stdout().lines().map(String::trim).filter(name -> name.matches("v\\d+"))
                .sorted(java.util.Comparator.comparingInt((String name) -> Integer.parseInt(name.substring(1)))).toList();
        return removed.isEmpty() ? "nothing to prune (kept " + labels(keep) + ")"
                : "removed " + String.join(", ", removed) + " (kept " + labels(keep) + ")";
    }

    private static String labels(Set<Integer> versions) {
        return String.join(", ", versions.stream().sorted().map(v -> "v" + v).toList());
    }
}
