package dev.deployer.server.settings;

import dev.deployer.server.settings.DeployerConfiguration;
import dev.deployer.server.settings.Settings;
import dev.deployer.server.settings.StartupException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static Settings resolve(Map<String, String> env) {
        return Settings.resolve(new DeployerConfiguration(), env);
    }

    @Test
    void theAdminPortListensOnLoopbackUnlessTheEnvironmentOrTheFileSaysOtherwise() {
        assertThat(resolve(Map.of()).adminBindOr(null)).isEqualTo("127.0.0.1");
        assertThat(resolve(Map.of()).adminBindOr("10.0.0.5")).isEqualTo("10.0.0.5");
        assertThat(resolve(Map.of("DEPLOYER_ADMIN_BIND", "0.0.0.0")).adminBindOr("10.0.0.5")).isEqualTo("0.0.0.0");
        assertThat(resolve(Map.of("DEPLOYER_ADMIN_BIND", " ::1 ")).adminBindOr(null)).isEqualTo("::1");
    }

    @Test
    void anAdminBindThatIsNoIpAddressStopsTheStart() {
        for (String bad : new String[] {"localhost", "256.1.1.1", "10.0.0", "0.0.0.0:8081", "example.org"}) {
            assertThatThrownBy(() -> resolve(Map.of("DEPLOYER_ADMIN_BIND", bad))).as(bad).isInstanceOf(StartupException.class)
                    .hasMessage("DEPLOYER_ADMIN_BIND must be an IP address to listen on, such as 127.0.0.1 (the default) "
                            + "or 0.0.0.0 for every interface (got '" + bad + "').");
        }
    }

    @Test
    void localReposAreRefusedUnlessAllowedInSoManyWords() {
        assertThat(resolve(Map.of()).allowLocalRepos()).isFalse();
        assertThat(resolve(Map.of("DEPLOYER_ALLOW_LOCAL_REPOS", "false")).allowLocalRepos()).isFalse();
        assertThat(resolve(Map.of("DEPLOYER_ALLOW_LOCAL_REPOS", "TRUE")).allowLocalRepos()).isTrue();
        assertThatThrownBy(() -> resolve(Map.of("DEPLOYER_ALLOW_LOCAL_REPOS", "yes")))
                .hasMessage("DEPLOYER_ALLOW_LOCAL_REPOS must be true or false (got 'yes').");
    }

    @Test
    void theDatabasePasswordNeverShowsInTheSettingsText() {
        Settings settings = resolve(Map.of("DEPLOYER_DATABASE_URL", "jdbc:postgresql://db/deployer?password=in-url-pw",
                "DEPLOYER_DATABASE_PASSWORD", "env-pw-1234"));

        assertThat(settings.toString()).contains("database=jdbc:postgresql://db/deployer?password=***")
                .doesNotContain("in-url-pw").doesNotContain("env-pw-1234");
    }

    @Test
    void notifyUrlsAreSplitOnSpacesAndCommasAndNeverShowInTheSettingsText() {
        Settings settings = resolve(Map.of("DEPLOYER_NOTIFY_URLS",
                " https://a.example.com/hook/tok3n-a,slack:https://hooks.slack.com/services/tok3n-b\n "));

        assertThat(settings.notifyUrls()).containsExactly("https://a.example.com/hook/tok3n-a",
                "slack:https://hooks.slack.com/services/tok3n-b");
        assertThat(settings.toString()).contains("notifyUrls=2").doesNotContain("tok3n");
        assertThat(resolve(Map.of()).notifyUrls()).isEmpty();
    }

    @Test
    void aPublicUrlMustBeAnHttpUrlWithAHost() {
        assertThat(resolve(Map.of("DEPLOYER_PUBLIC_URL", "https://deployer.example.com/")).publicUrl())
                .contains("https://deployer.example.com/");
        assertThat(resolve(Map.of()).publicUrl()).isEmpty();
        for (String bad : new String[] {"deployer.example.com", "ftp://x.example.com/", "https://", "http://bad host/"}) {
            assertThatThrownBy(() -> resolve(Map.of("DEPLOYER_PUBLIC_URL", bad))).as(bad).isInstanceOf(StartupException.class)
                    .hasMessageStartingWith("DEPLOYER_PUBLIC_URL must be the http:// or https:// address");
        }
    }
}
