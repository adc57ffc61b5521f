package dev.deployer.server.remote;

/**
 * One of the two places an app's web process runs on a host under zero-downtime deploys. At any
 * moment one slot is live (the proxy sends it traffic) and the other is idle or a warm standby.
 * {@link #id()} is the name everywhere on the host: unit instance, env file, proxy server.
 */
public enum Slot {
    A("a"), B("b");

    private final String id;

    Slot(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public Slot other() {
        return this == A ? B : A;
    }

    /** The slot named {@code id} ("a" or "b", as the host and the database spell it); anything else is rejected. */
    public static Slot of(String id) {
        for (Slot slot : values()) {
            if (slot.id.equals(id)) {
                return slot;
            }
        }
        throw new IllegalArgumentException("a slot is 'a' or 'b' (got '" + id + "')");
    }

    @Override
    public String toString() {
        return id;
    }
}
