package dev.deployer.server.logs;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A {@link JournalSource} without SSH: each follow is recorded, and a test writes the lines it "prints". */
final class FakeJournal implements JournalSource {
    static final String SEQNUM_ID = "0f3c2a5e9d1b4c7a8e6f5d4c3b2a1908";

    record Started(String app, String host, String afterCursor, Instant since, FakeTail tail) {}

    static final class FakeTail implements Tail {
        private final Consumer<String> lines;
        private final CompletableFuture<Void> finished = new CompletableFuture<>();
        private volatile boolean closed;

        FakeTail(Consumer<String> lines) {
            this.lines = lines;
        }

        /** The remote journalctl prints the entry with seqnum {@code seqnum}. */
        void print(long seqnum, String message) {
            lines.accept(entry(seqnum, message));
        }

        void printRaw(String line) {
            lines.accept(line);
        }

        void breakConnection() {
            finished.completeExceptionally(new IllegalStateException("connection reset"));
        }

        boolean closed() {
            return closed;
        }

        @Override
        public CompletableFuture<Void> finished() {
            return finished;
        }

        @Override
        public void close() {
            closed = true;
            finished.complete(null);
        }
    }

    final List<Started> started = new CopyOnWriteArrayList<>();

    @Override
    public Tail follow(String app, String host, String afterCursor, Instant since, Consumer<String> lines) {
        FakeTail tail = new FakeTail(lines);
        started.add(new Started(app, host, afterCursor, since, tail));
        return tail;
    }

    FakeTail last() {
        return started.get(started.size() - 1).tail();
    }

    static String cursor(long seqnum) {
        return "s=" + SEQNUM_ID + ";i=" + Long.toHexString(seqnum) + ";b=6c7c6013a8dc4c9a8a7ac2ab4a6f1d21;m=139a1a0bd;t="
                + Long.toHexString(1_764_000_000_000_000L + seqnum) + ";x=8ba43ce3a9ea1fa";
    }

    static String entry(long seqnum, String message) {
        return "{\"__CURSOR\":\"" + cursor(seqnum) + "\",\"__REALTIME_TIMESTAMP\":\"" + (1_764_000_000_000_000L + seqnum)
                + "\",\"PRIORITY\":\"6\",\"MESSAGE\":\"" + message + "\"}";
    }
}
