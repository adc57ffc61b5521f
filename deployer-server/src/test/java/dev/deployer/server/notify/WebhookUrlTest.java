package dev.deployer.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployer.server.secrets.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlTest {
    private static final String SLACK = "https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX";

    @Test
    void acceptedUrlIsASecretThatPrintsRedacted() {
        Secret url = WebhookUrl.accept(SLACK);

        assertThat(url.reveal()).isEqualTo(SLACK);
        assertThat(url.toString()).isEqualTo("[REDACTED]");
    }

    @Test
    void maskedFormIsSchemeAndHostOnly() {
        assertThat(WebhookUrl.masked(WebhookUrl.accept(SLACK))).isEqualTo("https://hooks.slack.com/…");
        assertThat(WebhookUrl.masked(WebhookUrl.accept("HTTP://Chat.Example.com:8443/hook?token=s3cret")))
                .isEqualTo("http://chat.example.com/…");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/x", "file:///etc/passwd", "javascript:alert(1)", "example.com/hook",
            "https:///nohost", "https://user:pw@example.com/hook", "https://example.com/a b", "https://example.com/#frag",
            "", "https://exa mple.com/"})
    void refusesAnythingButAPlainHttpOrHttpsUrlWithAHost(String raw) {
        assertThatThrownBy(() -> WebhookUrl.accept(raw)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusalsNeverRepeatTheUrl() {
        String secretish = "https://user:tok3n-value@example.com/hook";
        assertThatThrownBy(() -> WebhookUrl.accept(secretish)).hasMessageNotContaining("tok3n-value");
        String broken = "https://example.com/%%tok3n-value";
        assertThatThrownBy(() -> WebhookUrl.accept(broken)).hasMessageNotContaining("tok3n-value")
                .hasMessageContaining("not a valid URL");
        assertThatThrownBy(() -> WebhookUrl.accept("gopher://tok3n-value")).hasMessageNotContaining("tok3n-value");
    }

    @Test
    void refusesUrlsLongerThan2000Characters() {
        assertThatThrownBy(() -> WebhookUrl.accept("https://example.com/" + "a".repeat(2000)))
                .hasMessageContaining("the limit is 2000");
    }
}
