package dev.deployer.server.metrics;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.setup.AdminEnvironment;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * {@code GET /metrics/prometheus} on the admin port: the Prometheus client's own servlet serving one registry
 * that holds the Dropwizard registry (JVM, Jetty, database pool), bridged, and deployer's labelled metrics.
 * The admin port has no authentication and listens on loopback unless told otherwise.
 */
public final class MetricsEndpoint {
    public static final String PATH = "/metrics/prometheus";

    private MetricsEndpoint() {}

    /** What the server reads at each scrape: cheap counts kept in memory, never a call to a host. */
    public record Sources(IntSupplier logFollowers, IntSupplier logFeeds, Supplier<Map<String, Boolean>> lastLogins) {}

    public static void register(AdminEnvironment admin, MetricRegistry dropwizard, PrometheusRegistry registry, Sources sources) {
        registry.register(new DropwizardExports(dropwizard));
        gauges(registry, sources);
        admin.addServlet("prometheus", new PrometheusMetricsServlet(registry)).addMapping(PATH);
    }

    static void gauges(PrometheusRegistry registry, Sources sources) {
        GaugeWithCallback.builder().name("deployer_log_followers")
                .help("Clients following app logs now (one per open `deployer logs -f` or dashboard logs pane)")
                .callback(callback -> callback.call(sources.logFollowers().getAsInt())).register(registry);
        GaugeWithCallback.builder().name("deployer_log_feeds")
                .help("Remote journalctl --follow streams open now: one per followed app and host, shared by its followers")
                .callback(callback -> callback.call(sources.logFeeds().getAsInt())).register(registry);
        GaugeWithCallback.builder().name("deployer_hosts_reachable")
                .help("Hosts whose last SSH login by the server succeeded, among those it tried since it started")
                .callback(callback -> callback.call(sources.lastLogins().get().values().stream().filter(ok -> ok).count()))
                .register(registry);
        GaugeWithCallback.builder().name("deployer_host_reachable")
                .help("Per host: 1 when the server's last SSH login to it succeeded, 0 when it failed; absent until tried")
                .labelNames("host")
                .callback(callback -> sources.lastLogins().get().forEach((host, ok) -> callback.call(ok ? 1 : 0, host)))
                .register(registry);
    }
}
