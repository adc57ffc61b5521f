package dev.deployer.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.AppRequest;
import dev.deployer.api.ConfigChange;
import dev.deployer.api.DeployerClient;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.server.testing.LiveDeployer;
import dev.deployer.server.testing.SampleRepo;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_31_1.Metrics.LabelPair;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_31_1.Metrics.Metric;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_31_1.Metrics.MetricFamily;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_31_1.Metrics.MetricType;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real server deploying examples/hello-service to a real host, scraped on its admin port the way Prometheus
 * scrapes it. The Java client has no parser for the text format, so the scrape asks for the protobuf format (the
 * same registry, written by the client's own writer) and reads it with the client's own generated protobuf
 * classes; the text format is checked to name the same families.
 */
@WithTestHosts(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsIT {
    private static final String APP = "metered";
    private static final int PORT = 8123;
    private static final String PROTOBUF = "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; "
            + "encoding=delimited";

    private static LiveDeployer deployer;
    private static TestHost host;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void setUp(TestHosts hosts) throws Exception {
        host = hosts.all().get(0);
        LiveDeployer.removeAppFrom(host, APP);
        deployer = LiveDeployer.start(hosts, Map.of());
        SampleRepo repo = SampleRepo.create(Files.createTempDirectory("metered-repo-"));
        deployer.createApp(AppRequest.create(APP, List.of(host.name())).withRepo(repo.url(), "main")
                .withRun(PORT, "-Xmx64m", "/health").withStrategy("restart"));
    }

    @AfterAll
    static void tearDown() {
        try {
            if (deployer != null) {
                deployer.close();
            }
        } finally {
            if (host != null) {
                LiveDeployer.removeAppFrom(host, APP);
            }
        }
    }

    private static DeployerClient client() {
        return deployer.admin();
    }

    @Test
    @Order(1)
    void aDeployIsCountedOnceWithItsUploadedBytesDurationsAndTheHostItReached() throws Exception {
        Map<String, MetricFamily> before = scrape();

        DeploymentInfo done = client().follow(client().deploy(APP, null, false).id(), event -> {});

        assertThat(done.status()).as(done.reason()).isEqualTo("succeeded");
        Map<String, MetricFamily> after = scrape();
        Map<String, String> deployed = Map.of("app", APP, "kind", "deploy", "outcome", "succeeded");
        assertThat(after.get("deployer_deployments_total").getType()).isEqualTo(MetricType.COUNTER);
        assertThat(sum(after, "deployer_deployments_total", deployed))
                .isEqualTo(sum(before, "deployer_deployments_total", deployed) + 1);
        long jar = client().releases(APP).get(0).artifactSize();
        assertThat(jar).isPositive();
        assertThat(sum(after, "deployer_uploaded_bytes_total", Map.of("app", APP, "host", host.name())))
                .as("the whole jar went to the host").isEqualTo(jar);
        assertThat(histogramCount(after, "deployer_deploy_duration_seconds", deployed)).isEqualTo(1);
        assertThat(histogramCount(after, "deployer_build_duration_seconds", Map.of("app", APP, "outcome", "ok"))).isEqualTo(1);
        assertThat(gauge(after, "deployer_host_reachable", Map.of("host", host.name()))).isEqualTo(1.0);
        assertThat(gauge(after, "deployer_hosts_reachable", Map.of())).isEqualTo(1.0);
        assertThat(gauge(after, "deployer_log_followers", Map.of())).isZero();
        assertThat(after).as("the Dropwizard registry, bridged").containsKey("jvm_memory_heap_used");
    }

    @Test
    @Order(2)
    void theTextFormatServesTheSameFamilies() throws Exception {
        HttpResponse<String> text = HTTP.send(HttpRequest.newBuilder(endpoint()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/plain; version=0.0.4"));
        List<String> typed = text.body().lines().filter(line -> line.startsWith("# TYPE ")).map(line -> line.split(" ")[2]).toList();
        assertThat(typed).contains("deployer_deployments_total", "deployer_uploaded_bytes_total", "deployer_deploy_duration_seconds",
                "deployer_build_duration_seconds", "deployer_hosts_reachable", "deployer_log_followers", "jvm_memory_heap_used");
        assertThat(text.body()).contains("deployer_deployments_total{app=\"metered\",kind=\"deploy\",outcome=\"succeeded\"} 1.0");
    }

    @Test
    @Order(3)
    void aConfigChangeAnswersWithTheDeploymentItStartedWhichIsCountedAsConfig() throws Exception {
        ConfigChange change = client().changeConfig(APP, Map.of("GREETING", "metered hello"), true);

        assertThat(change.set()).containsExactly("GREETING");
        assertThat(change.deployment()).isNotNull();
        assertThat(change.deployment().app()).isEqualTo(APP);
        assertThat(change.deployment().kind()).isEqualTo("config");
        DeploymentInfo done = client().follow(change.deployment().id(), event -> {});
        assertThat(done.status()).as(done.reason()).isEqualTo("succeeded");
        assertThat(done.version()).isEqualTo(2);
        assertThat(host.run("curl -s http://127.0.0.1:" + PORT + "/env/GREETING").stdout()).isEqualTo("metered hello");
        assertThat(sum(scrape(), "deployer_deployments_total", Map.of("app", APP, "kind", "config", "outcome", "succeeded")))
                .isEqualTo(1);

        ConfigChange stored = client().changeConfig(APP, Map.of("GREETING", "not yet"), false);
        assertThat(stored.deployment()).isNull();
    }

    private static URI endpoint() {
        return URI.create("http://127.0.0.1:" + deployer.server().adminPort() + MetricsEndpoint.PATH);
    }

    /** One scrape in the protobuf format, read with the Prometheus client's own parser; families by name. */
    private static Map<String, MetricFamily> scrape() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(endpoint()).header("Accept", PROTOBUF).build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROTOBUF);
        Map<String, MetricFamily> families = new HashMap<>();
        try (InputStream in = response.body()) {
            for (MetricFamily family; (family = MetricFamily.parseDelimitedFrom(in)) != null; ) {
                families.put(family.getName(), family);
            }
        }
        return families;
    }

    private static List<Metric> matching(Map<String, MetricFamily> families, String name, Map<String, String> labels) {
        MetricFamily family = families.get(name);
        if (family == null) {
            return List.of();
        }
        return family.getMetricList().stream().filter(metric -> metric.getLabelList().stream()
                .collect(Collectors.toMap(LabelPair::getName, LabelPair::getValue)).entrySet().containsAll(labels.entrySet()))
                .toList();
    }

    private static double sum(Map<String, MetricFamily> families, String counter, Map<String, String> labels) {
        return matching(families, counter, labels).stream().mapToDouble(metric -> metric.getCounter().getValue()).sum();
    }

    private static long histogramCount(Map<String, MetricFamily> families, String histogram, Map<String, String> labels) {
        return matching(families, histogram, labels).stream().mapToLong(metric -> metric.getHistogram().getSampleCount()).sum();
    }

    private static double gauge(Map<String, MetricFamily> families, String gauge, Map<String, String> labels) {
        List<Metric> found = matching(families, gauge, labels);
        assertThat(found).as(gauge + " " + labels).hasSize(1);
        return found.get(0).getGauge().getValue();
    }
}
