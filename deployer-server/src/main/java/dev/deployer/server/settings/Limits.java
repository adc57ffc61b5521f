package dev.deployer.server.settings;

import dev.deployer.server.settings.Settings;
import dev.deployer.server.settings.StartupException;
import java.util.Map;

/**
 * The server's bounds that an operator may move, each from its environment variable (see
 * docs/configuration.md); part of {@link Settings}.
 *
 * @param maxRequestBytes      largest request body of the API and of webhooks, after gzip inflation
 * @param streams              event streams (deployment events, followed logs) open at once, server-wide
 * @param streamsPerToken      event streams one API token may hold open at once
 * @param retentionDays        finished deployments older than this are deleted with their events,
 *                             except those of each app's current and recent releases
 */
public record Limits(long maxRequestBytes, int streams, int streamsPerToken, int retentionDays) {
    public static final String MAX_REQUEST_KIB = "DEPLOYER_MAX_REQUEST_KIB";
    public static final String MAX_STREAMS = "DEPLOYER_MAX_STREAMS";
    public static final String MAX_STREAMS_PER_TOKEN = "DEPLOYER_MAX_STREAMS_PER_TOKEN";
    public static final String RETENTION_DAYS = "DEPLOYER_DEPLOYMENT_RETENTION_DAYS";

    public static Limits resolve(Map<String, String> env) {
        int streams = Settings.positive(env, MAX_STREAMS, 64);
        int perToken = Settings.positive(env, MAX_STREAMS_PER_TOKEN, 8);
        if (perToken > streams) {
            throw new StartupException(MAX_STREAMS_PER_TOKEN + " (" + perToken + ") must not be more than "
                    + MAX_STREAMS + " (" + streams + ").");
        }
        return new Limits(1024L * Settings.positive(env, MAX_REQUEST_KIB, 1024), streams, perToken,
                Settings.positive(env, RETENTION_DAYS, 90));
    }
}
