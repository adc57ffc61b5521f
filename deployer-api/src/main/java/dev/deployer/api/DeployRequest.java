package dev.deployer.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /api/apps/{app}/deploy}: a ref to build (default: the tracked branch's head);
 * {@code "wait": true} queues behind a running deployment instead of answering 409; {@code "dryRun": true} answers 200
 * with a {@link DeployPlan} and changes nothing on any host (absent or null: a real deploy; left out of the body when
 * not asked, so a server from before it reads the same body as ever).
 */
public record DeployRequest(String ref, @JsonProperty("wait") Boolean waitTurn,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean dryRun) {
    public DeployRequest(String ref, Boolean waitTurn) {
        this(ref, waitTurn, null);
    }
}
