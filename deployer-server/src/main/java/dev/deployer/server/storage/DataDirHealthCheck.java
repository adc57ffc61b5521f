package dev.deployer.server.storage;

import com.codahale.metrics.health.HealthCheck;

public class DataDirHealthCheck extends HealthCheck {
    private final DataDir dataDir;

    public DataDirHealthCheck(DataDir dataDir) {
        this.dataDir = dataDir;
    }

    @Override
    protected Result check() {
        return dataDir.writable() ? Result.healthy() : Result.unhealthy("data dir " + dataDir.root() + " is not writable");
    }
}
