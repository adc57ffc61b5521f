package dev.deployer.server.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified-diff-like view of a unit file that would be rewritten: {@code --- PATH} and {@code +++ PATH (new)} headers,
 * then {@code -}, {@code +} and one line of context around each change. Bounded: units are tens of lines, so a file
 * over {@link #MAX_FILE_LINES} lines is named, not diffed, and the output stops at {@link #MAX_LINES} with a count of the rest.
 */
final class UnitDiff {
    static final int MAX_FILE_LINES = 400;
    static final int MAX_LINES = 80;

    private UnitDiff() {}

    /** Empty when {@code before} and {@code after} are equal; {@code before} empty: the file does not exist yet. */
    static List<String> of(String path, String before, String after) {
        if (before.equals(after)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        out.add("--- " + path + (before.isEmpty() ? " (none yet)" : ""));
        out.add("+++ " + path + " (new)");
        List<String> a = before.isEmpty() ? List.of() : before.lines().toList();
        List<String> b = after.lines().toList();
        if (a.size() > MAX_FILE_LINES || b.size() > MAX_FILE_LINES) {
            out.add("(more than " + MAX_FILE_LINES + " lines: not diffed)");
            return out;
        }
        List<String> edits = edits(a, b);
        for (int i = 0; i < edits.size(); i++) {
            if (edits.get(i).startsWith(" ") && !near(edits, i)) {
                continue;
            }
            out.add(edits.get(i));
        }
        return bounded(out);
    }

    /** Every line of both, in order, prefixed {@code ' '} (kept), {@code '-'} or {@code '+'}: by the longest common subsequence. */
    private static List<String> edits(List<String> a, List<String> b) {
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                edits.add(" " + a.get(i++));
                j++;
            } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
                edits.add("-" + a.get(i++));
            } else {
                edits.add("+" + b.get(j++));
            }
        }
        return edits;
    }

    /** A kept line right before or after a change: context. */
    private static boolean near(List<String> edits, int i) {
        return (i > 0 && !edits.get(i - 1).startsWith(" ")) || (i + 1 < edits.size() && !edits.get(i + 1).startsWith(" "));
    }

    static List<String> bounded(List<String> lines) {
        if (lines.size() <= MAX_LINES) {
            return lines;
        }
        List<String> cut = new ArrayList<>(lines.subList(0, MAX_LINES));
        cut.add("... " + (lines.size() - MAX_LINES) + " more line(s)");
        return cut;
    }
}
