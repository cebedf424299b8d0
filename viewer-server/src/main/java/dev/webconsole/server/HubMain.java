package dev.webconsole.server;

import java.util.concurrent.CountDownLatch;

/**
 * The standalone hub: {@code java -jar webconsole-hub.jar --port 7171}. It serves the console page
 * and {@code /ws}, takes publishers at {@code /publish} when a publisher token is set, prints the
 * address to open, and runs until the process is stopped. Its own trouble goes to standard error.
 * Exit codes: 0 after {@code --help}, 2 for a bad command line, 1 when the hub cannot start.
 */
public final class HubMain {
    private HubMain() {}

    public static void main(String[] args) throws InterruptedException {
        // Jetty's own messages (through SLF4J, bound to slf4j-simple in this jar) go to standard error; warnings only.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        if (java.util.Arrays.asList(args).contains("--help")) {
            System.out.print(HubOptions.help());
            return;
        }
        HubConfig config;
        try {
            config = HubOptions.parse(args, System.getenv(), HubMain::toStderr);
        } catch (HubOptions.UsageException e) {
            System.err.println("webconsole-hub: " + e.getMessage());
            System.exit(2);
            return;
        }
        ConsoleHub hub = new ConsoleHub(config);
        try {
            hub.start();
        } catch (HubStartException e) {
            System.err.println(HubOptions.asFlags(e.getMessage()));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.stop();
            stopped.countDown();
        }, "webconsole-shutdown"));
        System.out.println("WebConsole hub: open " + hub.openUrl());
        if (config.publisherToken() != null) {
            System.out.println("WebConsole hub: publishers connect to "
                    + hub.url().resolve("/publish").toString().replaceFirst("^http", "ws"));
        }
        System.out.flush();
        stopped.await();
    }

    /** The hub's own trouble: the standalone hub has no logging framework. */
    private static void toStderr(System.Logger.Level level, String message, Throwable error) {
        System.err.println(level + " " + message + (error == null ? "" : ": " + error));
    }
}
