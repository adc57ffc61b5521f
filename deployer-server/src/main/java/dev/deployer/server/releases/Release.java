package dev.deployer.server.releases;

import java.time.Instant;

/**
 * An immutable release {@code vN}: artifact + sealed config snapshot + rendered unit + commit + who + when.
 * {@code status} is the stored word of a {@link dev.deployer.api.ReleaseStatus}.
 */
public record Release(long id, long appId, int version, String commitSha, String artifactSha256, long artifactSize,
                      String configSnapshot, String unitText, String description, String status, String createdBy,
                      Instant createdAt) {

    public String label() {
        return "v" + version;
    }
}
