package dev.deployer.server.deploy;

import dev.deployer.api.HostRolloutState;
import dev.deployer.server.releases.Release;
import dev.deployer.server.secrets.Secret;
import dev.deployer.server.ssh.HostTarget;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a release current on every host of an app, or leaves every host on the release it had.
 * Stage everywhere first (uploads, nothing running changes); then the first host as a canary,
 * then the rest in batches. On any failure every host that was touched goes back.
 */
public class RollingDeploy {
    private static final Logger LOG = LoggerFactory.getLogger(RollingDeploy.class);

    private final HostRollout rollout;
    private final SlotRollout slots;
    private final ProcessRollout processes;
    private final ReleasePhase releasePhase;
    private final DeploymentDao dao;
    private final ExecutorService workers;
    private final Clock clock;

    /** {@code slots} runs the apps whose strategy is zero-downtime; null: every app restarts in place. */
    public RollingDeploy(HostRollout rollout, SlotRollout slots, DeploymentDao dao, ExecutorService workers, Clock clock) {
        this(rollout, slots, null, null, dao, workers, clock);
    }

    /** {@code processes} runs the Procfile types other than web once web serves (null: none run, for tests of web alone). */
    public RollingDeploy(HostRollout rollout, SlotRollout slots, ProcessRollout processes, ReleasePhase releasePhase,
                         DeploymentDao dao, ExecutorService workers, Clock clock) {
        this.releasePhase = releasePhase;
        this.rollout = rollout;
        this.slots = slots;
        this.processes = processes;
        this.dao = dao;
        this.workers = workers;
        this.clock = clock;
    }

    public RollingDeploy(HostRollout rollout, DeploymentDao dao, ExecutorService workers, Clock clock) {
        this(rollout, null, dao, workers, clock);
    }

    private boolean zeroDowntime(RolloutPlan plan) {
        return slots != null && plan.app().zeroDowntime();
    }

    /**
     * Returns how many hosts received artifact bytes; throws {@link StepFailure} when the rollout failed and was
     * reverted. Whatever is thrown once a host was touched (a step, a recording, an interrupt), every touched host is
     * put back before this returns: reverting comes first, recording second and best-effort.
     */
    public int run(RolloutPlan plan, StepLog log) {
        List<HostTarget> hosts = plan.hosts();
        hosts.forEach(host -> record(plan, host, HostRolloutState.PENDING, null));
        // A release phase needs the release staged on its host: no shortcut to a warm standby then.
        boolean phase = plan.releasePhase() && releasePhase != null && plan.target().procfile().flatMap(p -> p.release()).isPresent();
        if (zeroDowntime(plan) && !phase) {
            Optional<Map<HostTarget, SlotRollout.Warm>> warm = warmEverywhere(plan);
            if (warm.isPresent()) {
                switchToWarm(plan, warm.get(), log);
                return 0;
            }
        }
        // What staging read on each host: activation and the processes use it instead of asking again.
        Map<HostTarget, HostRollout.Staged> found = new ConcurrentHashMap<>();
        Outcome staged = onEach(hosts, host -> {
            record(plan, host, HostRolloutState.STAGING, null);
            found.put(host, rollout.stage(host, plan.app(), plan.target(), plan.artifact(), log));
            record(plan, host, HostRolloutState.STAGED, null);
        });
        if (!staged.ok()) {
            // Staging changes nothing a running app sees: there is nothing to put back.
            staged.failures().forEach((host, e) -> record(plan, host, HostRolloutState.FAILED, e.getMessage()));
            staged.restoreInterrupt();
            throw firstOf(staged.failures());
        }
        if (phase) {
            HostTarget first = hosts.get(0);
            try {
                releasePhase.run(first, plan.app(), plan.target(), plan.config(), log);
            } catch (RuntimeException e) {
                // Nothing switched anywhere: the hosts keep serving what they served; only the staged files are new.
                record(plan, first, HostRolloutState.FAILED, e.getMessage());
                throw e;
            }
        }
        List<HostTarget> touched = new ArrayList<>();
        for (List<HostTarget> batch : batches(hosts, plan.app().batchSize(), plan.app().canary())) {
            touched.addAll(batch);
            Outcome activated = onEach(batch, host -> {
                record(plan, host, HostRolloutState.ACTIVATING, null);
                if (zeroDowntime(plan)) {
                    slots.activate(host, plan.app(), plan.target(), plan.config(), log);
                } else {
                    rollout.activate(host, plan.app(), plan.target(), plan.config(), found.get(host), log);
                }
                if (processes != null) {
                    processes.apply(host, plan.app(), Optional.of(plan.target()), plan.config(), found.get(host).processes(), log);
                }
                record(plan, host, HostRolloutState.HEALTHY, null);
            });
            if (!activated.ok()) {
                try {
                    revert(plan, touched, activated.failures(), log);
                } finally {
                    activated.restoreInterrupt();
                }
                throw firstOf(activated.failures());
            }
        }
        if (zeroDowntime(plan)) {
            settle(plan, hosts, log);
        }
        return (int) found.values().stream().filter(host -> host.sent() > 0).count();
    }

    /** Each host's warm standby, when every host's runs the target release; empty when any does not or cannot be read. */
    private Optional<Map<HostTarget, SlotRollout.Warm>> warmEverywhere(RolloutPlan plan) {
        Map<HostTarget, SlotRollout.Warm> warm = new ConcurrentHashMap<>();
        Outcome probed = onEach(plan.hosts(), host -> slots.warmStandby(host, plan.app(), plan.target(), plan.config())
                .ifPresent(found -> warm.put(host, found)));
        probed.restoreInterrupt();
        return probed.ok() && !warm.isEmpty() && warm.size() == plan.hosts().size() ? Optional.of(Map.copyOf(warm)) : Optional.empty();
    }

    /**
     * Every host's standby runs the target: all hosts switch at once, with no staging and no canary first (no JVM
     * starts, no byte moves; each standby has just answered its health check). Then the files follow on each host.
     * Any failure puts every host back on the slot it had.
     */
    private void switchToWarm(RolloutPlan plan, Map<HostTarget, SlotRollout.Warm> warm, StepLog log) {
        List<HostTarget> hosts = plan.hosts();
        log.note(null, "switch", "the warm standby on every host runs " + plan.target().label() + ": switching " + hosts.size()
                + " host(s) at once; no JVM started, nothing uploaded");
        hosts.forEach(host -> record(plan, host, HostRolloutState.ACTIVATING, null));
        Outcome switched = onEach(hosts, host -> slots.switchToWarm(host, plan.app(), warm.get(host), log));
        Outcome done = !switched.ok() ? switched : onEach(hosts, host -> {
            slots.persistWarm(host, plan.app(), plan.target(), warm.get(host), log);
            processes(plan, host, Optional.of(plan.target()), plan.config(), log);
            record(plan, host, HostRolloutState.HEALTHY, null);
        });
        if (!done.ok()) {
            try {
                revert(plan, hosts, done.failures(), log);
            } finally {
                done.restoreInterrupt();
            }
            throw firstOf(done.failures());
        }
        settle(plan, hosts, log);
    }

    /**
     * Every host serves the new release: the old slots drain and go to standby. Housekeeping: the deployment has
     * succeeded, so a host that cannot settle is logged and named in an event, never failed or reverted.
     */
    private void settle(RolloutPlan plan, List<HostTarget> hosts, StepLog log) {
        Outcome settled = onEach(hosts, host -> slots.settle(host, plan.app(), log));
        settled.failures().forEach((host, e) -> LOG.warn("deployment={} app={} host={} old slot not settled: {}",
                plan.deployment(), plan.app().name(), host.name(), e.getMessage()));
        settled.restoreInterrupt();
    }

    /** Puts every touched host back; a host whose revert fails is reported, the others are still reverted. */
    private void revert(RolloutPlan plan, List<HostTarget> touched, Map<HostTarget, RuntimeException> failed, StepLog log) {
        log.note(null, "revert", plan.previous().map(p -> "putting " + touched.size() + " host(s) back on " + p.label())
                .orElse("first deploy failed: stopping the app on " + touched.size() + " host(s)"));
        Outcome reverted = onEach(touched, host -> {
            if (zeroDowntime(plan)) {
                slots.revert(host, plan.app(), plan.previous(), plan.previousConfig(), log);
            } else if (plan.previous().isPresent()) {
                rollout.activate(host, plan.app(), plan.previous().get(), plan.previousConfig(), log);
            } else {
                rollout.retire(host, plan.app(), log);
            }
            // The previous release's processes, at its formation; none after a first deploy.
            processes(plan, host, plan.previous(), plan.previousConfig(), log);
        });
        for (HostTarget host : touched) {
            RuntimeException revertFailure = reverted.failures().get(host);
            RuntimeException failure = failed.get(host);
            if (revertFailure != null) {
                record(plan, host, HostRolloutState.FAILED, (failure == null ? "" : failure.getMessage() + "; ")
                        + "revert failed: " + revertFailure.getMessage());
            } else {
                record(plan, host, failure == null ? HostRolloutState.REVERTED : HostRolloutState.FAILED,
                        failure == null ? "reverted" : failure.getMessage() + " (reverted)");
            }
        }
        reverted.restoreInterrupt();
    }

    private void processes(RolloutPlan plan, HostTarget host, Optional<Release> release, Map<String, Secret> config, StepLog log) {
        if (processes != null) {
            processes.apply(host, plan.app(), release, config, log);
        }
    }

    /** The first host alone when {@code canary}; then the rest {@code batchSize} at a time (null: all at once). */
    static List<List<HostTarget>> batches(List<HostTarget> hosts, Integer batchSize, boolean canary) {
        List<List<HostTarget>> batches = new ArrayList<>();
        if (hosts.isEmpty()) {
            return batches;
        }
        if (canary) {
            batches.add(List.of(hosts.get(0)));
        }
        List<HostTarget> rest = canary ? hosts.subList(1, hosts.size()) : hosts;
        int size = batchSize == null || batchSize < 1 ? Math.max(1, rest.size()) : batchSize;
        for (int i = 0; i < rest.size(); i += size) {
            batches.add(List.copyOf(rest.subList(i, Math.min(rest.size(), i + size))));
        }
        return batches;
    }

    /** What happened on each host of one parallel step; {@code interrupted} when the waiting thread was. */
    private record Outcome(Map<HostTarget, RuntimeException> failures, boolean interrupted) {
        boolean ok() {
            return failures.isEmpty();
        }

        void restoreInterrupt() {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Runs {@code work} on every host at once and waits for all of them, even when interrupted: a host still in the
     * middle of a step must finish it before anyone reverts it. An interrupt fails the hosts that had not failed.
     */
    private Outcome onEach(List<HostTarget> hosts, Consumer<HostTarget> work) {
        Map<HostTarget, Future<?>> running = new LinkedHashMap<>();
        Map<HostTarget, RuntimeException> failures = new LinkedHashMap<>();
        for (HostTarget host : hosts) {
            try {
                running.put(host, workers.submit(() -> work.accept(host)));
            } catch (RuntimeException e) {
                failures.put(host, new StepFailure(host.name(), "start", "no worker to run the step: " + e.getMessage(), e));
            }
        }
        boolean interrupted = Thread.interrupted();
        for (Map.Entry<HostTarget, Future<?>> entry : running.entrySet()) {
            while (true) {
                try {
                    entry.getValue().get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    failures.put(entry.getKey(), cause instanceof RuntimeException r ? r
                            : new StepFailure(entry.getKey().name(), "step", String.valueOf(cause), cause));
                    break;
                }
            }
        }
        if (interrupted) {
            for (HostTarget host : hosts) {
                failures.putIfAbsent(host, new StepFailure(host.name(), "interrupted", "the server is stopping", null));
            }
        }
        return new Outcome(failures, interrupted);
    }

    private static RuntimeException firstOf(Map<HostTarget, RuntimeException> failures) {
        return failures.values().iterator().next();
    }

    /** Best-effort: a state that cannot be stored is logged, and the rollout (or its revert) goes on. */
    private void record(RolloutPlan plan, HostTarget host, HostRolloutState state, String message) {
        try {
            dao.hostState(plan.deployment(), host.name(), state.value(), message, clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("deployment={} app={} host={} state {} could not be stored: {}", plan.deployment(), plan.app().name(),
                    host.name(), state, e.getMessage());
        }
    }
}
