package dev.webconsole.appender.publish;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started by a test with the test's class path: its output lines are collected as they come,
 * and every wait for one is bounded.
 */
final class Jvm implements AutoCloseable {
    static final long WAIT_SECONDS = 60;

    private final Process process;
    private final BlockingQueue<String> out = new LinkedBlockingQueue<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final PrintWriter in;

    private Jvm(Process process) {
        this.process = process;
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        drain(process.getInputStream(), out::add, "out");
        drain(process.getErrorStream(), err::add, "err");
    }

    static Jvm start(List<String> jvmArgs, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("WEBCONSOLE_"));
        return new Jvm(builder.start());
    }

    private static void drain(InputStream stream, java.util.function.Consumer<String> sink, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                sink.accept("[stream closed: " + e + "]");
            }
        }, "test-jvm-" + name);
        t.setDaemon(true);
        t.start();
    }

    void send(String command) {
        in.println(command);
    }

    /** The next output line that starts with {@code prefix}; fails after {@link #WAIT_SECONDS}. */
    String awaitLine(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            String line = out.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no line starting with \"" + prefix + "\" within " + WAIT_SECONDS
                        + " s; alive=" + process.isAlive() + ", stderr: " + err);
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    List<String> errors() {
        return err;
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Asks the process to end (SIGTERM: shutdown hooks run) and waits for it. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            kill();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
