package dev.webconsole.appender;

import dev.webconsole.appender.internal.EventCopier;
import dev.webconsole.appender.internal.WebConsoleManager;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.HubConfig;
import dev.webconsole.server.HubStartException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;
import org.apache.logging.log4j.core.config.plugins.PluginElement;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * The Log4j2 appender {@code <WebConsole>}: every event it receives appears live in the browser
 * tabs connected to its hub. {@code append} copies the event and hands it to the hub's queue; it
 * never blocks (unless {@code whenFull="block"} is set), never does I/O and never throws into the
 * application.
 */
@Plugin(name = WebConsoleAppender.PLUGIN_NAME, category = Core.CATEGORY_NAME,
        elementType = Appender.ELEMENT_TYPE, printObject = true)
public final class WebConsoleAppender extends AbstractAppender {
    public static final String PLUGIN_NAME = "WebConsole";

    /**
     * Loggers whose events are never shown: the hub's own parts log through them (in the published
     * jar its Jetty, Jackson and SLF4J are relocated under {@code dev.webconsole.shaded}), and showing
     * them would feed the hub its own traffic. Log4j's KafkaAppender guards the same way. The
     * application's own {@code org.eclipse.jetty.*} and {@code com.fasterxml.jackson.*} are shown.
     */
    private static final String[] OWN_LOGGERS = {"dev.webconsole."};
    /** Threads of the hub (dispatcher, Jetty's pool and scheduler): whatever logs on them is the hub's. */
    private static final String OWN_THREADS = "webconsole-";

    private final WebConsoleManager manager;
    private final ConsoleHub hub;
    private final long blockNanos;
    private final String source;

    private WebConsoleAppender(String name, Filter filter, boolean ignoreExceptions, Property[] properties,
            WebConsoleManager manager, long blockNanos, String source) {
        super(name, filter, null, ignoreExceptions, properties);
        this.manager = manager;
        this.hub = manager.hub();
        this.blockNanos = blockNanos;
        this.source = source;
    }

    @PluginBuilderFactory
    public static <B extends Builder<B>> B newBuilder() {
        return new Builder<B>().asBuilder();
    }

    @Override
    public void append(LogEvent event) {
        if (isOwnLogger(event.getLoggerName()) || isOwnThread(event.getThreadName())) {
            return;
        }
        if (blockNanos == 0) {
            hub.publish(EventCopier.copy(event, source));
            return;
        }
        try {
            hub.publish(EventCopier.copy(event, source), blockNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the event is dropped and counted, the flag kept
        }
    }

    /** The address of the console page. */
    public URI url() {
        return hub.url();
    }

    /** The hub this appender feeds; shared with other appenders on the same host and port. */
    public ConsoleHub hub() {
        return hub;
    }

    @Override
    public boolean stop(long timeout, TimeUnit timeUnit) {
        setStopping();
        boolean stopped = super.stop(timeout, timeUnit, false);
        stopped &= manager.stop(timeout, timeUnit);
        setStopped();
        return stopped;
    }

    private static boolean isOwnThread(String name) {
        return name != null && name.startsWith(OWN_THREADS);
    }

    private static boolean isOwnLogger(String name) {
        if (name == null) {
            return false;
        }
        for (String prefix : OWN_LOGGERS) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Builds a {@link WebConsoleAppender} from the attributes of {@code <WebConsole>}. Numbers are
     * read here rather than by Log4j, so a bad value is reported with the attribute's name.
     */
    public static class Builder<B extends Builder<B>> extends AbstractAppender.Builder<B>
            implements org.apache.logging.log4j.core.util.Builder<WebConsoleAppender> {

        @PluginBuilderAttribute
        private String host = HubConfig.DEFAULT_HOST;

        @PluginBuilderAttribute
        private String port = String.valueOf(HubConfig.DEFAULT_PORT);

        @PluginBuilderAttribute
        private String history = String.valueOf(HubConfig.DEFAULT_HISTORY);

        @PluginBuilderAttribute
        private String sessionQueue = String.valueOf(HubConfig.DEFAULT_SESSION_QUEUE);

        @PluginBuilderAttribute
        private String ingestQueue = String.valueOf(HubConfig.DEFAULT_INGEST_QUEUE);

        @PluginBuilderAttribute
        private String maxSessions = String.valueOf(HubConfig.DEFAULT_MAX_SESSIONS);

        @PluginBuilderAttribute
        private String maxMessageChars = String.valueOf(HubConfig.DEFAULT_MAX_MESSAGE_CHARS);

        @PluginBuilderAttribute
        private String compression = String.valueOf(HubConfig.DEFAULT_COMPRESSION);

        @PluginBuilderAttribute
        private String whenFull = "drop";

        @PluginBuilderAttribute
        private String maxWaitMillis = "100";

        @PluginBuilderAttribute
        private String source;

        @PluginBuilderAttribute(sensitive = true)
        private String token;

        @PluginBuilderAttribute
        private String allowedOrigins;

        @PluginBuilderAttribute
        private String allowedHosts;

        @PluginBuilderAttribute
        private String insecure = "false";

        @PluginBuilderAttribute
        private String keystore;

        @PluginBuilderAttribute(sensitive = true)
        private String keystorePassword = "";

        @PluginBuilderAttribute
        private String keystoreType = "PKCS12";

        @PluginBuilderAttribute
        private String redact;

        @PluginElement("Redact")
        private Redact[] redactions;

        public B setHost(String host) { this.host = host; return asBuilder(); }
        public B setPort(String port) { this.port = port; return asBuilder(); }
        public B setHistory(String history) { this.history = history; return asBuilder(); }
        public B setSessionQueue(String sessionQueue) { this.sessionQueue = sessionQueue; return asBuilder(); }
        public B setIngestQueue(String ingestQueue) { this.ingestQueue = ingestQueue; return asBuilder(); }
        public B setMaxSessions(String maxSessions) { this.maxSessions = maxSessions; return asBuilder(); }
        public B setMaxMessageChars(String maxMessageChars) { this.maxMessageChars = maxMessageChars; return asBuilder(); }
        public B setCompression(String compression) { this.compression = compression; return asBuilder(); }
        public B setWhenFull(String whenFull) { this.whenFull = whenFull; return asBuilder(); }
        public B setMaxWaitMillis(String maxWaitMillis) { this.maxWaitMillis = maxWaitMillis; return asBuilder(); }
        public B setSource(String source) { this.source = source; return asBuilder(); }
        public B setToken(String token) { this.token = token; return asBuilder(); }
        public B setAllowedOrigins(String allowedOrigins) { this.allowedOrigins = allowedOrigins; return asBuilder(); }
        public B setAllowedHosts(String allowedHosts) { this.allowedHosts = allowedHosts; return asBuilder(); }
        public B setInsecure(String insecure) { this.insecure = insecure; return asBuilder(); }
        public B setKeystore(String keystore) { this.keystore = keystore; return asBuilder(); }
        public B setKeystorePassword(String keystorePassword) { this.keystorePassword = keystorePassword; return asBuilder(); }
        public B setKeystoreType(String keystoreType) { this.keystoreType = keystoreType; return asBuilder(); }
        public B setRedact(String redact) { this.redact = redact; return asBuilder(); }
        public B setRedactions(Redact... redactions) { this.redactions = redactions; return asBuilder(); }

        /** @return the appender, or null after reporting to the status logger what was wrong */
        @Override
        public WebConsoleAppender build() {
            String prefix = "WebConsole appender \"" + getName() + "\": ";
            HubConfig config;
            long blockNanos;
            try {
                config = HubConfig.builder()
                        .host(host)
                        .port(number("port", port))
                        .history(number("history", history))
                        .sessionQueue(number("sessionQueue", sessionQueue))
                        .ingestQueue(number("ingestQueue", ingestQueue))
                        .maxSessions(number("maxSessions", maxSessions))
                        .maxMessageChars(number("maxMessageChars", maxMessageChars))
                        .compression(bool("compression", compression))
                        .token(token)
                        .allowedOrigins(list(allowedOrigins))
                        .allowedHosts(list(allowedHosts))
                        .insecure(bool("insecure", insecure))
                        .keystore(keystore == null || keystore.isBlank() ? null : Path.of(keystore))
                        .keystorePassword(keystorePassword == null ? "" : keystorePassword)
                        .keystoreType(keystoreType == null || keystoreType.isBlank() ? "PKCS12" : keystoreType)
                        .redact(redactRegexes())
                        .diagnostics(WebConsoleAppender::reportToStatusLogger)
                        .build();
                blockNanos = blockNanos();
            } catch (IllegalArgumentException e) {
                LOGGER.error(prefix + e.getMessage());
                return null;
            }
            try {
                WebConsoleManager manager = WebConsoleManager.acquire(config);
                return new WebConsoleAppender(getName(), getFilter(), isIgnoreExceptions(), getPropertyArray(),
                        manager, blockNanos, source == null || source.isBlank() ? null : source);
            } catch (HubStartException e) {
                LOGGER.error(prefix + e.getMessage());
                return null;
            }
        }

        private long blockNanos() {
            switch (whenFull == null ? "" : whenFull.toLowerCase(Locale.ROOT)) {
                case "drop":
                    return 0;
                case "block":
                    int millis = number("maxWaitMillis", maxWaitMillis);
                    if (millis < 1 || millis > 60_000) {
                        throw new IllegalArgumentException("maxWaitMillis=\"" + millis + "\" is out of range: use 1 to 60000");
                    }
                    return TimeUnit.MILLISECONDS.toNanos(millis);
                default:
                    throw new IllegalArgumentException("whenFull=\"" + whenFull
                            + "\" is not allowed: use \"drop\" (the default) or \"block\"");
            }
        }

        private List<String> redactRegexes() {
            List<String> regexes = new ArrayList<>();
            if (redact != null && !redact.isEmpty()) {
                regexes.add(redact);
            }
            if (redactions != null) {
                for (Redact r : redactions) {
                    if (r == null || r.regex() == null || r.regex().isEmpty()) {
                        throw new IllegalArgumentException("<Redact> needs a regex attribute, such as <Redact regex=\"password=\\S+\"/>");
                    }
                    regexes.add(r.regex());
                }
            }
            return regexes;
        }

        private static List<String> list(String commaSeparated) {
            if (commaSeparated == null || commaSeparated.isBlank()) {
                return List.of();
            }
            return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
        }

        private static boolean bool(String attribute, String value) {
            String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
            if (v.equals("true") || v.equals("false")) {
                return v.equals("true");
            }
            throw new IllegalArgumentException(attribute + "=\"" + value + "\" is not allowed: use \"true\" or \"false\"");
        }

        private static int number(String attribute, String value) {
            try {
                return Integer.parseInt(value == null ? "" : value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(attribute + "=\"" + value + "\" is not a whole number");
            }
        }
    }

    private static void reportToStatusLogger(System.Logger.Level level, String message, Throwable error) {
        Level log4jLevel = switch (level) {
            case ERROR -> Level.ERROR;
            case WARNING -> Level.WARN;
            case INFO -> Level.INFO;
            case DEBUG -> Level.DEBUG;
            default -> Level.TRACE;
        };
        StatusLogger.getLogger().log(log4jLevel, message, error);
    }
}
