package dev.webconsole.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A plain-socket HTTP/1.1 client for tests that must set any header, {@code Host} and
 * {@code Origin} included, or send a WebSocket upgrade by hand. Reads one response.
 */
public final class RawHttp {
    /** One response: status, headers (names in lower case; repeated ones joined by "\n"), body. */
    public record Reply(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {}

    /** Sends {@code GET path} with {@code Host: 127.0.0.1:port} unless headers name another Host. */
    public static Reply get(int port, String path, String... headerLines) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) WsClient.WAIT.toMillis());
            return exchange(socket, path, false, headerLines);
        }
    }

    /** Sends {@code GET path} from a socket bound to {@code localAddress} (any of 127.0.0.0/8 is loopback). */
    public static Reply getFrom(String localAddress, int port, String path, String... headerLines) throws IOException {
        try (Socket socket = new Socket(java.net.InetAddress.getByName("127.0.0.1"), port,
                java.net.InetAddress.getByName(localAddress), 0)) {
            socket.setSoTimeout((int) WsClient.WAIT.toMillis());
            return exchange(socket, path, false, headerLines);
        }
    }

    /** Sends {@code request} byte for byte (ISO-8859-1) and reads one response. */
    public static Reply send(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) WsClient.WAIT.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return readReply(socket.getInputStream());
        }
    }

    /** Sends a WebSocket upgrade request and returns the reply's status line and headers (101 on success). */
    public static Reply upgrade(int port, String path, String... headerLines) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) WsClient.WAIT.toMillis());
            return exchange(socket, path, true, headerLines);
        }
    }

    /** Sends a WebSocket upgrade on an open socket and leaves it open; returns the reply's head. */
    public static Reply upgradeOn(Socket socket, String path, String... headerLines) throws IOException {
        return exchange(socket, path, true, headerLines);
    }

    private static Reply exchange(Socket socket, String path, boolean upgrade, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
        boolean hostGiven = false;
        for (String line : headerLines) {
            hostGiven |= line.toLowerCase(Locale.ROOT).startsWith("host:");
        }
        if (!hostGiven) {
            request.append("Host: 127.0.0.1:").append(socket.getPort()).append("\r\n");
        }
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        if (upgrade) {
            request.append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                    .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
        } else {
            request.append("Connection: close\r\n");
        }
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return readReply(socket.getInputStream());
    }

    private static Reply readReply(InputStream in) throws IOException {
        String statusLine = readLine(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            headers.merge(name, line.substring(colon + 1).strip(), (a, b) -> a + "\n" + b);
        }
        if (status == 101) {
            return new Reply(status, headers, "");
        }
        String length = headers.get("content-length");
        byte[] body = length != null ? in.readNBytes(Integer.parseInt(length)) : in.readAllBytes();
        return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed before the end of the response head");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
