package dev.deployer.server.deploy;

import dev.deployer.server.build.ProcessFactory;
import dev.deployer.server.remote.DeltaCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Patches from one stored jar to another, made on the server by Debian's zstd ({@code zstd --patch-from}), once per
 * pair: every host holding the same earlier release gets the same file. Bounded: one zstd at a time, a time limit,
 * and a size limit (a patch over half the jar is not worth sending, and zstd is stopped as soon as it gets there);
 * the last {@link #KEPT} patches stay on disk, older ones are deleted.
 */
public class JarPatches {
    private static final Logger LOG = LoggerFactory.getLogger(JarPatches.class);
    /** A patch larger than this share of the jar is not worth it: the whole jar goes instead. */
    static final double MAX_SHARE = 0.5;
    static final int KEPT = 8;
    private static final int OUTPUT_CHARS = 2_000;
    private static final Duration POLL = Duration.ofMillis(20);
    /** The one outcome without a patch that holds for good: the same two jars give the same patch. */
    private static final String TOO_LARGE = "a patch would be more than half the jar";

    /** A patch file on the server, the window it was made with (the host needs the same) and what it is worth. */
    public record Patch(Path file, long bytes, String sha256, int windowLog) {}

    /** A patch, or in {@code whyNot} the reason there is none, for the artifact step's event. */
    public record Outcome(Patch patch, String whyNot) {
        static Outcome none(String whyNot) {
            return new Outcome(null, whyNot);
        }

        public boolean made() {
            return patch != null;
        }
    }

    private final ProcessFactory processes;
    private final String zstd;
    private final Path dir;
    private final Duration timeLimit;
    private final Semaphore running = new Semaphore(1);
    private final Map<String, CompletableFuture<Outcome>> kept = new LinkedHashMap<>();

    /** {@code zstd}: the program's path ({@code /usr/bin/zstd}); {@code dir}: where patches are kept, emptied now. */
    public JarPatches(ProcessFactory processes, String zstd, Path dir, Duration timeLimit) {
        this.processes = processes;
        this.zstd = zstd;
        this.dir = dir;
        this.timeLimit = timeLimit;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> leftovers = Files.list(dir)) {
                for (Path file : leftovers.toList()) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + " for jar patches: " + e.getMessage(), e);
        }
    }

    /** The patch that turns {@code base} into {@code target}, made now or kept from before. */
    public Outcome between(Path base, String baseSha, Path target, String targetSha) {
        String key = baseSha + "-" + targetSha;
        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        CompletableFuture<Outcome> existing;
        synchronized (kept) {
            existing = kept.putIfAbsent(key, mine);
            if (existing == null) {
                evictBeyondKept();
            }
        }
        if (existing != null) {
            return existing.join();
        }
        Outcome outcome;
        try {
            outcome = make(base, target, dir.resolve(key + ".zst"));
        } catch (RuntimeException e) {
            outcome = Outcome.none("the patch could not be made on the server: " + e.getMessage());
        }
        if (!outcome.made() && !outcome.whyNot().startsWith(TOO_LARGE)) {
            synchronized (kept) {
                kept.remove(key, mine); // a passing failure (a timeout, a busy zstd) is tried again next time
            }
        }
        mine.complete(outcome);
        return outcome;
    }

    /** The patch from {@code baseSha} to {@code targetSha} when one was made already (a dry run makes none); empty otherwise. */
    public java.util.Optional<Outcome> known(String baseSha, String targetSha) {
        CompletableFuture<Outcome> found;
        synchronized (kept) {
            found = kept.get(baseSha + "-" + targetSha);
        }
        return found != null && found.isDone() ? java.util.Optional.of(found.join()) : java.util.Optional.empty();
    }

    private Outcome make(Path base, Path target, Path out) {
        long baseBytes = size(base);
        long targetBytes = size(target);
        int windowLog = DeltaCommands.windowLog(baseBytes, targetBytes);
        if (windowLog < 0) {
            return Outcome.none("the jars are larger than zstd's largest window (2 GiB)");
        }
        long limit = (long) (targetBytes * MAX_SHARE);
        long started = System.nanoTime();
        try {
            if (!running.tryAcquire(timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                return Outcome.none("zstd on the server was busy with another patch for " + seconds(timeLimit));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.none("the server is stopping");
        }
        try {
            Outcome outcome = run(List.of(zstd, "-q", "-3", "--long=" + windowLog, "--patch-from=" + base, "-o", out.toString(),
                    "--", target.toString()), out, limit, windowLog);
            LOG.info("jar patch base={} target={} made={} bytes={} ms={} {}", base.getFileName(), target.getFileName(), outcome.made(),
                    outcome.made() ? outcome.patch().bytes() : -1, (System.nanoTime() - started) / 1_000_000,
                    outcome.made() ? "" : outcome.whyNot());
            return outcome;
        } finally {
            running.release();
        }
    }

    /** Runs zstd, stopping it when it passes the size limit or the time limit. */
    private Outcome run(List<String> command, Path out, long limit, int windowLog) {
        Process process;
        try {
            process = processes.start(command, dir, Map.of());
        } catch (IOException e) {
            return Outcome.none("zstd cannot run on the server (" + e.getMessage() + "): install it with apt-get install zstd");
        }
        StringBuilder output = new StringBuilder();
        Thread reader = drain(process.getInputStream(), output);
        long deadline = System.nanoTime() + timeLimit.toNanos();
        try {
            while (!process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                if (sizeOrZero(out) > limit) {
                    return stopped(process, out, Outcome.none(TOO_LARGE));
                }
                if (System.nanoTime() > deadline) {
                    return stopped(process, out, Outcome.none("zstd took longer than " + seconds(timeLimit) + " on the server"));
                }
            }
            reader.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stopped(process, out, Outcome.none("the server is stopping"));
        }
        if (process.exitValue() != 0) {
            String said;
            synchronized (output) {
                said = output.toString().strip();
            }
            return stopped(process, out, Outcome.none("zstd failed on the server (exit " + process.exitValue() + "): " + said));
        }
        long bytes = sizeOrZero(out);
        if (bytes > limit) {
            return stopped(process, out, Outcome.none(TOO_LARGE + " (" + Sizes.bytes(bytes) + ")"));
        }
        return new Outcome(new Patch(out, bytes, sha256(out), windowLog), null);
    }

    private static Outcome stopped(Process process, Path out, Outcome outcome) {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            Files.deleteIfExists(out);
        } catch (IOException | InterruptedException e) {
            LOG.warn("cannot remove the unfinished patch {}: {}", out, e.toString());
        }
        return outcome;
    }

    /** Keeps the first {@link #OUTPUT_CHARS} characters zstd prints; reads the rest away so it never blocks. */
    private static Thread drain(InputStream in, StringBuilder output) {
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try (in) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    synchronized (output) {
                        if (output.length() < OUTPUT_CHARS) {
                            output.append(new String(buffer, 0, Math.min(n, OUTPUT_CHARS - output.length()), StandardCharsets.UTF_8));
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process was stopped
            }
        }, "jar-patch-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private void evictBeyondKept() {
        List<CompletableFuture<Outcome>> evicted = new ArrayList<>();
        for (Iterator<CompletableFuture<Outcome>> it = kept.values().iterator(); kept.size() - evicted.size() > KEPT && it.hasNext(); ) {
            CompletableFuture<Outcome> oldest = it.next();
            if (oldest.isDone()) {
                evicted.add(oldest);
                it.remove();
            }
        }
        for (CompletableFuture<Outcome> gone : evicted) {
            Outcome outcome = gone.join();
            if (outcome.made()) {
                try {
                    Files.deleteIfExists(outcome.patch().file());
                } catch (IOException e) {
                    LOG.warn("cannot delete the old patch {}: {}", outcome.patch().file(), e.toString());
                }
            }
        }
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the patch " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
