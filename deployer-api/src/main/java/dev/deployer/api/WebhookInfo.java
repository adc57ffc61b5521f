package dev.deployer.api;

import java.time.Instant;
import java.util.List;

/**
 * One notification webhook as the API lists it: never its URL (which may hold a token), only its
 * scheme and host ({@code masked}, e.g. {@code https://hooks.slack.com/…}).
 *
 * @param format {@code json} (deployer's body) or {@code slack} ({@code {"text": ...}})
 * @param events which deployment moments it is told of: {@code started}, {@code succeeded}, {@code failed}
 */
public record WebhookInfo(long id, String app, String format, List<String> events, String masked, String createdBy,
                          Instant createdAt) {}
