package dev.webconsole.it;

import java.nio.file.Path;

/**
 * The plain application of the matrix (Java 17 and 25, each Log4j version, async loggers): logs
 * the standard events through the Log4j API to {@code <WebConsole>} and a file appender.
 * Arguments: the row's name, the other appender's file, its threshold.
 */
public final class PlainApp {
    private PlainApp() {}

    public static void main(String[] args) throws Exception {
        Scenario scenario = Scenario.begin(args[0]);
        org.apache.logging.log4j.LogManager.getLogger("it.app.Start").info("starting");
        scenario.expect("it.app.Start", "INFO", "starting");
        scenario.connect();
        scenario.logThroughLog4jApi();
        scenario.awaitConsole();
        scenario.checkConsoleHasNothingOfTheHub();
        org.apache.logging.log4j.LogManager.shutdown(); // flushes async loggers and the <Async> wrapper
        scenario.checkOtherAppender(Path.of(args[1]), args[2], true);
        scenario.checkNoSlf4jWarning();
        System.exit(scenario.finish());
    }
}
