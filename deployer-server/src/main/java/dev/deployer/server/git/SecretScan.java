package dev.deployer.server.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Looks for committed secrets in what a push adds: private keys (PEM and OpenSSH headers), .env files,
 * and credentials with a fixed, documented shape (AWS access key ids, GitHub and GitLab tokens, Slack
 * and Stripe live keys). The patterns are a small subset of gitleaks' maintained rules (MIT): no Java
 * library on Maven Central maintains such a set, and shapes with a prefix have almost no false alarms.
 * A finding names the file, line and kind, never the value. Bounded: the newest {@link #MAX_COMMITS}
 * new commits, files up to {@link #MAX_BLOB} bytes, text only.
 */
public final class SecretScan {
    static final int MAX_COMMITS = 200;
    static final int MAX_BLOB = 1024 * 1024;
    static final int MAX_FINDINGS = 20;

    /** One finding; {@code line} is 0 for a whole file (a .env file). */
    public record Finding(String commit, String path, int line, String kind) {
        public String describe() {
            return path + (line > 0 ? " line " + line : "") + " (" + kind + ", commit " + commit.substring(0, 12) + ")";
        }
    }

    private record Rule(String kind, Pattern pattern) {}

    private static final List<Rule> RULES = List.of(
            new Rule("private key", Pattern.compile("-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY( BLOCK)?-----")),
            new Rule("AWS access key id", Pattern.compile("\\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\\b")),
            new Rule("GitHub token", Pattern.compile("\\b(?:ghp|gho|ghu|ghs|ghr)_[0-9a-zA-Z]{36}\\b")),
            new Rule("GitHub fine-grained token", Pattern.compile("\\bgithub_pat_[0-9a-zA-Z_]{82}\\b")),
            new Rule("GitLab token", Pattern.compile("\\b(?:glpat|gldt|glrt|glsoat)-[0-9a-zA-Z_-]{20,}")),
            new Rule("GitLab runner registration token", Pattern.compile("\\bGR1348941[0-9a-zA-Z_-]{20}\\b")),
            new Rule("Slack token", Pattern.compile("\\bxox[baprs]-[0-9a-zA-Z-]{10,}")),
            new Rule("Stripe live key", Pattern.compile("\\b(?:sk|rk)_live_[0-9a-zA-Z]{24,}")));

    private SecretScan() {}

    /** Findings in the commits reachable from {@code newTip} that no ref of {@code repository} reaches yet. */
    public static List<Finding> scan(Repository repository, ObjectId newTip) throws IOException {
        List<Finding> findings = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader()) {
            walk.markStart(walk.parseCommit(newTip));
            for (Ref ref : repository.getRefDatabase().getRefs()) {
                try {
                    walk.markUninteresting(walk.parseCommit(ref.getObjectId()));
                } catch (IOException notACommit) {
                    // a tag of a tree or blob: nothing to exclude
                }
            }
            int commits = 0;
            for (RevCommit commit : walk) {
                if (++commits > MAX_COMMITS || findings.size() >= MAX_FINDINGS) {
                    break;
                }
                scanCommit(walk, reader, commit, findings);
            }
        }
        return findings.size() > MAX_FINDINGS ? findings.subList(0, MAX_FINDINGS) : findings;
    }

    private static void scanCommit(RevWalk walk, ObjectReader reader, RevCommit commit, List<Finding> findings)
            throws IOException {
        try (TreeWalk tree = new TreeWalk(reader)) {
            if (commit.getParentCount() > 0) {
                tree.addTree(walk.parseCommit(commit.getParent(0)).getTree());
            } else {
                tree.addTree(new EmptyTreeIterator());
            }
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            tree.setFilter(TreeFilter.ANY_DIFF);
            while (tree.next()) {
                FileMode mode = tree.getFileMode(1);
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                    continue; // deleted, a link or a submodule
                }
                String path = tree.getPathString();
                if (isEnvFile(path)) {
                    findings.add(new Finding(commit.name(), path, 0, "a .env file"));
                }
                scanBlob(reader, tree.getObjectId(1), commit.name(), path, findings);
            }
        }
    }

    /** {@code .env} and {@code .env.production}; templates ({@code .env.example}, {@code .env.sample}, {@code .env.template}) hold no values. */
    static boolean isEnvFile(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.equals(".env") || (name.startsWith(".env.") && !name.matches("\\.env\\.(example|sample|template|dist)"));
    }

    private static void scanBlob(ObjectReader reader, ObjectId blob, String commit, String path, List<Finding> findings)
            throws IOException {
        ObjectLoader loader;
        try {
            loader = reader.open(blob);
        } catch (MissingObjectException e) {
            return;
        }
        if (loader.getSize() > MAX_BLOB) {
            return;
        }
        byte[] bytes = loader.getCachedBytes(MAX_BLOB);
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) {
                return; // binary
            }
        }
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length && findings.size() < MAX_FINDINGS; i++) {
            for (Rule rule : RULES) {
                if (rule.pattern().matcher(lines[i]).find()) {
                    findings.add(new Finding(commit, path, i + 1, rule.kind()));
                    break;
                }
            }
        }
    }
}
