package dev.deployer.server.metrics;

import dev.deployer.server.deploy.DeploymentObserver;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;

/**
 * What deployments do, as labelled Prometheus metrics (Dropwizard's have no labels). Only in-memory
 * counters and histograms: each call notes a number and returns, so a deployment never waits on it.
 * Label values are app names, host names and fixed words: bounded by what the server manages.
 */
public final class DeploymentMetrics implements DeploymentObserver {
    /** Deploys take seconds to many minutes: buckets from 1 s to 30 min. */
    static final double[] DEPLOY_SECONDS = {1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800};
    /** Builds: a cached one takes well under a second, a cold Maven build several minutes. */
    static final double[] BUILD_SECONDS = {0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200};

    private final Counter deployments;
    private final Histogram deployDuration;
    private final Histogram buildDuration;
    private final Counter uploaded;

    public DeploymentMetrics(PrometheusRegistry registry) {
        deployments = Counter.builder().name("deployer_deployments_total")
                .help("Deployments that ended, by app, kind (deploy, rollback, config, scale) and outcome (succeeded, failed)")
                .labelNames("app", "kind", "outcome").register(registry);
        deployDuration = Histogram.builder().name("deployer_deploy_duration_seconds").unit(Unit.SECONDS)
                .help("Time from a deployment's start (after its wait for the app's turn) to its end, build included")
                .labelNames("app", "kind", "outcome").classicOnly().classicUpperBounds(DEPLOY_SECONDS).register(registry);
        buildDuration = Histogram.builder().name("deployer_build_duration_seconds").unit(Unit.SECONDS)
                .help("Time of the build step of deploys, by app and outcome (ok, failed)")
                .labelNames("app", "outcome").classicOnly().classicUpperBounds(BUILD_SECONDS).register(registry);
        uploaded = Counter.builder().name("deployer_uploaded_bytes_total").unit(Unit.BYTES)
                .help("Artifact bytes sent to hosts (whole jars and delta patches), by app and host")
                .labelNames("app", "host").register(registry);
    }

    @Override
    public void stepEnded(String app, String host, String step, boolean ok, Duration took) {
        if ("build".equals(step) && host == null) {
            buildDuration.labelValues(app, ok ? "ok" : "failed").observe(seconds(took));
        }
    }

    @Override
    public void uploaded(String app, String host, long bytes) {
        uploaded.labelValues(app, host == null ? "" : host).inc(bytes);
    }

    /** The end of a deployment is counted ({@code started} is not: every deployment that starts also ends). */
    @Override
    public void observed(Notice notice) {
        if ("started".equals(notice.phase())) {
            return;
        }
        deployments.labelValues(notice.app(), notice.kind(), notice.phase()).inc();
        if (notice.took() != null) {
            deployDuration.labelValues(notice.app(), notice.kind(), notice.phase()).observe(seconds(notice.took()));
        }
    }

    private static double seconds(Duration took) {
        return took.toNanos() / 1e9;
    }
}
