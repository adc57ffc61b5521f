package dev.deployer.server.config;

import dev.deployer.server.secrets.Secret;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Where a config value enters the server: the raw text is checked and wrapped into a
 * {@link Secret} before anything else sees it. Messages name the key, never the value.
 */
public final class ConfigValue {
    /** Per value, in UTF-8 bytes: generous for certificates and keys, small enough for an env file. */
    public static final int MAX_BYTES = 32 * 1024;

    private ConfigValue() {}

    /** A checked value of {@code key}; {@link IllegalArgumentException} when the app's process could not see it exactly. */
    public static Secret accept(String key, String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("the value of " + key + " is missing");
        }
        if (raw.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the value of " + key + " contains a NUL character, which no "
                    + "environment variable can hold");
        }
        int bytes;
        try {
            bytes = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(raw)).remaining();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the value of " + key + " is not valid Unicode text (a lone surrogate?)");
        }
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("the value of " + key + " is " + bytes + " bytes; the limit is "
                    + MAX_BYTES + " bytes per value");
        }
        return Secret.of(raw);
    }
}
