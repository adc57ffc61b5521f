package dev.deployer.server.build;

import com.codahale.metrics.health.HealthCheck;

/** Admin health check "build-sandbox": unhealthy while builds are refused; says whether they are sandboxed. */
public class SandboxHealthCheck extends HealthCheck {
    private final BuildConfinement confinement;

    public SandboxHealthCheck(BuildConfinement confinement) {
        this.confinement = confinement;
    }

    @Override
    protected Result check() {
        return confinement.refusal().isPresent() ? Result.unhealthy(confinement.description())
                : Result.healthy(confinement.description());
    }
}
