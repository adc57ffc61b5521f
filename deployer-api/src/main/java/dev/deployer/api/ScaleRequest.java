package dev.deployer.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code POST /api/apps/{app}/scale}: instances per host of Procfile process types, e.g. {@code {"worker": 2}}
 * (0..16; web only 1); a new release with that formation is deployed. {@code "wait": true} queues behind a running deployment.
 */
public record ScaleRequest(Map<String, Integer> counts, @JsonProperty("wait") Boolean waitTurn) {}
