package dev.webconsole.appender.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cheapest possible browser tab, for benchmarks: a plain socket that performs the WebSocket
 * upgrade on {@code /ws} and then either reads and discards every byte, or reads nothing at all
 * (a stalled tab: the TCP window fills and the hub sees a tab that stopped reading).
 */
final class RawTab implements AutoCloseable {
    private final Socket socket;
    private final Thread reader;
    private final AtomicLong bytesRead = new AtomicLong();

    private RawTab(Socket socket, boolean reading, String name) {
        this.socket = socket;
        this.reader = reading ? new Thread(this::readAndDiscard, name) : null;
        if (reader != null) {
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** Connects and upgrades; reading=false gives a stalled tab. */
    static RawTab open(int port, boolean reading, String name) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        try {
            socket.setSoTimeout(10_000); // the upgrade only; reading is unbounded afterwards
            upgrade(socket, port);
            socket.setSoTimeout(0);
            return new RawTab(socket, reading, name);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static void upgrade(Socket socket, int port) throws IOException {
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        String origin = "127.0.0.1:" + port;
        String request = "GET /ws HTTP/1.1\r\n"
                + "Host: " + origin + "\r\n"
                + "Origin: http://" + origin + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        // Read the response head byte by byte, so no frame byte after it is consumed.
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0 || head.length() > 16_384) {
                throw new IOException("the hub closed or sent too much during the upgrade: " + head);
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("the hub refused the upgrade: " + head.toString().lines().findFirst().orElse(""));
        }
    }

    private void readAndDiscard() {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = socket.getInputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytesRead.addAndGet(n);
            }
        } catch (IOException e) {
            if (!socket.isClosed()) {
                System.err.println("bench: tab " + Thread.currentThread().getName() + " failed: " + e);
            }
        }
    }

    long bytesRead() {
        return bytesRead.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        if (reader != null) {
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
