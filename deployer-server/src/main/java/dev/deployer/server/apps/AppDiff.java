package dev.deployer.server.apps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Which settings an update changed, by name, for the audit log (names only: a repo URL may hold credentials). */
final class AppDiff {
    private static final Map<String, Function<App, Object>> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("hosts", App::hosts);
        FIELDS.put("repoUrl", App::repoUrl);
        FIELDS.put("branch", App::branch);
        FIELDS.put("port", App::port);
        FIELDS.put("javaOptions", App::javaOptions);
        FIELDS.put("javaVersion", App::javaVersion);
        FIELDS.put("healthPath", App::healthPath);
        FIELDS.put("healthTimeoutSeconds", App::healthTimeoutSeconds);
        FIELDS.put("buildCommand", App::buildCommand);
        FIELDS.put("artifactPath", App::artifactPath);
        FIELDS.put("buildTimeoutSeconds", App::buildTimeoutSeconds);
        FIELDS.put("keepReleases", App::keepReleases);
        FIELDS.put("batchSize", App::batchSize);
        FIELDS.put("maxPushMib", App::maxPushMib);
        FIELDS.put("secretsOnPush", App::secretsOnPush);
        FIELDS.put("strategy", App::strategy);
        FIELDS.put("canary", App::canary);
        FIELDS.put("drainSeconds", App::drainSeconds);
        FIELDS.put("standbySeconds", App::standbySeconds);
    }

    private AppDiff() {}

    static List<String> changedFields(App before, App after, boolean webhookSecretRotated) {
        List<String> changed = new ArrayList<>();
        FIELDS.forEach((name, field) -> {
            if (!Objects.equals(field.apply(before), field.apply(after))) {
                changed.add(name);
            }
        });
        if (webhookSecretRotated) {
            changed.add("webhookSecret");
        }
        return changed;
    }
}
