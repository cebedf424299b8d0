package dev.webconsole.appender.internal;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.appender.AbstractManager;
import org.apache.logging.log4j.core.appender.ManagerFactory;
import dev.webconsole.server.LevelControl;
import dev.webconsole.server.internal.RemoteControl;

/**
 * Owns one {@link Publisher} per hub address and source, and outlives reconfiguration as
 * {@link WebConsoleManager} does: a new configuration takes over the running connection and its
 * outbox, so nothing is lost or numbered twice.
 */
public final class PublisherManager extends AbstractManager {
    /**
     * What a publishing appender asks for.
     *
     * @param levelControl boosts in the application's logging, or null (control requests are then refused)
     * @param control whether the application takes control requests from the hub at all
     */
    public record Settings(URI hub, String source, String token, int outbox, LevelControl levelControl,
            boolean control, int maxBoosts, Duration boostMinute) {}

    private static final ManagerFactory<PublisherManager, Settings> FACTORY = PublisherManager::create;

    private final Publisher publisher;
    private final RemoteControl control;

    private PublisherManager(String name, Publisher publisher, RemoteControl control) {
        super(null, name);
        this.publisher = publisher;
        this.control = control;
    }

    public static PublisherManager acquire(Settings settings) {
        return getManager("WebConsolePublisher:" + settings.hub() + "#" + settings.source(), FACTORY, settings);
    }

    private static PublisherManager create(String name, Settings s) {
        Publisher publisher = new Publisher(s.hub(), s.token(), identity(s.source()), s.outbox(),
                StatusLoggerDiagnostics.INSTANCE);
        RemoteControl control = new RemoteControl(s.levelControl(), s.control() && s.levelControl() != null,
                s.maxBoosts(), s.boostMinute(), s.source(), publisher::offer, publisher::toHub);
        publisher.control(control);
        publisher.start();
        return new PublisherManager(name, publisher, control);
    }

    public Publisher publisher() {
        return publisher;
    }

    @Override
    protected boolean releaseSub(long timeout, TimeUnit timeUnit) {
        control.stop(); // first, so the boosts' end events and levels still go out
        return publisher.stop(timeout <= 0 ? 2_000 : timeout, timeout <= 0 ? TimeUnit.MILLISECONDS : timeUnit);
    }

    private static Publisher.Identity identity(String source) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown";
        }
        return new Publisher.Identity(source, host, ProcessHandle.current().pid(), Runtime.version().toString(),
                ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    /**
     * A source name for an appender that gives none: the main class's simple name, else the
     * logger context's name.
     */
    public static String defaultSource(String contextName) {
        String command = System.getProperty("sun.java.command", "").strip();
        if (!command.isEmpty()) {
            String main = command.split("\\s+")[0];
            if (main.endsWith(".jar")) {
                String file = main.substring(Math.max(main.lastIndexOf('/'), main.lastIndexOf('\\')) + 1);
                return file.substring(0, file.length() - 4);
            }
            return main.substring(main.lastIndexOf('.') + 1);
        }
        return contextName == null || contextName.isBlank() ? "app" : contextName;
    }
}
