package dev.deployer.server.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployer.server.deploy.DeploymentObserver.Notice;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a webhook receives for one moment of a deployment: deployer's JSON, or Slack's
 * {@code {"text": ...}}. Built from the notice only: it carries no config value and no webhook URL.
 */
public final class NotificationBody {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The web UI's route of one app (web-ui's app.js, and the CLI's {@code deployer open}). */
    static final String APP_ROUTE = "#/apps/";
    private static final int MAX_REASON = 1000;

    private final Optional<String> publicUrl;

    /** {@code publicUrl}: the server's address as users open it (DEPLOYER_PUBLIC_URL); empty: no dashboard link. */
    public NotificationBody(Optional<String> publicUrl) {
        this.publicUrl = publicUrl.map(url -> url.endsWith("/") ? url : url + "/");
    }

    public String render(WebhookFormat format, Notice notice, Instant at) {
        return format == WebhookFormat.SLACK ? write(Map.of("text", slackText(notice))) : write(fields(notice, at));
    }

    /** Deployer's body; every key is always there, null when it has no value. */
    Map<String, Object> fields(Notice notice, Instant at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "deployment." + notice.phase());
        body.put("status", notice.phase());
        body.put("app", notice.app());
        body.put("deployment", notice.deployment());
        body.put("kind", notice.kind());
        body.put("release", notice.version() == null ? null : "v" + notice.version());
        body.put("version", notice.version());
        body.put("commit", notice.commit());
        body.put("who", notice.who());
        body.put("reason", cut(notice.reason()));
        body.put("dashboard", dashboard(notice.app()).orElse(null));
        body.put("at", at.toString());
        return body;
    }

    /** One line a channel reads at a glance: app, release, what happened, who, and the dashboard link. */
    String slackText(Notice notice) {
        String release = notice.version() == null ? "" : " v" + notice.version();
        String commit = notice.commit() == null ? "" : " (" + notice.commit().substring(0, Math.min(7, notice.commit().length())) + ")";
        String who = notice.who() == null ? "" : " by " + notice.who();
        String text = switch (notice.phase()) {
            case "started" -> ":rocket: " + notice.app() + ": " + notice.kind() + release + commit + " started" + who;
            case "succeeded" -> ":white_check_mark: " + notice.app() + ": " + notice.kind() + release + commit + " succeeded" + who;
            default -> ":x: " + notice.app() + ": " + notice.kind() + release + commit + " " + notice.phase() + who;
        };
        String escaped = escape(text) + (notice.reason() == null || notice.phase().equals("started")
                ? "" : ": " + escape(cut(notice.reason())));
        return escaped + dashboard(notice.app()).map(url -> " <" + escape(url) + "|dashboard>").orElse("");
    }

    Optional<String> dashboard(String app) {
        return publicUrl.map(url -> url + APP_ROUTE + app);
    }

    /** Slack's control characters in message text (its "mrkdwn" escaping). */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String reason) {
        return reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "…";
    }

    private static String write(Map<String, ?> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notification body could not be written as JSON", e);
        }
    }
}
