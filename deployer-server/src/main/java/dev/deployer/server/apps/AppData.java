package dev.deployer.server.apps;

/**
 * What another feature keeps for an app and must drop when the app is deleted (its config values,
 * which hold secrets). The app's feature calls it after the app is off its hosts; it never reaches
 * into the other feature's tables itself.
 */
public interface AppData {
    AppData NONE = appId -> {};

    void forget(long appId);
}
