package dev.webconsole.appender.publish;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * An application for the publishing tests, run as its own JVM with its own log4j2.xml. It reads
 * commands on standard input: {@code log N} logs N events ("event 1", "event 2", ...) and answers
 * {@code logged TOTAL}; {@code debug N} logs N events at DEBUG ("debug 1", ...) and answers
 * {@code debugged N}; {@code stop} shuts Log4j down (flushing the outbox) and exits.
 */
public final class PublisherApp {
    private PublisherApp() {}

    public static void main(String[] args) throws Exception {
        Logger log = LogManager.getLogger("app.Main");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        long total = 0;
        System.out.println("ready");
        for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith("log ")) {
                long n = Long.parseLong(line.substring(4).strip());
                for (long i = 0; i < n; i++) {
                    log.info("event {}", ++total);
                }
                System.out.println("logged " + total);
            } else if (line.startsWith("debug ")) {
                long n = Long.parseLong(line.substring(6).strip());
                for (long i = 1; i <= n; i++) {
                    log.debug("debug {}", i);
                }
                System.out.println("debugged " + n);
            } else if (line.equals("stop")) {
                LogManager.shutdown();
                System.out.println("stopped");
                return;
            }
        }
    }
}
