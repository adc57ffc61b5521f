package dev.deployer.server.ssh;

import dev.deployer.server.remote.RemoteCommand;
import java.time.Duration;

/**
 * A connection of its own, opened now (host key checked, key login done) and closed after use, never taken from or
 * given to a pool: what proves that a login works today, not when a kept connection was opened.
 */
public interface FreshLogin extends AutoCloseable {
    /** Runs {@code command} and returns whatever exit code it had; a broken connection throws {@link RemoteFailure}. */
    CommandResult runAllowingFailure(RemoteCommand command, Duration timeout);

    @Override
    void close();
}
