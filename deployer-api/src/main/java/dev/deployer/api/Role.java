package dev.deployer.api;

import java.util.Locale;

/** What a token may do. Each role includes the ones below it. */
public enum Role {
    VIEWER, DEPLOYER, ADMIN;

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code admin}, {@code deployer} or {@code viewer}; anything else is rejected. */
    public static Role parse(String value) {
        if (value != null) {
            for (Role role : values()) {
                if (role.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return role;
                }
            }
        }
        throw new IllegalArgumentException("role must be one of admin, deployer, viewer (got '" + value + "')");
    }
}
