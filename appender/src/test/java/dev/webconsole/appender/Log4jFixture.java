package dev.webconsole.appender;

import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.testing.HubFixture;
import dev.webconsole.server.testing.WsClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real Log4j logger contexts configured from {@code log4j2.xml} files written for each test, a
 * real WebSocket client, and what Log4j's status logger said. A JUnit extension: register it with
 * {@code @RegisterExtension final Log4jFixture log4j = new Log4jFixture();} and everything it
 * started is stopped, and its files deleted, after each test.
 */
public final class Log4jFixture implements BeforeEachCallback, AfterEachCallback {
    private Path dir;
    private final AtomicInteger files = new AtomicInteger();
    private final List<LoggerContext> contexts = new ArrayList<>();
    private final List<String> status = new CopyOnWriteArrayList<>();
    private WebSocketClient client;
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

    @Override
    public void beforeEach(ExtensionContext test) throws Exception {
        dir = Files.createTempDirectory("webconsole-log4j");
        StatusLogger.getLogger().registerListener(listener);
        client = new WebSocketClient();
        client.setMaxTextMessageSize(64L * 1024 * 1024); // a browser has no such limit
        client.start();
    }

    /** A configuration with {@code <WebConsole name="web" ...>} on the root logger; {@code more} goes inside {@code <Appenders>}. */
    public static String config(String webConsoleAttributes, String rootLevel) {
        return config(webConsoleAttributes, rootLevel, "", "");
    }

    /** As {@link #config(String, String)}, plus a Log4j {@code ListAppender} named "list" on the root. */
    public static String configWithList(String webConsoleAttributes, String rootLevel) {
        return config(webConsoleAttributes, rootLevel, "<List name=\"list\"/>", "");
    }

    /**
     * @param moreAppenders extra appenders, each referenced from the root as well (give them {@code name="list"} etc.)
     * @param loggers extra {@code <Logger>} elements
     */
    public static String config(String webConsoleAttributes, String rootLevel, String moreAppenders, String loggers) {
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

    public URI write(String xml) throws IOException {
        Path file = dir.resolve("log4j2-" + files.incrementAndGet() + ".xml");
        Files.writeString(file, xml);
        return file.toUri();
    }

    public LoggerContext start(String xml) throws IOException {
        URI location = write(xml);
        LoggerContext context = new LoggerContext("test-" + files.get(), null, location);
        context.start();
        contexts.add(context);
        return context;
    }

    public static WebConsoleAppender webConsole(LoggerContext context) {
        return context.getConfiguration().getAppender("web");
    }

    public static ConsoleHub hub(LoggerContext context) {
        return webConsole(context).hub();
    }

    /** Opens a tab on the hub of this context's {@code <WebConsole>}; {@code query} starts with "?" or is empty. */
    public WsClient connect(LoggerContext context, String query) throws Exception {
        return connect(webConsole(context).url().getPort(), query);
    }

    public WsClient connect(int port, String query) throws Exception {
        return WsClient.connect(client, URI.create("ws://127.0.0.1:" + port + "/ws" + query));
    }

    public List<String> status() {
        return List.copyOf(status);
    }

    public static void awaitCondition(BooleanSupplier condition, Supplier<String> message) throws InterruptedException {
        HubFixture.awaitCondition(condition, message);
    }

    @Override
    public void afterEach(ExtensionContext test) throws Exception {
        client.stop();
        contexts.forEach(LoggerContext::stop);
        contexts.clear();
        StatusLogger.getLogger().removeListener(listener);
        status.clear();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
