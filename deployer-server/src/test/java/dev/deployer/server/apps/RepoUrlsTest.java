package dev.deployer.server.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RepoUrlsTest {
    private static final String SSH = "repo URL uses SSH, which deployer does not fetch over: use the https:// URL of the "
            + "repository (for a private one with a token: https://USER:TOKEN@host/team/app.git), or git push";
    private static final String LOCAL = "repo URL must be a remote URL such as https://git.example.com/team/app.git: "
            + "local paths and file:// URLs are refused unless the server runs with DEPLOYER_ALLOW_LOCAL_REPOS=true";

    @Test
    void httpsHttpAndGitUrlsAreAccepted() {
        for (String url : new String[] {"https://github.com/team/app.git", "http://git.local:3000/team/app",
                "git://git.example.com/app.git", "HTTPS://user:tok@host/x.git", "https://host"}) {
            assertThat(RepoUrls.check(url, false)).isEqualTo(url);
        }
    }

    @Test
    void sshUrlsAreRefusedWithOneSentence() {
        for (String url : new String[] {"ssh://git@github.com/team/app.git", "git+ssh://host/app.git", "ssh+git://host/x",
                "git@github.com:team/app.git", "github.com:team/app.git"}) {
            assertThatThrownBy(() -> RepoUrls.check(url, true)).as(url).hasMessage(SSH);
        }
    }

    @Test
    void localPathsAndFileUrlsNeedTheSetting() {
        for (String url : new String[] {"file:///srv/git/app.git", "/srv/git/app.git", "../app", "app.git", "./a:b"}) {
            assertThatThrownBy(() -> RepoUrls.check(url, false)).as(url).hasMessage(LOCAL);
            assertThat(RepoUrls.check(url, true)).isEqualTo(url);
        }
    }

    @Test
    void otherSchemesAndUrlsWithoutAHostAreRefused() {
        assertThatThrownBy(() -> RepoUrls.check("ftp://host/app.git", true))
                .hasMessage("repo URL must start with https://, http:// or git:// (got a ftp:// URL)");
        assertThatThrownBy(() -> RepoUrls.check("ext::sh -c touch% /tmp/pwned", true)).hasMessage(SSH);
        assertThatThrownBy(() -> RepoUrls.check("https:///app.git", false))
                .hasMessage("repo URL has no host: give one such as https://git.example.com/team/app.git");
        assertThatThrownBy(() -> RepoUrls.check("https://user:pw@/app.git", false)).hasMessageStartingWith("repo URL has no host");
    }

    @Test
    void passwordsAndHttpTokensAreMaskedUserNamesOfOtherSchemesKept() {
        assertThat(RepoUrls.masked("https://user:s3cret@git.example.com/team/app.git")).isEqualTo("https://user:***@git.example.com/team/app.git");
        assertThat(RepoUrls.masked("https://ghp_abcdef@github.com/team/app.git")).isEqualTo("https://***@github.com/team/app.git");
        assertThat(RepoUrls.masked("http://oauth2:glpat-xyz@gitlab.local:8080/a/b")).isEqualTo("http://oauth2:***@gitlab.local:8080/a/b");
        assertThat(RepoUrls.masked("https://user:p@ss@host/x.git")).isEqualTo("https://user:***@host/x.git");
        assertThat(RepoUrls.masked("git://host/app.git")).isEqualTo("git://host/app.git");
        assertThat(RepoUrls.masked("https://host:8443/app.git")).isEqualTo("https://host:8443/app.git");
        assertThat(RepoUrls.masked("https://host/path@v1")).isEqualTo("https://host/path@v1");
        assertThat(RepoUrls.masked("file:///srv/app.git")).isEqualTo("file:///srv/app.git");
        assertThat(RepoUrls.masked(null)).isNull();
    }

    @Test
    void credentialsAreMaskedInsideMessagesAlsoWhenALibraryDecodedThem() {
        String url = "https://deploy:t%40ken-123@git.example.com/app.git";
        String message = "fetching " + url + " failed: https://deploy:t@ken-123@git.example.com/app.git: not authorized "
                + "(password t@ken-123 rejected)";

        assertThat(RepoUrls.maskedIn(message, url)).isEqualTo("fetching https://deploy:***@git.example.com/app.git failed: "
                + "https://deploy:***@git.example.com/app.git: not authorized (password *** rejected)");
        assertThat(RepoUrls.maskedIn("see https://TOKEN123@h/x and http://u:p@h2/y", null))
                .isEqualTo("see https://***@h/x and http://u:***@h2/y");
    }
}
