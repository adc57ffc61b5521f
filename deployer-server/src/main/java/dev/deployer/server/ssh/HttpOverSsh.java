package dev.deployer.server.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;

/**
 * An HTTP GET to 127.0.0.1:PORT on the host through a direct-tcpip channel: health checks reach
 * an app bound to loopback without opening any port to the network.
 */
final class HttpOverSsh {
    /** Printable ASCII without spaces: nothing that could end the request line or add a header. */
    private static final Pattern SAFE_PATH = Pattern.compile("^/[\\x21-\\x7e]*$");
    private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/\\d(?:\\.\\d)? (\\d{3})(?: .*)?$");

    private HttpOverSsh() {}

    static void requireSafePath(String path) {
        if (path == null || !SAFE_PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("health path must start with / and hold no spaces or control characters (got '"
                    + path + "')");
        }
    }

    /** The status code, or -1 when nothing listens on the port or no status line came within the timeout. */
    static int get(SSHClient client, int port, String path, Duration timeout, ExecutorService io)
            throws IOException, InterruptedException {
        requireSafePath(path);
        DirectConnection connection;
        try {
            connection = client.newDirectConnection("127.0.0.1", port);
        } catch (OpenFailException refused) {
            return -1;
        } catch (IOException | IllegalStateException e) {
            throw new HostConnections.StaleConnection(e);
        }
        try (connection) {
            OutputStream out = connection.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUser-Agent: deployer-health-check\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Future<String> statusLine = io.submit(() -> firstLine(connection.getInputStream()));
            try {
                Matcher matcher = STATUS_LINE.matcher(statusLine.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
                return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
            } catch (TimeoutException | ExecutionException e) {
                statusLine.cancel(true);
                if (!client.isConnected()) {
                    // the connection died under the request: a lost host, not an app that does not answer
                    throw new IOException("the SSH connection broke during the health request", e);
                }
                return -1;
            }
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n' && line.size() < 1024) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
