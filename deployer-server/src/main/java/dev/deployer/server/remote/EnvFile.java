package dev.deployer.server.remote;

import dev.deployer.api.Names;
import dev.deployer.server.secrets.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text of {@code /etc/deployer/APP.env}, read by systemd's {@code EnvironmentFile=}.
 *
 * <p>Every value is written as {@code KEY="..."} with only {@code \} and {@code "} escaped. Inside
 * double quotes systemd's parser keeps everything else as it is: newlines, {@code #}, {@code =},
 * {@code '}, leading and trailing spaces; {@code $} and backticks are not expanded. A backslash
 * before any other character is kept too, but since every backslash of a value is doubled,
 * none ever stands before another character. Single quotes are avoided on purpose: how systemd
 * treats a backslash inside them changed between versions, and in double quotes it did not.</p>
 *
 * <p>This is one of the two places a {@link Secret}'s plain value is read.</p>
 */
public final class EnvFile {
    private static final String HEADER = "# Written by deployer: edits here are overwritten by the next release.\n";

    private EnvFile() {}

    /** {@code PORT} first, from the app's port; then the vars in key order. {@code PORT} among the vars is refused. */
    public static byte[] render(Map<String, Secret> vars, int port) {
        StringBuilder text = new StringBuilder(HEADER);
        line(text, "PORT", Integer.toString(port));
        for (Map.Entry<String, Secret> var : new TreeMap<>(vars).entrySet()) {
            String key = Names.configKey(var.getKey());
            if (key.equals("PORT")) {
                throw new IllegalArgumentException("PORT comes from the app's port setting, not from its config vars");
            }
            line(text, key, var.getValue().reveal());
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder text, String key, String value) {
        if (value.indexOf('\0') >= 0) {
            // An environment string ends at NUL: the process would see less than what was set.
            throw new IllegalArgumentException("the value of " + key + " contains a NUL character");
        }
        text.append(key).append("=\"").append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
    }
}
