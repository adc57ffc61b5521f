package dev.deployer.server.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback in front of a port. {@link #silence()} makes it stop passing bytes in both
 * directions without closing anything, as a cut cable does: both ends see an open connection
 * that carries nothing, and a sender's buffers fill up.
 */
final class SilencingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong toHost = new AtomicLong();
    private volatile boolean silent;

    SilencingProxy(int target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "silencing-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Bytes passed on towards the host so far. */
    long bytesToHost() {
        return toHost.get();
    }

    void silence() {
        silent = true;
    }

    private void accept() {
        try {
            while (true) {
                Socket client = listener.accept();
                Socket host = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(host);
                pump(client, host, toHost);
                pump(host, client, new AtomicLong());
            }
        } catch (IOException closed) {
            // the proxy was closed
        }
    }

    private void pump(Socket from, Socket to, AtomicLong passed) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    while (silent) {
                        Thread.sleep(50); // hold the bytes: nothing passes any more, nothing is closed
                    }
                    out.write(buffer, 0, n);
                    passed.addAndGet(n);
                }
                to.shutdownOutput();
            } catch (IOException | InterruptedException e) {
                // closed
            }
        }, "silencing-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
