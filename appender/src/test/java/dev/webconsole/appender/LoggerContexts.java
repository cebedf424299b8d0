package dev.webconsole.appender;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * Real Log4j logger contexts configured from {@code log4j2.xml} files written for each test, plus
 * a listener that records what Log4j's status logger says.
 */
final class LoggerContexts implements AutoCloseable {
    private final Path dir;
    private final AtomicInteger files = new AtomicInteger();
    private final List<LoggerContext> contexts = new ArrayList<>();
    private final List<String> status = new CopyOnWriteArrayList<>();
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

    LoggerContexts(Path dir) {
        this.dir = dir;
        StatusLogger.getLogger().registerListener(listener);
    }

    /** A config with one {@code <WebConsole>} (with these attributes) on the root logger, plus a list appender. */
    static String config(String webConsoleAttributes, String rootLevel) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="warn">
                  <Appenders>
                    <WebConsole name="web" %s/>
                    <List name="list"/>
                  </Appenders>
                  <Loggers>
                    <Root level="%s">
                      <AppenderRef ref="web"/>
                      <AppenderRef ref="list"/>
                    </Root>
                  </Loggers>
                </Configuration>
                """.formatted(webConsoleAttributes, rootLevel);
    }

    URI write(String xml) throws IOException {
        Path file = dir.resolve("log4j2-" + files.incrementAndGet() + ".xml");
        Files.writeString(file, xml);
        return file.toUri();
    }

    LoggerContext start(String xml) throws IOException {
        LoggerContext context = new LoggerContext("test-" + files.get(), null, write(xml));
        context.start();
        contexts.add(context);
        return context;
    }

    static WebConsoleAppender webConsole(LoggerContext context) {
        return context.getConfiguration().getAppender("web");
    }

    List<String> status() {
        return List.copyOf(status);
    }

    @Override
    public void close() {
        contexts.forEach(LoggerContext::stop);
        StatusLogger.getLogger().removeListener(listener);
    }
}
