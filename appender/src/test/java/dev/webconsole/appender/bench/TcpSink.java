package dev.webconsole.appender.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A loopback TCP server whose threads read and discard everything: the far end of a SocketAppender. */
final class TcpSink implements AutoCloseable {
    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong bytes = new AtomicLong();

    TcpSink() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "bench-tcp-sink");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    long bytes() {
        return bytes.get();
    }

    private void accept() {
        try {
            while (!server.isClosed()) {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread reader = new Thread(() -> discard(socket), "bench-tcp-sink-reader");
                reader.setDaemon(true);
                reader.start();
            }
        } catch (IOException e) {
            if (!server.isClosed()) {
                System.err.println("bench: TCP sink stopped accepting: " + e);
            }
        }
    }

    private void discard(Socket socket) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = socket.getInputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytes.addAndGet(n);
            }
        } catch (IOException e) {
            if (!socket.isClosed() && !server.isClosed()) {
                System.err.println("bench: TCP sink reader failed: " + e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
