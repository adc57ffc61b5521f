package dev.deployer.cli;

import dev.deployer.api.Names;

/** The app-name and config-key validators of {@link Names}, with their complaint turned into exit code 2 before anything is sent. */
final class AppArguments {
    private AppArguments() {}

    static String name(String name) {
        try {
            return Names.appName(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static String configKey(String key) {
        try {
            return Names.configKey(key);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
