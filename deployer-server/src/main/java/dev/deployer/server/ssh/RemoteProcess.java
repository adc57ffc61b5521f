package dev.deployer.server.ssh;

import java.util.concurrent.CompletableFuture;

/**
 * A remote command run to its end with its output handed over as it comes (see {@link HostAccess#start}):
 * {@link #exitCode()} completes with the command's exit code (-1 when it ended by a signal), or exceptionally with a
 * {@link RemoteFailure} when the connection broke first.
 */
public interface RemoteProcess extends AutoCloseable {
    CompletableFuture<Integer> exitCode();

    /** Stops reading and closes the channel: the remote command keeps running unless something else stops it. */
    @Override
    void close();

    /** One that has ended already with {@code exitCode}: a command run to its end some other way. */
    static RemoteProcess ended(int exitCode) {
        CompletableFuture<Integer> exit = CompletableFuture.completedFuture(exitCode);
        return new RemoteProcess() {
            @Override
            public CompletableFuture<Integer> exitCode() {
                return exit;
            }

            @Override
            public void close() {}
        };
    }
}
