package dev.deployer.server.ssh;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import javax.net.SocketFactory;
import net.schmizz.sshj.SSHClient;

/**
 * One per client: sockets that hang themselves up when the host sent nothing for the limit. Keepalives make a live
 * host answer every few seconds, so silence means the link or the host is gone. Closing the socket
 * (not just ending sshj's transport) also frees a writer blocked on a full send buffer, which
 * would otherwise hold sshj's write lock until TCP gives up, a quarter of an hour later.
 */
final class SilenceLimit extends SocketFactory {
    static final String MESSAGE = "the host sent nothing for ";

    private final int limitMillis;
    private volatile boolean hungUp;

    SilenceLimit(int limitMillis) {
        this.limitMillis = limitMillis;
    }

    /** True when {@code client}'s socket was hung up for silence: its host is lost, not merely disconnected. Still true after close. */
    static boolean hungUp(SSHClient client) {
        return client.getSocketFactory() instanceof SilenceLimit limit && limit.hungUp;
    }

    @Override
    public Socket createSocket() {
        return new Watched();
    }

    @Override
    public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException("sshj asks for unconnected sockets only");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException("sshj asks for unconnected sockets only");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException("sshj asks for unconnected sockets only");
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
        throw new UnsupportedOperationException("sshj asks for unconnected sockets only");
    }

    /** sshj sets the read timeout from {@link SSHClient#setTimeout}; it retries reads that time out, so the stream turns one into a hang-up. */
    private final class Watched extends Socket {
        @Override
        public InputStream getInputStream() throws IOException {
            return new FilterInputStream(super.getInputStream()) {
                @Override
                public int read() throws IOException {
                    try {
                        return super.read();
                    } catch (SocketTimeoutException e) {
                        throw hangUp();
                    }
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    try {
                        return super.read(b, off, len);
                    } catch (SocketTimeoutException e) {
                        throw hangUp();
                    }
                }
            };
        }

        private IOException hangUp() {
            hungUp = true;
            try {
                close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
            return new IOException(MESSAGE + limitMillis / 1000 + " s, not even an answer to a keepalive");
        }
    }
}
