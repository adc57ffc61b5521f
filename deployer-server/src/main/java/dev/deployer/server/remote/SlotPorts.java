package dev.deployer.server.remote;

/**
 * The internal ports of an app's two slots, derived from its public port {@code P}: slot a on
 * P+10000, slot b on P+20000, both on 127.0.0.1 behind the proxy on P. Both must stay below
 * 32768, where Linux starts handing out ephemeral ports for outgoing connections: an outgoing
 * connection holding a stopped slot's port would make that slot's next start fail to bind.
 * Hence zero-downtime needs {@code P <= 12767}; a higher port needs {@code strategy: restart}.
 */
public record SlotPorts(int appPort) {
    public static final int MIN_APP_PORT = 1024;
    static final int OFFSET_A = 10_000;
    static final int OFFSET_B = 20_000;
    /** Default start of net.ipv4.ip_local_port_range on Linux. */
    static final int EPHEMERAL_START = 32_768;
    public static final int MAX_APP_PORT = EPHEMERAL_START - 1 - OFFSET_B;

    public SlotPorts {
        if (appPort < MIN_APP_PORT || appPort > MAX_APP_PORT) {
            throw new IllegalArgumentException("zero-downtime needs an app port between " + MIN_APP_PORT + " and " + MAX_APP_PORT
                    + " (got " + appPort + "): its slots listen on port+" + OFFSET_A + " and port+" + OFFSET_B
                    + ", which must stay below " + EPHEMERAL_START + " (Linux's ephemeral ports); pick a lower port or use strategy: restart");
        }
    }

    public int port(Slot slot) {
        return appPort + (slot == Slot.A ? OFFSET_A : OFFSET_B);
    }
}
