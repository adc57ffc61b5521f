package dev.deployer.server.releases;

import java.time.Instant;

/** An immutable release {@code vN}: artifact + sealed config snapshot + rendered unit + commit + who + when. */
public record Release(long id, long appId, int version, String commitSha, String artifactSha256, long artifactSize,
                      String configSnapshot, String unitText, String description, String status, String createdBy,
                      Instant createdAt) {

    public static final String PENDING = "pending";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    public String label() {
        return "v" + version;
    }
}
