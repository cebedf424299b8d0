package dev.webconsole.appender.bench;

import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.HubConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A hub that takes publishers, in a JVM of its own, with one tab reading everything: where a
 * publishing appender sends its events in use, so that the hub's threads, allocation and garbage
 * collections are not the benchmarked application's. {@link #start()} launches it and reads its
 * port; closing it ends the JVM (it stops when its standard input closes).
 */
final class HubProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private HubProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** In the child JVM: start, say the port, run until standard input closes. */
    public static void main(String[] args) throws IOException {
        ConsoleHub hub = new ConsoleHub(HubConfig.builder().port(0).publisherToken(PublishLoad.TOKEN).build());
        hub.start();
        try (RawTab tab = RawTab.open(hub.port(), true, "bench-tab-publish")) {
            System.out.println("port " + hub.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the benchmark closes our standard input
            }
            System.out.println("received " + hub.stats().published());
        } finally {
            hub.stop();
        }
    }

    static HubProcess start() throws IOException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), HubProcess.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        while (line != null && !line.startsWith("port ")) { // anything the hub says before its port
            line = out.readLine();
        }
        if (line == null) {
            p.destroyForcibly();
            throw new IOException("the hub process did not say its port: " + line);
        }
        return new HubProcess(p, Integer.parseInt(line.substring(5).strip()));
    }

    int port() {
        return port;
    }

    /** Ends the hub's JVM and returns what it said last (the events it received), or why not. */
    String stop() throws IOException, InterruptedException {
        process.getOutputStream().close();
        String last = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "the hub process did not stop within 30 s";
        }
        return last;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
