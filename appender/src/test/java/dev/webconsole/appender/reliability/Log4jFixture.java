package dev.webconsole.appender.reliability;

import dev.webconsole.appender.WebConsoleAppender;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.testing.WsClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Real Log4j logger contexts configured from {@code log4j2.xml} files written for each test, a
 * real WebSocket client, and what Log4j's status logger said. Everything started is stopped on close.
 */
final class Log4jFixture implements AutoCloseable {
    private final Path dir;
    private final AtomicInteger files = new AtomicInteger();
    private final List<LoggerContext> contexts = new ArrayList<>();
    private final List<String> status = new CopyOnWriteArrayList<>();
    private final WebSocketClient client = new WebSocketClient();
    private final StatusListener listener = new StatusListener() {
        @Override
        public void log(StatusData data) {
            status.add(data.getLevel() + " " + data.getMessage().getFormattedMessage());
        }

        @Override
        public Level getStatusLevel() {
            return Level.WARN;
        }

        @Override
        public void close() {}
    };

    Log4jFixture(Path dir) throws Exception {
        this.dir = dir;
        StatusLogger.getLogger().registerListener(listener);
        client.setMaxTextMessageSize(64L * 1024 * 1024);
        client.start();
    }

    /** A configuration with {@code <WebConsole name="web" ...>} on the root logger; {@code more} goes inside {@code <Appenders>}. */
    static String config(String webConsoleAttributes, String rootLevel) {
        return config(webConsoleAttributes, rootLevel, "", "");
    }

    /**
     * @param moreAppenders extra appenders, each referenced from the root as well (give them {@code name="list"} etc.)
     * @param loggers extra {@code <Logger>} elements
     */
    static String config(String webConsoleAttributes, String rootLevel, String moreAppenders, String loggers) {
        StringBuilder refs = new StringBuilder("<AppenderRef ref=\"web\"/>");
        if (moreAppenders.contains("name=\"list\"")) {
            refs.append("<AppenderRef ref=\"list\"/>");
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="warn">
                  <Appenders>
                    <WebConsole name="web" %s/>
                    %s
                  </Appenders>
                  <Loggers>
                    %s
                    <Root level="%s">%s</Root>
                  </Loggers>
                </Configuration>
                """.formatted(webConsoleAttributes, moreAppenders, loggers, rootLevel, refs);
    }

    URI write(String xml) throws IOException {
        Path file = dir.resolve("log4j2-" + files.incrementAndGet() + ".xml");
        Files.writeString(file, xml);
        return file.toUri();
    }

    LoggerContext start(String xml) throws IOException {
        URI location = write(xml);
        LoggerContext context = new LoggerContext("reliability-" + files.get(), null, location);
        context.start();
        contexts.add(context);
        return context;
    }

    static WebConsoleAppender webConsole(LoggerContext context) {
        return context.getConfiguration().getAppender("web");
    }

    static ConsoleHub hub(LoggerContext context) {
        return webConsole(context).hub();
    }

    /** Opens a tab on the hub of this context's {@code <WebConsole>}; {@code query} starts with "?" or is empty. */
    WsClient connect(LoggerContext context, String query) throws Exception {
        return connect(webConsole(context).url().getPort(), query);
    }

    WsClient connect(int port, String query) throws Exception {
        return WsClient.connect(client, URI.create("ws://127.0.0.1:" + port + "/ws" + query));
    }

    List<String> status() {
        return List.copyOf(status);
    }

    static void awaitCondition(BooleanSupplier condition, Supplier<String> message) throws InterruptedException {
        long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(message.get());
            }
            LockSupport.parkNanos(1_000_000);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    @Override
    public void close() throws Exception {
        client.stop();
        contexts.forEach(LoggerContext::stop);
        StatusLogger.getLogger().removeListener(listener);
    }
}
