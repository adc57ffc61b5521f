package dev.deployer.server.ssh;

import dev.deployer.server.remote.RemoteCommand;
import java.io.IOException;
import java.time.Duration;
import net.schmizz.sshj.SSHClient;

/**
 * A connection of its own, opened now (host key checked, key login done) and closed after use, never
 * taken from or given to the pool: what proves that a login works today, not when the pooled
 * connection was opened.
 */
final class SshLogin implements FreshLogin {
    private final SSHClient client;
    private final HostTarget host;
    private final String step;
    private final CommandExecution execution;

    SshLogin(SSHClient client, HostTarget host, String step, CommandExecution execution) {
        this.client = client;
        this.host = host;
        this.step = step;
        this.execution = execution;
    }

    @Override
    public CommandResult runAllowingFailure(RemoteCommand command, Duration timeout) {
        try {
            return execution.execute(client, host, step, command, null, timeout);
        } catch (IOException e) {
            throw SilenceLimit.hungUp(client) ? RemoteFailure.linkLost(host, step, e) : RemoteFailure.connectionLost(host, step, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RemoteFailure.connectionLost(host, step, e);
        }
    }

    @Override
    public void close() {
        SshConnector.close(client);
    }
}
