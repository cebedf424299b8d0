package dev.webconsole.appender.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;

/**
 * The application side of {@link PublishLoad}, in its own JVM: logs {@code count} events at
 * {@code rate} per second (0: as fast as it can) through {@code <WebConsole>}, either with an
 * embedded hub ({@code embedded}; prints {@code port N}) or publishing to {@code ws://127.0.0.1:PORT},
 * after {@code warm} events at the same rate that the tabs do not measure (a fresh JVM's first
 * seconds measure its JIT). Each measured message starts with the epoch microseconds of the log call. Waits for a line on standard
 * input before logging, and prints {@code done} after.
 */
public final class PublishLoadApp {
    private PublishLoadApp() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int hubPort = Integer.parseInt(args[1]);
        long rate = Long.parseLong(args[2]);
        long count = Long.parseLong(args[3]);
        String source = args[4];
        long warm = args.length > 5 ? Long.parseLong(args[5]) : 0;
        String appender = mode.equals("embedded")
                ? "<WebConsole name=\"web\" port=\"0\" source=\"" + source + "\" ingestQueue=\"262144\" tabQueue=\"200000\""
                        + " whenFull=\"block\" maxWaitMillis=\"10000\"/>"
                : "<WebConsole name=\"web\" hub=\"ws://127.0.0.1:" + hubPort + "\" source=\"" + source
                        + "\" publisherToken=\"" + PublishLoad.TOKEN + "\" outbox=\"500000\"/>";
        String xml = "<Configuration status=\"warn\"><Appenders>" + appender + "</Appenders><Loggers>"
                + "<Root level=\"info\"><AppenderRef ref=\"web\"/></Root></Loggers></Configuration>";
        LoggerContext context = new LoggerContext("load-" + source);
        context.start(new XmlConfiguration(context,
                new ConfigurationSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))));
        if (mode.equals("embedded")) {
            dev.webconsole.appender.WebConsoleAppender web = context.getConfiguration().getAppender("web");
            System.out.println("port " + web.url().getPort());
        }
        System.out.println("ready");
        System.in.read();
        Logger logger = context.getLogger("com.acme.shop.OrderService");
        long start = System.nanoTime();
        for (long i = 1; i <= warm + count; i++) {
            if (rate > 0) { // sleeps at least a millisecond, then logs what fell due: short parks would cost a
                long due = start + i * 1_000_000_000L / rate; // fifth of a core per JVM, more than the logging
                for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                    LockSupport.parkNanos(Math.max(due - now, 1_000_000));
                }
            }
            if (i <= warm) { // the same work, but not measured: the tabs look for t=
                logger.info("w={} order {} shipped to customer-{} by express", LoadClients.nowMicros(), i, i % 1000);
            } else {
                logger.info("t={} order {} shipped to customer-{} by express", LoadClients.nowMicros(), i, i % 1000);
            }
        }
        System.out.println("done");
        System.in.read();
        context.stop();
    }
}
