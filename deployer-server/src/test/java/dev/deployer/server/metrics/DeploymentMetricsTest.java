package dev.deployer.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.deploy.DeploymentObserver.Notice;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The labelled metrics as a scrape shows them, in the Prometheus text format the endpoint serves. */
class DeploymentMetricsTest {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final DeploymentMetrics metrics = new DeploymentMetrics(registry);

    private List<String> scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static Notice started(String app, String kind) {
        return new Notice(1, app, kind, "started", 3, null, "ci", null);
    }

    private static Notice ended(String app, String kind, String outcome, Duration took) {
        return new Notice(1, app, kind, outcome, 3, null, "ci", "reason", took);
    }

    @Test
    void deploymentsAreCountedByAppKindAndOutcomeAtTheirEndAndTimedWhenKnown() throws IOException {
        metrics.observed(started("shop", "deploy"));
        metrics.observed(ended("shop", "deploy", "succeeded", Duration.ofSeconds(12)));
        metrics.observed(started("shop", "deploy"));
        metrics.observed(ended("shop", "deploy", "succeeded", Duration.ofSeconds(40)));
        metrics.observed(ended("shop", "config", "failed", Duration.ofMillis(1500)));
        metrics.observed(ended("blog", "rollback", "failed", null));

        assertThat(scrape()).contains(
                "# TYPE deployer_deployments_total counter",
                "deployer_deployments_total{app=\"shop\",kind=\"deploy\",outcome=\"succeeded\"} 2.0",
                "deployer_deployments_total{app=\"shop\",kind=\"config\",outcome=\"failed\"} 1.0",
                "deployer_deployments_total{app=\"blog\",kind=\"rollback\",outcome=\"failed\"} 1.0",
                "# TYPE deployer_deploy_duration_seconds histogram",
                "deployer_deploy_duration_seconds_bucket{app=\"shop\",kind=\"deploy\",outcome=\"succeeded\",le=\"20.0\"} 1",
                "deployer_deploy_duration_seconds_bucket{app=\"shop\",kind=\"deploy\",outcome=\"succeeded\",le=\"60.0\"} 2",
                "deployer_deploy_duration_seconds_sum{app=\"shop\",kind=\"deploy\",outcome=\"succeeded\"} 52.0",
                "deployer_deploy_duration_seconds_count{app=\"shop\",kind=\"config\",outcome=\"failed\"} 1")
                .noneMatch(line -> line.startsWith("deployer_deploy_duration_seconds") && line.contains("app=\"blog\""));
    }

    @Test
    void onlyTheServersBuildStepIsABuildAndBytesAddUpPerAppAndHost() throws IOException {
        metrics.stepEnded("shop", null, "build", true, Duration.ofMillis(2500));
        metrics.stepEnded("shop", null, "build", false, Duration.ofMillis(700));
        metrics.stepEnded("shop", "web1", "health", true, Duration.ofSeconds(3));
        metrics.stepEnded("shop", "web1", "build", true, Duration.ofSeconds(99)); // a host step named so is not the build
        metrics.uploaded("shop", "web1", 1000);
        metrics.uploaded("shop", "web1", 24);
        metrics.uploaded("shop", "web2", 5);

        assertThat(scrape()).contains(
                "deployer_build_duration_seconds_count{app=\"shop\",outcome=\"ok\"} 1",
                "deployer_build_duration_seconds_sum{app=\"shop\",outcome=\"ok\"} 2.5",
                "deployer_build_duration_seconds_bucket{app=\"shop\",outcome=\"failed\",le=\"1.0\"} 1",
                "# TYPE deployer_uploaded_bytes_total counter",
                "deployer_uploaded_bytes_total{app=\"shop\",host=\"web1\"} 1024.0",
                "deployer_uploaded_bytes_total{app=\"shop\",host=\"web2\"} 5.0")
                .noneMatch(line -> line.contains("health"));
    }

    @Test
    void gaugesReadTheirSourcesAtEachScrape() throws IOException {
        AtomicInteger followers = new AtomicInteger(2);
        Map<String, Boolean> logins = new java.util.TreeMap<>(Map.of("web1", true, "web2", true, "web3", false));
        MetricsEndpoint.gauges(registry, new MetricsEndpoint.Sources(followers::get, () -> 3, () -> logins));

        assertThat(scrape()).contains("deployer_log_followers 2.0", "deployer_log_feeds 3.0", "deployer_hosts_reachable 2.0",
                "deployer_host_reachable{host=\"web1\"} 1.0", "deployer_host_reachable{host=\"web3\"} 0.0");

        followers.set(0);
        logins.put("web3", true);
        assertThat(scrape()).contains("deployer_log_followers 0.0", "deployer_hosts_reachable 3.0",
                "deployer_host_reachable{host=\"web3\"} 1.0");
    }
}
