package dev.webconsole.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every application of the compatibility matrix checks, as a user would see it: the URL the
 * appender prints, a real WebSocket tab receiving the application's events with their logger, level,
 * context and stack, the application's other appender getting exactly its own events, and no word
 * from SLF4J. Call {@link #begin()} first in {@code main}, before anything touches logging.
 */
public final class Scenario {
    private static final Pattern URL = Pattern.compile("WebConsole: watch the logs at (http://\\S+)");
    private static final long WAIT_MILLIS = 30_000;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final List<Expected> expected = new ArrayList<>();
    private final List<Map<String, Object>> received = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final String row;
    private int passed;
    private Tab tab;

    private Scenario(String row) {
        this.row = row;
        PrintStream original = System.err;
        System.setErr(new PrintStream(new Tee(original, stderr), true, StandardCharsets.UTF_8));
    }

    /** Starts recording standard error; {@code row} names the matrix row in the summary. */
    public static Scenario begin(String row) {
        return new Scenario(row);
    }

    /**
     * Opens a tab with no level filter (every level, JUL's FINEST below TRACE included) on the hub
     * whose URL the appender printed.
     */
    public Scenario connect() throws Exception {
        Matcher url = URL.matcher(stderrText());
        check("the appender printed its URL", url.find(), stderrText());
        tab = new Tab(URI.create(url.group(1)), "");
        return this;
    }

    public Expected expect(String logger, String level, String message) {
        Expected e = new Expected(logger, level, message);
        expected.add(e);
        return e;
    }

    /** Logs the matrix's standard events through the Log4j API, and expects them. */
    public void logThroughLog4jApi() {
        org.apache.logging.log4j.Logger orders = org.apache.logging.log4j.LogManager.getLogger("it.app.Orders");
        org.apache.logging.log4j.Logger db = org.apache.logging.log4j.LogManager.getLogger("it.app.Db");
        org.apache.logging.log4j.Logger cache = org.apache.logging.log4j.LogManager.getLogger("it.app.Cache");
        org.apache.logging.log4j.ThreadContext.put("orderId", "42");
        orders.info("order {} placed", 42);
        expect("it.app.Orders", "INFO", "order 42 placed").context("orderId", "42");
        org.apache.logging.log4j.ThreadContext.remove("orderId");
        db.error("query failed", new IllegalStateException("pool closed", new IOException("socket reset")));
        expect("it.app.Db", "ERROR", "query failed")
                .stack("java.lang.IllegalStateException: pool closed").stack("Caused by: java.io.IOException: socket reset");
        cache.debug("miss for key {}", 7);
        expect("it.app.Cache", "DEBUG", "miss for key 7");
        cache.trace("entering lookup");
        expect("it.app.Cache", "TRACE", "entering lookup");
        orders.warn("order {} is slow", 43);
        expect("it.app.Orders", "WARN", "order 43 is slow");
    }

    /** Waits until every expected event has reached the tab, in the order logged. */
    public List<Map<String, Object>> awaitConsole() throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        int next = 0;
        List<String> near = new ArrayList<>();
        while (next < expected.size() && System.currentTimeMillis() < deadline) {
            Map<String, Object> frame = tab.next(Math.max(1, deadline - System.currentTimeMillis()));
            if (frame == null) {
                break;
            }
            check("no gap", !"gap".equals(frame.get("type")), String.valueOf(frame));
            if (!"events".equals(frame.get("type"))) {
                continue;
            }
            for (Object o : (List<?>) frame.get("events")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> event = (Map<String, Object>) o;
                received.add(event);
                String mismatch = next < expected.size() ? expected.get(next).mismatch(event) : "other event";
                if (mismatch == null) {
                    pass();
                    next++;
                } else if (!mismatch.equals("other event")) {
                    near.add(expected.get(next) + ": " + mismatch);
                }
            }
        }
        check("every event reached the console", next == expected.size(),
                "missing from " + (next < expected.size() ? expected.get(next) : "") + "; near misses " + near);
        return received;
    }

    /** At least one console event came from a logger under this prefix (such as the app's own Jetty). */
    public void checkConsoleHasLogger(String prefix) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (received.stream().noneMatch(e -> String.valueOf(e.get("logger")).startsWith(prefix))
                && System.currentTimeMillis() < deadline) {
            Map<String, Object> frame = tab.next(Math.max(1, deadline - System.currentTimeMillis()));
            if (frame != null && "events".equals(frame.get("type"))) {
                for (Object o : (List<?>) frame.get("events")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> event = (Map<String, Object>) o;
                    received.add(event);
                }
            }
        }
        check("the application's own " + prefix + " events reach the console",
                received.stream().anyMatch(e -> String.valueOf(e.get("logger")).startsWith(prefix)), "none arrived");
    }

    /**
     * The other appender's file ({@code %p|%c|%t|%X|%m%n}) holds the expected events at or above
     * {@code threshold}, in order, and nothing from the hub (its loggers or its threads). With
     * {@code exclusive}, nothing else either: it got exactly what it would have got without WebConsole.
     */
    public void checkOtherAppender(Path file, String threshold, boolean exclusive) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> want = expected.stream().filter(e -> e.atLeast(threshold)).map(Expected::line).toList();
        List<String> app = lines.stream().filter(l -> l.contains("|it.app.")).toList();
        check("the other appender got the application's events", app.equals(want), "got " + app + ", expected " + want);
        List<String> hub = lines.stream().filter(l -> l.contains("|dev.webconsole") || l.contains("|webconsole-")).toList();
        check("the other appender got nothing from the hub", hub.isEmpty(), String.valueOf(hub));
        if (exclusive) {
            check("the other appender got nothing else", lines.equals(want), "got " + lines);
        }
    }

    /** The console left out the hub's own events: no dev.webconsole logger, no webconsole- thread. */
    public void checkConsoleHasNothingOfTheHub() {
        List<Map<String, Object>> hub = received.stream()
                .filter(e -> String.valueOf(e.get("logger")).startsWith("dev.webconsole")
                        || String.valueOf(e.get("thread")).startsWith("webconsole-"))
                .toList();
        check("the console shows nothing of the hub's own", hub.isEmpty(), String.valueOf(hub));
    }

    public void checkNoSlf4jWarning() {
        checkSlf4jSaidOnly();
    }

    /** SLF4J printed exactly these lines (the application's own SLF4J's), and the hub's printed none. */
    public void checkSlf4jSaidOnly(String... lines) {
        List<String> said = stderrText().lines().filter(l -> l.contains("SLF4J")).map(String::strip).toList();
        check("SLF4J said only " + List.of(lines) + " on standard error", said.equals(List.of(lines)), stderrText());
    }

    public void check(String what, boolean ok, String detail) {
        if (ok) {
            pass();
        } else {
            failures.add(what + ": " + detail);
        }
    }

    private void pass() {
        passed++;
    }

    /** Prints the row's summary and returns the exit code (0 when every check passed). */
    public int finish() {
        if (tab != null) {
            tab.close();
        }
        PrintStream out = System.out;
        failures.forEach(f -> out.println("FAILED " + row + ": " + f));
        out.println(row + " (Java " + System.getProperty("java.version") + ", Log4j "
                + org.apache.logging.log4j.LogManager.class.getPackage().getImplementationVersion() + ")");
        out.println(row + ": " + passed + " passed, " + failures.size() + " failed");
        return failures.isEmpty() ? 0 : 1;
    }

    private String stderrText() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    /** Standard error as it was, plus a copy for the checks. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream first, ByteArrayOutputStream copy) {
            this.first = first;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            synchronized (copy) {
                copy.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            synchronized (copy) {
                copy.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            first.flush();
        }
    }
}
