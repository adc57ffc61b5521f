package dev.deployer.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployer.server.secrets.Secret;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads the body of {@code PUT /api/apps/{app}/config}: a JSON object of {@code KEY: "value"},
 * where {@code null} unsets. Parsed here rather than by Jersey because a JSON parser's error
 * message quotes the text it choked on, and here that text is a secret.
 */
public record ConfigBody(Map<String, Secret> set, Set<String> unset) {
    static final String SHAPE = "send a JSON object of KEY: \"value\" pairs, null to unset a key, "
            + "e.g. {\"DATABASE_URL\": \"...\", \"OLD_KEY\": null}";
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** Parses and checks every key and value; {@link IllegalArgumentException} messages never hold a value. */
    public static ConfigBody parse(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not valid JSON: " + SHAPE);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(SHAPE);
        }
        Map<String, Secret> set = new LinkedHashMap<>();
        Set<String> unset = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = dev.deployer.api.Names.configKey(field.getKey());
            JsonNode value = field.getValue();
            if (value.isNull()) {
                unset.add(key);
            } else if (value.isTextual()) {
                set.put(key, ConfigValue.accept(key, value.textValue()));
            } else {
                throw new IllegalArgumentException("the value of " + key + " must be a JSON string (or null to unset it)");
            }
        }
        if (set.isEmpty() && unset.isEmpty()) {
            throw new IllegalArgumentException("nothing to change: " + SHAPE);
        }
        return new ConfigBody(set, unset);
    }
}
