package dev.deployer.server.logs;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Starts following an app's journal on one host: raw {@code journalctl -o json} lines to a consumer until closed.
 * On the server this is {@code journalctl --follow} over SSH; tests hand in a fake.
 */
interface JournalSource {

    /** Continues after {@code afterCursor} or, with none, from {@code since}. Throws when it cannot start. */
    Tail follow(String app, String host, String afterCursor, Instant since, Consumer<String> lines);

    /** One running follow. */
    interface Tail {
        /** Completes when the stream ended; exceptionally when the connection broke. */
        CompletableFuture<Void> finished();

        /** Ends the stream and the process behind it. */
        void close();
    }
}
