package dev.deployer.server.deploy;

import dev.deployer.server.apps.App;
import dev.deployer.server.releases.Release;
import dev.deployer.server.secrets.Secret;
import dev.deployer.server.ssh.HostTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * A host rollout that touches no host: it records each step as "host step vN" and can fail any of
 * them, so every revert path of the rollout can be driven without SSH.
 */
class RecordingRollout extends HostRollout {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final Map<String, Integer> running = new ConcurrentHashMap<>();
    private volatile BiConsumer<String, String> onStep = (host, step) -> {};

    RecordingRollout() {
        super(null, null);
    }

    /** {@code fault} sees (host, "activate vN") before the step is recorded as done, and may throw. */
    RecordingRollout failing(BiConsumer<String, String> fault) {
        this.onStep = fault;
        return this;
    }

    @Override
    public Staged stage(HostTarget host, App app, Release release, Path artifact, StepLog log) {
        step(host, "stage v" + release.version());
        return new Staged(1, java.util.List.of(), java.util.Optional.empty(), java.util.Optional.empty(), java.util.List.of(),
                java.util.List.of());
    }

    @Override
    public void activate(HostTarget host, App app, Release release, Map<String, Secret> config, StepLog log) {
        step(host, "activate v" + release.version());
    }

    @Override
    public void activate(HostTarget host, App app, Release release, Map<String, Secret> config, Staged staged, StepLog log) {
        step(host, "activate v" + release.version());
    }

    @Override
    public void retire(HostTarget host, App app, StepLog log) {
        step(host, "retire");
    }

    /** Where each host ended: the version of its last successful activate, or 0 when retired. */
    int versionOn(String host) {
        return running.getOrDefault(host, -1);
    }

    private void step(HostTarget host, String step) {
        onStep.accept(host.name(), step);
        calls.add(host.name() + " " + step);
        if (step.startsWith("activate v")) {
            running.put(host.name(), Integer.parseInt(step.substring("activate v".length())));
        } else if (step.equals("retire")) {
            running.put(host.name(), 0);
        }
    }
}
