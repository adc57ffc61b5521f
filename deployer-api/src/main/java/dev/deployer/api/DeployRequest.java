package dev.deployer.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /api/apps/{app}/deploy}: a ref to build (default: the tracked branch's head);
 * {@code "wait": true} queues behind a running deployment instead of answering 409.
 */
public record DeployRequest(String ref, @JsonProperty("wait") Boolean waitTurn) {}
