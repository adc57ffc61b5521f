package dev.deployer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostInputTest {
    @Test
    void validValuesPassThrough() {
        assertThat(HostInput.name("web-1")).isEqualTo("web-1");
        assertThat(HostInput.address("10.0.0.5")).isEqualTo("10.0.0.5");
        assertThat(HostInput.address("app1.example.com")).isEqualTo("app1.example.com");
        assertThat(HostInput.address("fe80::1")).isEqualTo("fe80::1");
        assertThat(HostInput.user("deploy_2")).isEqualTo("deploy_2");
        assertThat(HostInput.port(2222)).isEqualTo(2222);
    }

    @Test
    void defaultsForOptionalFields() {
        assertThat(HostInput.port(null)).isEqualTo(22);
        assertThat(HostInput.user(null)).isEqualTo("root");
        assertThat(HostInput.fingerprint(null)).isNull();
    }

    @Test
    void fingerprintIsNormalizedToSha256Form() {
        String bare = "uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";
        assertThat(HostInput.fingerprint(bare)).isEqualTo("SHA256:" + bare);
        assertThat(HostInput.fingerprint("SHA256:" + bare + "=")).isEqualTo("SHA256:" + bare);
        assertThatThrownBy(() -> HostInput.fingerprint("MD5:aa:bb")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Web1", "1web", "web_1", "web 1", "web1;reboot", "-web"})
    void badNamesAreRejected(String name) {
        assertThatThrownBy(() -> HostInput.name(name)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.5 ", "a b", "host;reboot", "$(id)", "`id`", "-oProxyCommand=x", "root@host", "host:22",
            "a..b", "host\nx", "*.example.com"})
    void badAddressesAreRejected(String address) {
        assertThatThrownBy(() -> HostInput.address(address)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536})
    void portsOutsideTheRangeAreRejected(int port) {
        assertThatThrownBy(() -> HostInput.port(port)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Root", "1deploy", "de ploy", "deploy;id", "a234567890123456789012345678901234"})
    void badUsersAreRejected(String user) {
        assertThatThrownBy(() -> HostInput.user(user)).isInstanceOf(IllegalArgumentException.class);
    }
}
