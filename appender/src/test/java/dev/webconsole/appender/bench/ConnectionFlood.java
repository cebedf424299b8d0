package dev.webconsole.appender.bench;

import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.HubConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Another local process holds thousands of connections that send half a request head and stop:
 * how long does the owner's page take meanwhile? Sockets come from many loopback addresses (each
 * under {@code maxConnectionsPerAddress}) or all from one; the owner's requests come from 127.0.0.1.
 * Run with {@code mvn -B -Pbench -Dbench=flood -pl appender -am -DskipTests verify}.
 */
final class ConnectionFlood {
    private ConnectionFlood() {}

    static void run() throws Exception {
        int held = Integer.getInteger("bench.flood.connections", 4000);
        try (ConsoleHub hub = new ConsoleHub(HubConfig.builder().port(0).build())) {
            hub.start();
            System.out.printf("owner's GET / while another process holds %,d half-sent requests%n", held);
            System.out.printf("  spread over %d addresses: %s%n", held / 200, measure(hub.port(), held, 200));
            System.out.printf("  all from 127.0.0.2:        %s%n", measure(hub.port(), held, held));
        }
    }

    /** Opens {@code held} sockets, {@code perAddress} from each loopback address, then times 21 page loads. */
    private static String measure(int port, int held, int perAddress) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < held; i++) {
                int a = i / perAddress;
                String from = "127.0." + (2 + a / 250) + "." + (1 + a % 250);
                Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0);
                sockets.add(s);
                try {
                    s.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closedByTheHub) {
                    // over the per-address limit: closed as it was accepted
                }
            }
            long[] millis = new long[21];
            for (int i = 0; i < millis.length; i++) {
                long start = System.nanoTime();
                pageLoad(port);
                millis[i] = (System.nanoTime() - start) / 1_000_000;
            }
            Arrays.sort(millis);
            return String.format("median %d ms, max %d ms", millis[millis.length / 2], millis[millis.length - 1]);
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    private static void pageLoad(int port) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(60_000);
            s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            if (!status.endsWith("200")) {
                throw new IOException("the page answered " + status);
            }
            in.readAllBytes();
        }
    }
}
