package dev.deployer.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.AppRequest;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.api.DeploymentSummary;
import dev.deployer.api.HostRequest;
import dev.deployer.server.testing.LiveDeployer;
import dev.deployer.server.testing.SampleRepo;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in headless Chromium against a real server and a real host: sign in, deploy,
 * watch it finish, roll back through the confirmation, watch log lines arrive, and what a viewer
 * is not offered. Screenshots land in target/screenshots for a person to look at.
 */
@WithTestHosts(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
    private static final String APP = "hello";
    private static final int PORT = 8094;
    private static final Duration SHORT = Duration.ofSeconds(20);
    private static final Duration DEPLOY = Duration.ofMinutes(5);

    private static LiveDeployer deployer;
    private static SampleRepo repo;
    private static TestHost host;
    private static HeadlessChromium browser;

    @BeforeAll
    static void setUp(TestHosts hosts) throws Exception {
        host = hosts.get(0);
        LiveDeployer.removeAppFrom(host, "hello");
        // Deploys here come from the page only: no poll of the repo starts one behind the test's back.
        deployer = LiveDeployer.start(hosts, Map.of("DEPLOYER_POLL_INTERVAL_SECONDS", "86400"));
        repo = SampleRepo.create(Files.createTempDirectory("hello-repo-"));
        deployer.createApp(AppRequest.create(APP, List.of(host.name())).withRepo(repo.url(), "main").withRun(PORT, "-Xmx64m", "/health"));
        browser = HeadlessChromium.start(Path.of("target", "screenshots"));
    }

    @AfterAll
    static void tearDown() {
        if (browser != null) {
            browser.close();
        }
        if (deployer != null) {
            deployer.close();
        }
    }

    @AfterEach
    void pageRaisedNoErrors() {
        assertThat(browser.consoleProblems()).as("browser console").isEmpty();
    }

    @Test
    @Order(1)
    void signInWithTheAdminTokenShowsTheAppInTheOverview() throws Exception {
        signIn(deployer.server().adminToken());

        WebElement card = browser.await(".app-card[data-app='hello']", SHORT);
        assertThat(card.getText()).contains("hello").contains(host.name()).contains("Last deploy: never");
        assertThat(browser.find("#who-name").getText()).isEqualTo("admin · admin");
        assertThat(browser.driver().getPageSource()).doesNotContain(deployer.server().adminToken());
        browser.screenshot("01-apps-overview");
    }

    @Test
    @Order(2)
    void deployButtonRunsADeploymentThatTheAppPageFollowsToSucceeded() throws Exception {
        browser.find(".app-card[data-app='hello'] h2 a").click();
        browser.await("#deploy", SHORT);

        assertThat(deployAndAwait(() -> {
            browser.find("#deploy").click();
            browser.until(d -> browser.find(".build-output").getText().contains("[INFO]"), Duration.ofMinutes(2));
            screenshot("02-deploy-in-progress");
        })).isEqualTo("succeeded");
        browser.await("tr.is-current[data-version='1']", SHORT);
        assertThat(browser.find(".deployment").getText()).contains(host.name()).contains("health");
        assertThat(browser.find(".build-output").getText()).isNotBlank();
        assertThat(serves()).isEqualTo("hello from hello-service 1");
        browser.screenshot("03-app-deployed-v1");
    }

    @Test
    @Order(3)
    void rollbackButtonAsksFirstThenMakesACopyOfV1Current() throws Exception {
        repo.commitVersion("2", false);
        assertThat(deployAndAwait(() -> browser.find("#deploy").click())).isEqualTo("succeeded");
        browser.await("tr.is-current[data-version='2']", SHORT);
        assertThat(serves()).isEqualTo("hello from hello-service 2");

        browser.find("button.rollback[data-version='1']").click();
        browser.await("dialog.confirm[open]", SHORT);
        browser.screenshot("04-rollback-confirmation");
        String outcome = deployAndAwait(() -> {
            // Keyboard only: focus starts on Cancel; Tab moves to Roll back.
            browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
            assertThat(browser.driver().switchTo().activeElement().getText()).isEqualTo("Roll back");
            browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        });

        assertThat(outcome).isEqualTo("succeeded");
        WebElement v3 = browser.await("tr.is-current[data-version='3']", SHORT);
        assertThat(v3.getText()).contains("rollback to v1");
        assertThat(serves()).isEqualTo("hello from hello-service 1");
        browser.screenshot("05-app-rolled-back-to-v1");
    }

    @Test
    @Order(4)
    void hostPanelShowsEachHostsStateReleaseSinceAndHealth() throws Exception {
        WebElement row = browser.until(d -> {
            WebElement r = browser.find(".host-status tr[data-host='" + host.name() + "']");
            return r.getText().contains("v3") ? r : null;
        }, SHORT);

        assertThat(row.findElement(By.cssSelector("td.state")).getText()).isEqualTo("active");
        assertThat(row.findElement(By.cssSelector("td.release")).getText()).isEqualTo("v3");
        assertThat(row.findElement(By.cssSelector("td.since")).getText()).matches("\\d+ (s|min) ago");
        assertThat(row.findElement(By.cssSelector("td.health .badge")).getText()).isEqualTo("healthy");
        assertThat(row.findElement(By.cssSelector("td.health .detail")).getText()).isEqualTo("HTTP 200 from /health");
        // zero-downtime, the default: v3 is live in one slot, v2's slot is kept warm for an instant rollback
        assertThat(row.findElement(By.cssSelector("td.slots")).getText()).containsPattern("live [ab] v3 · standby [ab] v2 until");
        browser.screenshot("06-app-host-panel");
    }

    @Test
    @Order(5)
    void deploymentsListNewestFirstOpensAnOlderDeploymentToItsEvents() throws Exception {
        List<DeploymentSummary> made = deployer.admin().deployments(APP, null, null);
        assertThat(made).extracting(DeploymentSummary::kind).containsExactly("rollback", "deploy", "deploy");
        browser.until(d -> browser.all(".deployments tbody tr").size() == 3, SHORT);
        assertThat(browser.all(".deployments tbody tr")).extracting(r -> r.getAttribute("data-id"))
                .containsExactly(made.stream().map(m -> String.valueOf(m.id())).toArray(String[]::new));
        assertThat(browser.all("#deployments-older")).allMatch(b -> !b.isDisplayed());
        long first = made.get(2).id();

        browser.find(".deployments a.open-deployment[data-id='" + first + "']").click();
        browser.until(d -> browser.find("#deployment-title").getText().equals("Deployment #" + first), SHORT);
        WebElement health = browser.await(".deployment .host-group[data-host='" + host.name() + "'] li[data-step='health'][data-outcome='ok']",
                SHORT);
        assertThat(health.getText()).contains("HTTP 200 from /health");
        assertThat(browser.find(".deployment .deployment-status").getAttribute("data-status")).isEqualTo("succeeded");
        assertThat(browser.find(".deployment").getText()).contains("→ v1 by admin");
        assertThat(browser.find(".deployments tr[aria-current]").getAttribute("data-id")).isEqualTo(String.valueOf(first));
        assertThat(browser.driver().getCurrentUrl()).endsWith("#/apps/hello/deployments/" + first);
        browser.screenshot("07-app-deployment-opened");

        // The address opens the same deployment in a page of its own.
        browser.driver().navigate().refresh();
        browser.await(".deployment .host-group[data-host='" + host.name() + "'] li[data-step='health'][data-outcome='ok']", SHORT);
        assertThat(browser.find("#deployment-title").getText()).isEqualTo("Deployment #" + first);
        browser.open(deployer.server().url() + "#/apps/hello");
    }

    @Test
    @Order(6)
    void logLinesArriveInTheLogsPaneAndPauseHoldsThemBack() throws Exception {
        // A line from before the pane opens is in it when it opens: the backlog, not only what comes later.
        host.run("curl -s http://127.0.0.1:" + PORT + "/before-the-pane-opened");
        await(() -> deployer.admin().logs(APP, 100, null, null).stream().anyMatch(l -> l.message().contains("/before-the-pane-opened")));
        browser.driver().navigate().refresh();
        browser.until(d -> paneText().contains("GET /before-the-pane-opened"), SHORT);
        browser.await(".log-pane .log-line", SHORT);
        // The panels above load on their own (the hosts' health takes up to 4 s): measure once the page stopped moving.
        var below = settledRect(".config");
        host.run("curl -s http://127.0.0.1:" + PORT + "/seen-in-the-dashboard");
        browser.until(d -> paneText().contains("GET /seen-in-the-dashboard"), SHORT);
        assertThat(browser.find(".config").getRect()).as("what follows the logs pane stays put").isEqualTo(below);

        browser.find("#log-pause").click();
        host.run("curl -s http://127.0.0.1:" + PORT + "/held-while-paused");
        browser.until(d -> browser.find("#log-pause").getText().equals("Resume (1 new)"), SHORT);
        assertThat(paneText()).doesNotContain("held-while-paused");
        browser.find("#log-pause").click();
        assertThat(paneText()).contains("GET /held-while-paused");
        browser.screenshot("08-app-logs");
    }

    @Test
    @Order(7)
    void aConfigValueGoesToTheServerAndNeverComesBack() throws Exception {
        String value = "dashboard-secret-value-7f3a";
        browser.find("#config-key").sendKeys("GREETING_SECRET");
        browser.find("#config-value").sendKeys(value);
        browser.find("#config-restart").click(); // no restart: the release history stays as the other tests expect
        browser.find("#config-value").sendKeys(Keys.ENTER);

        WebElement row = browser.await(".config tr[data-key='GREETING_SECRET']", SHORT);
        assertThat(row.getText()).doesNotContain(value);
        assertThat(browser.find("#config-value").getAttribute("value")).isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain(value);
        assertThat(deployer.admin().config(APP)).extracting(v -> v.key()).contains("GREETING_SECRET");
        browser.screenshot("09-app-config-set");
    }

    @Test
    @Order(8)
    void aViewerIsOfferedNoDeployRollbackConfigChangeOrLogs() throws Exception {
        String viewer = deployer.admin().createToken("dashboard-viewer", "viewer").token();
        browser.find("#sign-out").click();
        browser.await("#token", SHORT);
        signIn(viewer);
        browser.open(deployer.server().url() + "#/apps/hello");
        browser.await("tr.is-current[data-version='3']", SHORT);
        browser.await(".connect", SHORT);

        assertThat(browser.all("#deploy")).isEmpty();
        assertThat(browser.all("button.rollback")).isEmpty();
        assertThat(browser.all(".config-set")).isEmpty();
        assertThat(browser.all(".logs")).isEmpty();
        assertThat(browser.find("#who-name").getText()).isEqualTo("dashboard-viewer · viewer");
        browser.screenshot("10-app-as-viewer");
        browser.find("#sign-out").click();
    }

    @Test
    @Order(9)
    void phoneWidthShowsTheSamePagesInOneColumn() throws Exception {
        browser.resize(390, 844);
        browser.open(deployer.server().url() + "#/apps");
        signIn(deployer.server().adminToken());
        browser.await(".app-card[data-app='hello'] .badge.good", SHORT);
        browser.screenshot("11-phone-apps-overview");
        browser.find(".app-card[data-app='hello'] h2 a").click();
        browser.await(".log-pane .log-line", SHORT);
        browser.await("tr.is-current[data-version='3']", SHORT);
        assertThat(documentWidth()).isLessThanOrEqualTo(390);
        browser.screenshot("12-phone-app-page");
        browser.open(deployer.server().url() + "#/hosts");
        browser.await(".host-card", SHORT);
        browser.screenshot("13-phone-hosts");
        browser.resize(1280, 900);
        browser.open(deployer.server().url() + "#/hosts");
        browser.await(".host-card", SHORT).findElement(By.xpath(".//button[text()='Run preflight']")).click();
        browser.await(".host-card .checks", Duration.ofSeconds(60));
        browser.screenshot("14-hosts-preflight");
        browser.open(deployer.server().url() + "#/audit");
        browser.await("table.audit", SHORT);
        browser.screenshot("15-audit");
        browser.open(deployer.server().url() + "#/tokens");
        browser.await(".panel table", SHORT);
        assertThat(browser.find(".panel table").getText()).contains("dashboard-viewer").contains("viewer");
        browser.screenshot("16-tokens");
    }

    @Test
    @Order(10)
    void olderButtonPagesBackToTheFirstDeployment() throws Exception {
        // Ten more, failing fast at the build (no such ref): two pages of the list, no release made.
        for (int i = 0; i < 10; i++) {
            DeploymentInfo started = deployer.admin().deploy(APP, "no-such-ref", true);
            assertThat(deployer.admin().follow(started.id(), event -> { }).status()).isEqualTo("failed");
        }
        List<DeploymentSummary> all = deployer.admin().deployments(APP, 100, null);
        assertThat(all).hasSize(13);
        browser.open(deployer.server().url() + "#/apps/hello");
        browser.until(d -> browser.all(".deployments tbody tr").size() == 10, SHORT);
        assertThat(browser.find(".deployments tbody tr").getText()).contains("deploy of no-such-ref").contains("failed");
        browser.screenshot("17-deployments-first-page");

        browser.find("#deployments-older").click();
        browser.until(d -> browser.all(".deployments tbody tr").size() == 13, SHORT);
        assertThat(browser.all(".deployments tbody tr")).extracting(r -> r.getAttribute("data-id"))
                .containsExactly(all.stream().map(m -> String.valueOf(m.id())).toArray(String[]::new));
        assertThat(browser.find("#deployments-older").isDisplayed()).as("no page before the first deployment").isFalse();
        browser.screenshot("18-deployments-older-page");
    }

    @Test
    @Order(11)
    void aHostThatCannotBeReadShowsWhyInItsRow() throws Exception {
        // th1 again, as a user that has no key for the server: the key is pinned, the login is refused.
        deployer.admin().addHost(new HostRequest("locked-out", host.address(), host.port(), "nobody", null));
        // Never deployed, so nothing of it is on th1; it goes with the server's throwaway data dir.
        deployer.admin().createApp(AppRequest.create("unread", List.of(host.name(), "locked-out")).withRun(null, "-Xmx64m", "/health"));
        browser.open(deployer.server().url() + "#/apps/unread");
        WebElement row = browser.await(".host-status tr.unreadable[data-host='locked-out']", Duration.ofSeconds(40));
        assertThat(row.findElement(By.cssSelector("td.state")).getText()).isEqualTo("unreachable");
        assertThat(row.findElement(By.cssSelector("td.reason")).getText()).isNotBlank()
                .isEqualTo(deployer.admin().status("unread").hosts().get(1).error());
        WebElement readable = browser.find(".host-status tr[data-host='" + host.name() + "']");
        assertThat(readable.findElement(By.cssSelector("td.release")).getText()).isEqualTo("none");
        assertThat(readable.findElement(By.cssSelector("td.health .badge")).getText()).isEqualTo("unknown");
        assertThat(readable.findElement(By.cssSelector("td.health .detail")).getText()).startsWith("not asked: the unit is");
        browser.screenshot("19-host-that-cannot-be-read");
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + SHORT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within " + SHORT).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static void signIn(String token) {
        if (!browser.driver().getCurrentUrl().startsWith(deployer.server().url())) {
            browser.open(deployer.server().url());
        }
        WebElement field = browser.await("#token", SHORT);
        field.sendKeys(token);
        field.sendKeys(Keys.ENTER);
        browser.await("#who-name", SHORT);
    }

    /** Starts a deployment by {@code click}, waits until the page follows a new one and it ends; returns its status. */
    private static String deployAndAwait(Runnable click) {
        String before = browser.all("#deployment-title").stream().map(WebElement::getText).findFirst().orElse("");
        click.run();
        browser.until(d -> browser.all("#deployment-title").stream().anyMatch(t -> !t.getText().equals(before)), SHORT);
        return browser.until(d -> {
            String status = browser.find(".deployment-status").getAttribute("data-status");
            return List.of("succeeded", "failed", "interrupted").contains(status) ? status : null;
        }, DEPLOY);
    }

    private static void screenshot(String name) {
        try {
            browser.screenshot(name);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String serves() {
        return host.run("curl -s http://127.0.0.1:" + PORT + "/").out();
    }

    /** Where {@code selector} is once it stayed put for 300 ms (at most 10 s of waiting). */
    private static org.openqa.selenium.Rectangle settledRect(String selector) throws InterruptedException {
        org.openqa.selenium.Rectangle last = browser.find(selector).getRect();
        for (int i = 0; i < 33; i++) {
            Thread.sleep(300);
            org.openqa.selenium.Rectangle now = browser.find(selector).getRect();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private static String paneText() {
        return browser.find(".log-pane").getText();
    }

    private static long documentWidth() {
        return ((Number) browser.driver().executeScript("return document.documentElement.scrollWidth")).longValue();
    }
}
