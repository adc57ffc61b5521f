package dev.deployer.server.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployer.api.AppRequest;
import dev.deployer.server.apps.AppDao.AppRow;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AppFieldsTest {
    private static AppRow create(UnaryOperator<AppRequest> fields) {
        return AppFields.forCreate("web", fields.apply(AppRequest.create("web", List.of("h1"))), "sealed", Instant.EPOCH, false);
    }

    private static AppRequest with(Integer port, Integer healthTimeout, Integer batchSize) {
        return new AppRequest("web", List.of("h1"), null, null, port, null, null, null, healthTimeout, null, null, null, null,
                batchSize, null, null);
    }

    @Test
    void portsBelow1024AndAbove65535AreRefusedNamingTheField() {
        assertThatThrownBy(() -> AppFields.forCreate("web", with(80, null, null), "s", Instant.EPOCH, false))
                .hasMessage("port must be between 1024 and 65535 (got 80): the app runs as an unprivileged user, "
                        + "which cannot listen below 1024");
        assertThatThrownBy(() -> AppFields.forCreate("web", with(65536, null, null), "s", Instant.EPOCH, false))
                .hasMessageStartingWith("port must be between 1024 and 65535 (got 65536)");
        assertThat(AppFields.forCreate("web", with(1024, null, null), "s", Instant.EPOCH, false).port()).isEqualTo(1024);
    }

    @Test
    void numbersOutsideTheirRangeAreRefused() {
        assertThatThrownBy(() -> AppFields.forCreate("web", with(null, 0, null), "s", Instant.EPOCH, false))
                .hasMessage("health timeout (seconds) must be between 1 and 3600 (got 0)");
        assertThatThrownBy(() -> AppFields.forCreate("web", with(null, null, 1001), "s", Instant.EPOCH, false))
                .hasMessage("batch size must be between 1 and 1000 (got 1001)");
        assertThatThrownBy(() -> AppFields.forCreate("web", with(null, null, -1), "s", Instant.EPOCH, false))
                .hasMessage("batch size must be between 1 and 1000 (got -1)");
        assertThat(AppFields.forCreate("web", with(null, null, 0), "s", Instant.EPOCH, false).batchSize()).isNull();
    }

    @Test
    void branchesMustBeGitBranchNames() {
        for (String good : List.of("main", "release/1.2", "feature_x-1", "v1.4.2", "a".repeat(255))) {
            assertThat(create(r -> r.withRepo(null, good)).branch()).isEqualTo(good);
        }
        for (String bad : List.of("-x", "a..b", "a//b", "a/", "a.", "a.lock", "a/.hidden", "x.lock/y", "HEAD", "a b",
                "a~1", "a^", "a:b", "a@{1}", "a\\b", "é", "a".repeat(256))) {
            assertThatThrownBy(() -> create(r -> r.withRepo(null, bad))).as(bad)
                    .hasMessageStartingWith("branch must be a git branch name such as main or release/1.2: at most 255 ");
        }
    }

    @Test
    void healthPathsStartWithASlashAndHoldOnlyUrlCharacters() {
        assertThat(create(r -> r.withRun(null, null, "/actuator/health?probe=ready&x=%20")).healthPath())
                .isEqualTo("/actuator/health?probe=ready&x=%20");
        assertThat(create(r -> r.withRun(null, null, "")).healthPath()).isNull();
        for (String bad : List.of("health", "/a b", "/a\"b", "/a'b", "/a\\b", "/a#frag", "/a\r\nHost: x", "/" + "a".repeat(500))) {
            assertThatThrownBy(() -> create(r -> r.withRun(null, null, bad))).as(bad)
                    .hasMessage("health path must start with '/', be at most 500 characters and hold only URL path and query "
                            + "characters (no spaces, quotes, backslashes or '#'), e.g. /health");
        }
    }

    @Test
    void artifactPathsAreRelativeWithoutDotDotAndBuildCommandsBounded() {
        assertThat(create(r -> r.withBuild("./mvnw -q package", "target/app.jar")).artifactPath()).isEqualTo("target/app.jar");
        for (String bad : List.of("/etc/passwd", "../x.jar", "target/../../x.jar", "a/..", "-x.jar")) {
            assertThatThrownBy(() -> create(r -> r.withBuild(null, bad))).as(bad)
                    .hasMessage("artifact path must be relative to the repository root, e.g. target/app.jar, without '..'");
        }
        assertThatThrownBy(() -> create(r -> r.withBuild(null, "a".repeat(1001)))).hasMessage("artifact path is longer than 1000 characters");
        assertThatThrownBy(() -> create(r -> r.withBuild("x".repeat(2001), null))).hasMessage("build command is longer than 2000 characters");
        assertThatThrownBy(() -> create(r -> r.withBuild("mvn\npackage", null)))
                .hasMessage("build command must be one line without control characters");
    }

    @Test
    void repoUrlsAreBoundedAndLocalOnesRefusedUnlessAllowed() {
        assertThatThrownBy(() -> create(r -> r.withRepo("https://h/" + "a".repeat(2000), null)))
                .hasMessage("repo URL is longer than 2000 characters");
        assertThatThrownBy(() -> create(r -> r.withRepo("file:///srv/app.git", null)))
                .hasMessageEndingWith("unless the server runs with DEPLOYER_ALLOW_LOCAL_REPOS=true");
        assertThat(AppFields.forCreate("web", AppRequest.create("web", List.of("h1")).withRepo("file:///srv/app.git", null),
                "s", Instant.EPOCH, true).repoUrl()).isEqualTo("file:///srv/app.git");
        assertThatThrownBy(() -> create(r -> r.withRepo("git@github.com:team/app.git", null))).hasMessageStartingWith("repo URL uses SSH");
        assertThatThrownBy(() -> create(r -> r.withRepo("--upload-pack=touch /tmp/x", null)))
                .hasMessageStartingWith("repo URL must be a clone URL");
    }

    @Test
    void theMaskedFormOfTheCurrentRepoUrlKeepsItAndAnyOtherReplacesIt() {
        AppRow current = create(r -> r.withRepo("https://dpl:t0ken@git.example.com/app.git", null));

        assertThat(AppFields.merged(current, AppRequest.empty().withRepo("https://dpl:***@git.example.com/app.git", null), false)
                .repoUrl()).isEqualTo("https://dpl:t0ken@git.example.com/app.git");
        assertThat(AppFields.merged(current, AppRequest.empty().withRepo("https://dpl:n3w@git.example.com/app.git", null), false)
                .repoUrl()).isEqualTo("https://dpl:n3w@git.example.com/app.git");
        assertThat(AppFields.merged(current, AppRequest.empty().withRepo("", null), false).repoUrl()).isNull();
    }

    @Test
    void hostListsHoldOneTo100DistinctNames() {
        List<String> hundred = IntStream.rangeClosed(1, 100).mapToObj(i -> "h" + i).toList();
        assertThat(AppFields.hosts(hundred)).isEqualTo(hundred);
        List<String> tooMany = IntStream.rangeClosed(1, 101).mapToObj(i -> "h" + i).toList();
        assertThatThrownBy(() -> AppFields.hosts(tooMany)).hasMessage("hosts: an app runs on at most 100 hosts (got 101)");
        assertThatThrownBy(() -> AppFields.hosts(List.of())).hasMessageStartingWith("an app needs at least one host");
        assertThatThrownBy(() -> AppFields.hosts(null)).hasMessageStartingWith("an app needs at least one host");
        assertThatThrownBy(() -> AppFields.hosts(Collections.singletonList(null)))
                .hasMessage("hosts: a host name is missing (null) in the list");
        assertThatThrownBy(() -> AppFields.hosts(List.of("h1", "h1"))).hasMessage("a host is named twice in the app's hosts");
    }
}
