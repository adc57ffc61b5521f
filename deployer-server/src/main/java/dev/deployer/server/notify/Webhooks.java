package dev.deployer.server.notify;

import dev.deployer.api.WebhookInfo;
import dev.deployer.api.WebhookRequest;
import dev.deployer.server.apps.AppData;
import dev.deployer.server.errors.NotFound;
import dev.deployer.server.secrets.Secret;
import dev.deployer.server.secrets.SecretBox;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The webhooks told of deployments: each app's own (stored, URL sealed) and the server's global
 * ones (from {@code DEPLOYER_NOTIFY_URLS}). The plain URL leaves this class only inside a
 * {@link Target}, for the sender.
 */
public class Webhooks implements AppData {
    /** Per app: enough for a team channel, an on-call tool and a few more. */
    public static final int MAX_PER_APP = 10;

    /** Where to send one notice: {@code id} as listings and logs show it ({@code 3}, {@code global-1}). */
    public record Target(String id, Secret url, String masked, WebhookFormat format, List<String> events) {}

    private final WebhookDao dao;
    private final SecretBox box;
    private final List<Target> global;
    private final Clock clock;

    public Webhooks(WebhookDao dao, SecretBox box, List<Target> global, Clock clock) {
        this.dao = dao;
        this.box = box;
        this.global = List.copyOf(global);
        this.clock = clock;
    }

    /**
     * The server's global webhooks from the setting's entries: {@code URL} or {@code slack:URL} each.
     * {@link IllegalArgumentException} naming the entry's position (never its text) when one is bad.
     */
    public static List<Target> global(List<String> entries) {
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            WebhookFormat format = entry.startsWith("slack:") ? WebhookFormat.SLACK : WebhookFormat.JSON;
            String raw = format == WebhookFormat.SLACK ? entry.substring("slack:".length()) : entry;
            Secret url;
            try {
                url = WebhookUrl.accept(raw);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("entry " + (i + 1) + ": " + e.getMessage());
            }
            targets.add(new Target("global-" + (i + 1), url, WebhookUrl.masked(url), format, WebhookEvents.ALL));
        }
        return targets;
    }

    public List<Target> global() {
        return global;
    }

    public List<WebhookInfo> list(long appId) {
        return dao.list(appId).stream().map(Webhooks::info).toList();
    }

    /** Checks and stores; {@link IllegalArgumentException} for a bad URL, format or event, or one webhook too many. */
    public WebhookInfo add(long appId, WebhookRequest request, String actor) {
        if (request == null) {
            throw new IllegalArgumentException("send the webhook as JSON: {\"url\": \"https://...\", \"format\": \"json\"}");
        }
        Secret url = WebhookUrl.accept(request.url());
        WebhookFormat format = WebhookFormat.from(request.format());
        List<String> events = WebhookEvents.accept(request.events());
        if (dao.count(appId) >= MAX_PER_APP) {
            throw new IllegalArgumentException("an app may have at most " + MAX_PER_APP + " webhooks: remove one first "
                    + "('deployer notify remove APP ID')");
        }
        long id = dao.insert(appId, box.seal(url), WebhookUrl.masked(url), format.value(), WebhookEvents.stored(events),
                actor, clock.instant().truncatedTo(ChronoUnit.MICROS));
        return info(dao.find(appId, id).orElseThrow());
    }

    public WebhookInfo remove(long appId, long id) {
        WebhookInfo gone = dao.find(appId, id).map(Webhooks::info)
                .orElseThrow(() -> new NotFound("no webhook " + id + " on this app: 'deployer notify list APP' shows them"));
        dao.delete(appId, id);
        return gone;
    }

    /** Where a notice of {@code app} goes: its own webhooks, then the global ones. */
    public List<Target> targets(String app) {
        List<Target> targets = new ArrayList<>();
        for (WebhookDao.Row row : dao.listByName(app)) {
            targets.add(new Target(String.valueOf(row.id()), box.open(row.urlEncrypted()), row.urlMasked(),
                    WebhookFormat.from(row.bodyFormat()), WebhookEvents.parse(row.events())));
        }
        targets.addAll(global);
        return targets;
    }

    /** The app is deleted: its webhooks (which may hold tokens) go with it. */
    @Override
    public void forget(long appId) {
        dao.deleteAll(appId);
    }

    private static WebhookInfo info(WebhookDao.Row row) {
        return new WebhookInfo(row.id(), row.app(), row.bodyFormat(), WebhookEvents.parse(row.events()), row.urlMasked(),
                row.createdBy(), row.createdAt());
    }
}
