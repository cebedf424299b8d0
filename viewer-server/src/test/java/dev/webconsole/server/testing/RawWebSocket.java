package dev.webconsole.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client written by hand on a plain {@link Socket}, for what a well-behaved client
 * cannot do: stop reading without telling anyone, vanish in the middle of a frame, or send bytes
 * that are not valid UTF-8. Frames it sends are masked, as RFC 6455 requires of a client. Every
 * read is bounded by the socket's timeout ({@link WsClient#WAIT}).
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int OP_CONTINUATION = 0x0;
    public static final int OP_TEXT = 0x1;
    public static final int OP_BINARY = 0x2;
    public static final int OP_CLOSE = 0x8;
    public static final int OP_PING = 0x9;
    public static final int OP_PONG = 0xA;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final SecureRandom random = new SecureRandom();
    private final int status;

    /** One frame from the server. */
    public record Frame(boolean fin, int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a close frame, or 1005 (none given). */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    /**
     * Opens a socket to {@code 127.0.0.1:port}, sends the upgrade request for {@code pathAndQuery}
     * and reads the response head.
     *
     * @param receiveBuffer the socket's receive buffer in bytes (set before connecting, so the TCP
     *     window stays that small), or 0 for the system default
     */
    public static RawWebSocket connect(int port, String pathAndQuery, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.setSoTimeout((int) WsClient.WAIT.toMillis());
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) WsClient.WAIT.toMillis());
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Origin: http://127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
        String head = readHead(in);
        int status = Integer.parseInt(head.substring(head.indexOf(' ') + 1, head.indexOf(' ') + 4));
        return new RawWebSocket(socket, status, in);
    }

    private RawWebSocket(Socket socket, int status, InputStream in) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.status = status;
    }

    /** The HTTP status of the upgrade response: 101 when the socket is a WebSocket now. */
    public int status() {
        return status;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the hub closed the socket during the upgrade: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** Sends one masked frame. */
    public void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(14);
        header.put((byte) ((fin ? 0x80 : 0) | opcode));
        if (payload.length < 126) {
            header.put((byte) (0x80 | payload.length));
        } else if (payload.length < 65_536) {
            header.put((byte) (0x80 | 126)).putShort((short) payload.length);
        } else {
            header.put((byte) (0x80 | 127)).putLong(payload.length);
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        header.put(mask);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        out.write(header.array(), 0, header.position());
        out.write(masked);
        out.flush();
    }

    public void sendText(String text) throws IOException {
        sendFrame(true, OP_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a JSON value as one text frame. */
    public void sendJson(JsonNode message) throws IOException {
        sendFrame(true, OP_TEXT, MAPPER.writeValueAsBytes(message));
    }

    /** Reads exactly {@code count} bytes of what the server sent, whatever they are. */
    public byte[] readBytes(int count) throws IOException {
        return in.readNBytes(count);
    }

    /** Reads one frame; bounded by the socket timeout. */
    public Frame readFrame() throws IOException {
        int b0 = in.read();
        int b1 = in.read();
        if (b0 < 0 || b1 < 0) {
            throw new EOFException("the hub closed the socket");
        }
        long length = b1 & 0x7f;
        if (length == 126) {
            length = ((in.read() & 0xff) << 8) | (in.read() & 0xff);
        } else if (length == 127) {
            length = ByteBuffer.wrap(in.readNBytes(8)).getLong();
        }
        if ((b1 & 0x80) != 0) {
            throw new IOException("a server frame must not be masked");
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("frame too long: " + length);
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length != length) {
            throw new EOFException("the hub closed the socket inside a frame");
        }
        return new Frame((b0 & 0x80) != 0, b0 & 0x0f, payload);
    }

    /**
     * Reads the next whole message, joining fragments; answers pings. A close frame is returned
     * as it is (opcode {@link #OP_CLOSE}).
     */
    public Frame readMessage() throws IOException {
        ByteArrayOutputStream joined = null;
        int opcode = 0;
        while (true) {
            Frame frame = readFrame();
            switch (frame.opcode()) {
                case OP_PING -> sendFrame(true, OP_PONG, frame.payload());
                case OP_PONG -> { }
                case OP_CLOSE -> {
                    return frame;
                }
                default -> {
                    if (joined == null) {
                        if (frame.fin()) {
                            return frame;
                        }
                        joined = new ByteArrayOutputStream();
                        opcode = frame.opcode();
                    }
                    joined.write(frame.payload());
                    if (frame.fin()) {
                        return new Frame(true, opcode, joined.toByteArray());
                    }
                }
            }
        }
    }

    /** The next message as JSON; fails if it is not a text message. */
    public JsonNode readJson() throws IOException {
        Frame message = readMessage();
        if (message.opcode() != OP_TEXT) {
            throw new IOException("expected a text message, got opcode " + message.opcode()
                    + (message.opcode() == OP_CLOSE ? " (close " + message.closeCode() + ")" : ""));
        }
        return MAPPER.readTree(message.payload());
    }

    /** Reads messages until the close frame and returns its code; text messages on the way are skipped. */
    public int awaitClose() throws IOException {
        while (true) {
            Frame message = readMessage();
            if (message.opcode() == OP_CLOSE) {
                return message.closeCode();
            }
        }
    }

    /**
     * Closes with the handshake a browser does: sends close 1000, skips whatever is still on its way,
     * and returns the code of the server's close frame.
     */
    public int closeCleanly() throws IOException {
        sendFrame(true, OP_CLOSE, new byte[] {0x03, (byte) 0xE8});
        try {
            while (true) {
                Frame frame = readFrame();
                if (frame.opcode() == OP_CLOSE) {
                    return frame.closeCode();
                }
            }
        } finally {
            socket.close();
        }
    }

    /** Resets the connection (RST, no close handshake), as a crashed or killed client would. */
    public void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
