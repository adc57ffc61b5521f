package dev.deployer.api;

import java.net.URI;

/** No answer at all from the server: nothing listens there, the name does not resolve, or the connection timed out. Code 0. */
public class ServerUnreachable extends ApiException {
    private final URI server;

    public ServerUnreachable(URI server, String why) {
        super(0, "cannot reach the deployer server at " + shown(server) + " (" + why + ")");
        this.server = server;
    }

    public URI server() {
        return server;
    }

    /** The URL as a person typed it: without the trailing slash the client adds. */
    static String shown(URI server) {
        String text = server.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
