package dev.deployer.server.apps;

/**
 * Takes a deleted app off its hosts; the deploy engine implements it over SSH. Called before the
 * database forgets anything, so a failure (thrown saying which host and why)
 * leaves the app in place to retry.
 */
public interface AppRemover {
    AppRemover NONE = (app, purge) -> {};

    /**
     * On each of {@code app.hosts()}: stop and disable {@code deployer-APP.service}, remove the unit
     * (then daemon-reload) and the env file, which holds the config values. With {@code purge} the
     * release history is dropped too, so the release directories and stored artifacts can go; the
     * app's state dir is its data and is left alone.
     */
    void remove(App app, boolean purge);
}
