package dev.deployer.server.ssh;

import java.util.concurrent.CompletableFuture;

/** A long-running remote command (e.g. {@code journalctl -f}) whose stdout lines go to a consumer until {@link #close()}. */
public interface RemoteStream extends AutoCloseable {
    /** Completes when the remote command ended or the stream was closed; exceptionally when the connection broke. */
    CompletableFuture<Void> finished();

    boolean isOpen();

    /** Ends the stream and the remote process behind it. */
    @Override
    void close();
}
