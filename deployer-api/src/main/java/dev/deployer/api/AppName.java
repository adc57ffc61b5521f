package dev.deployer.api;

/**
 * An app's name, checked by {@link Names#appName} when it is made: holding one means the name is
 * valid, so code past the edge never checks it again. Throws {@link IllegalArgumentException}
 * saying what is allowed, like the validator.
 */
public record AppName(String value) {
    public AppName {
        Names.appName(value);
    }

    public static AppName of(String value) {
        return new AppName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
