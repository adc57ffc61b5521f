package dev.deployer.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployer.api.WebhookInfo;
import dev.deployer.api.WebhookRequest;
import dev.deployer.server.config.ConfigVarsTest;
import dev.deployer.server.errors.NotFound;
import dev.deployer.server.secrets.SecretBox;
import dev.deployer.server.testing.Rows;
import dev.deployer.server.testing.TestDatabase;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Webhooks on a real H2 database: the URL only sealed at rest, listed masked, bounded per app, gone with the app. */
class WebhooksTest {
    private static final String URL = "https://hooks.slack.com/services/T0/B0/tok3n-in-the-path";

    private final TestDatabase.Named db = TestDatabase.h2();
    private final SecretBox box = new SecretBox(ConfigVarsTest.key());
    private final Webhooks webhooks = new Webhooks(db.jdbi().onDemand(WebhookDao.class), box,
            Webhooks.global(List.of("slack:https://chat.example.com/hook/global-tok3n")), Clock.systemUTC());
    private final long shop = Rows.app(db.jdbi(), "shop");

    @Test
    void addedWebhookIsListedMaskedAndStoredOnlySealed() {
        WebhookInfo added = webhooks.add(shop, new WebhookRequest(URL, "slack", List.of("failed")), "alice");

        assertThat(added.masked()).isEqualTo("https://hooks.slack.com/…");
        assertThat(added.format()).isEqualTo("slack");
        assertThat(added.events()).containsExactly("failed");
        assertThat(added.createdBy()).isEqualTo("alice");
        assertThat(added.toString()).doesNotContain("tok3n");
        assertThat(webhooks.list(shop)).containsExactly(added);
        List<String> stored = db.jdbi().withHandle(h -> h.createQuery("SELECT url_encrypted || url_masked FROM notify_webhooks")
                .mapTo(String.class).list());
        assertThat(stored).hasSize(1).allMatch(text -> !text.contains("tok3n") && !text.contains("/services/"));
    }

    @Test
    void targetsOpenTheUrlAndAddTheGlobalWebhooks() {
        WebhookInfo added = webhooks.add(shop, new WebhookRequest(URL, null, null), "alice");

        List<Webhooks.Target> targets = webhooks.targets("shop");

        assertThat(targets).extracting(Webhooks.Target::id).containsExactly(String.valueOf(added.id()), "global-1");
        assertThat(targets.get(0).url().reveal()).isEqualTo(URL);
        assertThat(targets.get(0).format()).isEqualTo(WebhookFormat.JSON);
        assertThat(targets.get(0).events()).containsExactly("started", "succeeded", "failed");
        assertThat(targets.get(1).format()).isEqualTo(WebhookFormat.SLACK);
        assertThat(targets.get(1).masked()).isEqualTo("https://chat.example.com/…");
    }

    @Test
    void anEleventhWebhookOfAnAppIsRefused() {
        for (int i = 0; i < Webhooks.MAX_PER_APP; i++) {
            webhooks.add(shop, new WebhookRequest(URL + i, null, null), "alice");
        }

        assertThatThrownBy(() -> webhooks.add(shop, new WebhookRequest(URL, null, null), "alice"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 10 webhooks");
    }

    @Test
    void unknownFormatOrEventIsRefusedWithTheKnownWords() {
        assertThatThrownBy(() -> webhooks.add(shop, new WebhookRequest(URL, "teams", null), "alice"))
                .hasMessageContaining("json, slack");
        assertThatThrownBy(() -> webhooks.add(shop, new WebhookRequest(URL, null, List.of("done")), "alice"))
                .hasMessageContaining("started, succeeded, failed");
    }

    @Test
    void removedAndForgottenWebhooksAreGone() {
        WebhookInfo first = webhooks.add(shop, new WebhookRequest(URL, null, null), "alice");
        webhooks.add(shop, new WebhookRequest(URL, null, null), "alice");

        webhooks.remove(shop, first.id());
        assertThat(webhooks.list(shop)).hasSize(1);
        assertThatThrownBy(() -> webhooks.remove(shop, first.id())).isInstanceOf(NotFound.class);

        webhooks.forget(shop);
        assertThat(webhooks.list(shop)).isEmpty();
        assertThat(webhooks.targets("shop")).extracting(Webhooks.Target::id).containsExactly("global-1");
    }

    @Test
    void aBadGlobalEntryIsNamedByItsPositionNeverItsText() {
        assertThatThrownBy(() -> Webhooks.global(List.of("https://ok.example.com/", "ftp://tok3n@example.com/")))
                .hasMessageStartingWith("entry 2: ").hasMessageNotContaining("tok3n");
    }
}
