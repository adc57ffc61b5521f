package dev.deployer.server.ssh;

import com.codahale.metrics.health.HealthCheck;

/** Without its private key the server reaches no host. */
public class SshKeyHealthCheck extends HealthCheck {
    private final ServerKeyPair keyPair;

    public SshKeyHealthCheck(ServerKeyPair keyPair) {
        this.keyPair = keyPair;
    }

    @Override
    protected Result check() {
        return keyPair.readable() ? Result.healthy()
                : Result.unhealthy("SSH private key " + keyPair.privateKeyFile() + " is not readable");
    }
}
