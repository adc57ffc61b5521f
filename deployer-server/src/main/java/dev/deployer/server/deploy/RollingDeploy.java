package dev.deployer.server.deploy;

import dev.deployer.server.hosts.HostTarget;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Makes a release current on every host of an app, or leaves every host on the release it had.
 * Stage everywhere first (uploads, nothing running changes); then the first host as a canary,
 * then the rest in batches. On any failure every host that was touched goes back.
 */
public class RollingDeploy {
    private final HostRollout rollout;
    private final DeploymentDao dao;
    private final ExecutorService workers;
    private final Clock clock;

    public RollingDeploy(HostRollout rollout, DeploymentDao dao, ExecutorService workers, Clock clock) {
        this.rollout = rollout;
        this.dao = dao;
        this.workers = workers;
        this.clock = clock;
    }

    /** Returns how many hosts received artifact bytes; throws {@link StepFailure} when the rollout failed and was reverted. */
    public int run(RolloutPlan plan, StepLog log) {
        List<HostTarget> hosts = plan.hosts();
        hosts.forEach(host -> state(plan, host, "pending", null));
        int[] uploads = {0};
        Map<HostTarget, RuntimeException> staged = onEach(hosts, host -> {
            state(plan, host, "staging", null);
            if (rollout.stage(host, plan.app(), plan.target(), plan.artifact(), log)) {
                synchronized (uploads) {
                    uploads[0]++;
                }
            }
        });
        if (!staged.isEmpty()) {
            staged.forEach((host, e) -> state(plan, host, "failed", e.getMessage()));
            throw firstOf(staged);
        }
        List<HostTarget> touched = new ArrayList<>();
        for (List<HostTarget> batch : batches(hosts, plan.app().batchSize())) {
            touched.addAll(batch);
            Map<HostTarget, RuntimeException> failed = onEach(batch, host -> {
                state(plan, host, "activating", null);
                rollout.activate(host, plan.app(), plan.target(), plan.config(), log);
                state(plan, host, "healthy", null);
            });
            if (!failed.isEmpty()) {
                failed.forEach((host, e) -> state(plan, host, "failed", e.getMessage()));
                revert(plan, touched, failed, log);
                throw firstOf(failed);
            }
        }
        return uploads[0];
    }

    private void revert(RolloutPlan plan, List<HostTarget> touched, Map<HostTarget, RuntimeException> failed, StepLog log) {
        log.note(null, "revert", plan.previous().map(p -> "putting " + touched.size() + " host(s) back on " + p.label())
                .orElse("first deploy failed: stopping the app on " + touched.size() + " host(s)"));
        onEach(touched, host -> {
            try {
                if (plan.previous().isPresent()) {
                    rollout.activate(host, plan.app(), plan.previous().get(), plan.previousConfig(), log);
                } else {
                    rollout.retire(host, plan.app(), log);
                }
                state(plan, host, failed.containsKey(host) ? "failed" : "reverted",
                        failed.containsKey(host) ? failed.get(host).getMessage() + " (reverted)" : "reverted");
            } catch (RuntimeException e) {
                state(plan, host, "failed", "revert failed: " + e.getMessage());
                throw e;
            }
        });
    }

    static List<List<HostTarget>> batches(List<HostTarget> hosts, Integer batchSize) {
        List<List<HostTarget>> batches = new ArrayList<>();
        if (hosts.isEmpty()) {
            return batches;
        }
        batches.add(List.of(hosts.get(0)));
        List<HostTarget> rest = hosts.subList(1, hosts.size());
        int size = batchSize == null || batchSize < 1 ? Math.max(1, rest.size()) : batchSize;
        for (int i = 0; i < rest.size(); i += size) {
            batches.add(List.copyOf(rest.subList(i, Math.min(rest.size(), i + size))));
        }
        return batches;
    }

    private Map<HostTarget, RuntimeException> onEach(List<HostTarget> hosts, Consumer<HostTarget> work) {
        Map<HostTarget, Future<?>> running = new LinkedHashMap<>();
        hosts.forEach(host -> running.put(host, workers.submit(() -> work.accept(host))));
        Map<HostTarget, RuntimeException> failures = new LinkedHashMap<>();
        running.forEach((host, future) -> {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.put(host, new StepFailure(host.name(), "interrupted", "the server is stopping", e));
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                failures.put(host, cause instanceof RuntimeException r ? r : new IllegalStateException(cause));
            }
        });
        return failures;
    }

    private static RuntimeException firstOf(Map<HostTarget, RuntimeException> failures) {
        return failures.values().iterator().next();
    }

    private void state(RolloutPlan plan, HostTarget host, String state, String message) {
        dao.hostState(plan.deployment(), host.name(), state, message, clock.instant());
    }
}
