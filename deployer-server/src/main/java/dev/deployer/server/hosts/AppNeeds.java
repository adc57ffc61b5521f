package dev.deployer.server.hosts;

import dev.deployer.server.apps.App;

/**
 * What one app needs from a host it runs on: its port free (or held by its own units), at least this java, and for
 * {@code strategy} zero-downtime also haproxy, socat and its two slot ports. {@code name} is null for an app not
 * created yet (a port or java given to {@code deployer hosts check}).
 */
public record AppNeeds(String name, int port, int javaVersion, String strategy) {
    /** An app not created yet: it gets the default strategy, zero-downtime, unless it is created with another. */
    static AppNeeds future(int port, int javaVersion) {
        return new AppNeeds(null, port, javaVersion, App.DEFAULT_STRATEGY);
    }

    public boolean zeroDowntime() {
        return App.ZERO_DOWNTIME.equals(strategy);
    }

    String label() {
        return name == null ? "the new app" : name;
    }
}
