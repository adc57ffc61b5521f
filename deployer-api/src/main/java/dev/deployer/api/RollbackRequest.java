package dev.deployer.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /api/apps/{app}/rollback}: the version to copy (default: the last good release
 * before the current one); {@code "wait": true} queues behind a running deployment.
 */
public record RollbackRequest(Integer version, @JsonProperty("wait") Boolean waitTurn) {}
