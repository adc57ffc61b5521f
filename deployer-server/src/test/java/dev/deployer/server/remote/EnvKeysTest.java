package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.secrets.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvKeysTest {
    private static String rendered(Map<String, Secret> vars) {
        return new String(EnvFile.render(vars, 8080), StandardCharsets.UTF_8);
    }

    @Test
    void keysOfAnEnvFileAsDeployerWritesItComeBackWithDigestsNeverValues() {
        String value = "line one\nline \"two\" \\ # not = a comment";
        Map<String, String> digests = EnvKeys.digests(rendered(Map.of("GREETING", Secret.of(value), "TOKEN", Secret.of("s3cr3t-value"))));

        assertThat(digests).containsOnlyKeys("PORT", "GREETING", "TOKEN");
        assertThat(digests.toString()).doesNotContain("s3cr3t-value").doesNotContain("line one").doesNotContain("8080");
        assertThat(digests.values()).allSatisfy(d -> assertThat(d).matches("[0-9a-f]{64}"));
    }

    @Test
    void aMultiLineValueWithQuotesIsOneKeyAndItsDigestFollowsItsValue() {
        Map<String, String> a = EnvKeys.digests(rendered(Map.of("A", Secret.of("x\nB=\"fake\""), "C", Secret.of("1"))));
        Map<String, String> b = EnvKeys.digests(rendered(Map.of("A", Secret.of("x\nB=\"fake\""), "C", Secret.of("1"))));
        Map<String, String> c = EnvKeys.digests(rendered(Map.of("A", Secret.of("x\nB=\"other\""), "C", Secret.of("1"))));

        assertThat(a).containsOnlyKeys("PORT", "A", "C").isEqualTo(b);
        assertThat(c.get("A")).isNotEqualTo(a.get("A"));
        assertThat(c.get("C")).isEqualTo(a.get("C"));
    }

    @Test
    void diffNamesAddedRemovedAndChangedKeysSortedAndNothingElse() {
        Map<String, String> before = EnvKeys.digests(rendered(Map.of("KEEP", Secret.of("same"), "GONE", Secret.of("old-secret"),
                "MOVED", Secret.of("before-value"))));
        Map<String, String> after = EnvKeys.digests(rendered(Map.of("KEEP", Secret.of("same"), "NEW_B", Secret.of("x"),
                "NEW_A", Secret.of("y"), "MOVED", Secret.of("after-value"))));

        EnvKeys.Diff diff = EnvKeys.diff(before, after);

        assertThat(diff.added()).containsExactly("NEW_A", "NEW_B");
        assertThat(diff.removed()).containsExactly("GONE");
        assertThat(diff.changed()).containsExactly("MOVED");
        assertThat(diff.toString()).doesNotContain("before-value", "after-value", "old-secret");
        assertThat(EnvKeys.diff(before, before).isEmpty()).isTrue();
    }

    @Test
    void aLineEditedByHandOrAMissingFileStillCompares() {
        Map<String, String> edited = EnvKeys.digests("# comment\n\nPORT=\"8080\"\nHAND=unquoted value\n");
        assertThat(edited).containsOnlyKeys("PORT", "HAND");
        assertThat(EnvKeys.digests("")).isEmpty();
        assertThat(EnvKeys.diff(Map.of(), edited).added()).containsExactly("HAND", "PORT");
    }
}
