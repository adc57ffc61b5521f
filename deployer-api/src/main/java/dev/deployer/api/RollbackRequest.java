package dev.deployer.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /api/apps/{app}/rollback}: the version to copy (default: the last good release
 * before the current one); {@code "wait": true} queues behind a running deployment; {@code "runRelease": true} runs the
 * copied release's Procfile {@code release} command again (a rollback does not by default; left out of the body when
 * not asked, so a server from before it reads the same body as ever).
 */
public record RollbackRequest(Integer version, @JsonProperty("wait") Boolean waitTurn,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Boolean runRelease) {
    public RollbackRequest(Integer version, Boolean waitTurn) {
        this(version, waitTurn, null);
    }
}
