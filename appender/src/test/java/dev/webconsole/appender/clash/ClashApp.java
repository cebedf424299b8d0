package dev.webconsole.appender.clash;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * An application whose classpath has another Jetty than the hub's (started by
 * {@link LinkageClashTest} in a JVM of its own): it configures {@code <WebConsole>} next to a file
 * appender, logs one event and prints what the file appender got.
 * Arguments: the configuration file, the file appender's file.
 */
public final class ClashApp {
    private ClashApp() {}

    public static void main(String[] args) throws Exception {
        try (LoggerContext context = Configurator.initialize("clash", args[0])) {
            Logger logger = context.getLogger("app");
            logger.info("still logging");
        }
        System.out.println("other appender: " + Files.readString(Path.of(args[1])).strip());
    }
}
