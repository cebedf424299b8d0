package dev.webconsole.appender;

import static dev.webconsole.appender.internal.Attributes.blockNanos;

import dev.webconsole.appender.internal.AppenderTarget;
import dev.webconsole.appender.internal.Log4jLevelControl;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.HubConfig;
import dev.webconsole.server.HubStartException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.appender.AppenderLoggingException;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;

/**
 * The Log4j2 appender {@code <WebConsole>}: every event it receives appears live in the browser
 * tabs connected to its hub. {@code append} copies the event and hands it to the hub's queue; it
 * never blocks (unless {@code whenFull="block"} is set), never does I/O and never throws into the
 * application unless {@code ignoreExceptions="false"} asks for it. With {@code hub="ws://host:port"}
 * it starts no hub: it publishes to that one, through a bounded outbox and one WebSocket.
 */
@Plugin(name = WebConsoleAppender.PLUGIN_NAME, category = Core.CATEGORY_NAME,
        elementType = Appender.ELEMENT_TYPE, printObject = true)
public final class WebConsoleAppender extends AbstractAppender {
    public static final String PLUGIN_NAME = "WebConsole";

    private final AppenderTarget target;

    private WebConsoleAppender(String name, Filter filter, boolean ignoreExceptions, Property[] properties,
            AppenderTarget target) {
        super(name, filter, null, ignoreExceptions, properties);
        this.target = target;
    }

    @PluginBuilderFactory
    public static <B extends Builder<B>> B newBuilder() {
        return new Builder<B>().asBuilder();
    }

    /**
     * Hands the event to the hub. An event that cannot be handed over (its copy fails, even with an
     * {@link OutOfMemoryError}) is counted as dropped, so every tab is told with a gap. The failure is
     * reported through Log4j's error handler, and rethrown when {@code ignoreExceptions="false"}: as an
     * {@link AppenderLoggingException}, as Log4j's own appenders do, or an {@link Error} as it is.
     */
    @Override
    public void append(LogEvent event) {
        try {
            target.take(event);
        } catch (RuntimeException | Error e) {
            lost(event, e);
            if (ignoreExceptions()) {
                return;
            }
            if (e instanceof Error error) {
                throw error;
            }
            throw e instanceof AppenderLoggingException ale ? ale : new AppenderLoggingException(e);
        }
    }

    /** Counts an event that could not be taken (or copied for a boost) as dropped, and reports it through Log4j's error handler. */
    private void lost(LogEvent event, Throwable e) {
        target.dropped();
        error("WebConsole appender \"" + getName() + "\" could not take an event, which is counted as dropped: "
                + e.getClass().getName(), event, e);
    }

    /** The address of the console page, or of the hub's publisher endpoint when publishing to another hub. */
    public URI url() {
        return target.url();
    }

    /** The embedded hub this appender feeds, shared with other appenders on the same host and port; null when publishing. */
    public ConsoleHub hub() {
        return target.hub();
    }

    @Override
    public boolean stop(long timeout, TimeUnit timeUnit) {
        setStopping();
        boolean stopped = super.stop(timeout, timeUnit, false);
        stopped &= target.stop(timeout, timeUnit);
        setStopped();
        return stopped;
    }

    /**
     * Builds a {@link WebConsoleAppender} from the attributes of {@code <WebConsole>}: those of the
     * hub, and the appender's own (what to do when the queue is full, the source, publishing to
     * another hub). Numbers are read here rather than by Log4j, so a bad value is reported with the
     * attribute's name.
     */
    public static class Builder<B extends Builder<B>> extends HubAttributes<B>
            implements org.apache.logging.log4j.core.util.Builder<WebConsoleAppender> {

        @PluginBuilderAttribute
        private String whenFull = "drop";

        @PluginBuilderAttribute
        private String maxWaitMillis = "100";

        @PluginBuilderAttribute
        private String source;

        /** {@code ws://host:port} or {@code wss://...}: publish there instead of starting a hub. */
        @PluginBuilderAttribute
        private String hub;

        @PluginBuilderAttribute(sensitive = true)
        private String publisherToken;

        @PluginBuilderAttribute
        private String outbox = "100000";

        public B setWhenFull(String whenFull) { this.whenFull = whenFull; return asBuilder(); }
        public B setMaxWaitMillis(String maxWaitMillis) { this.maxWaitMillis = maxWaitMillis; return asBuilder(); }
        public B setSource(String source) { this.source = source; return asBuilder(); }
        public B setHub(String hub) { this.hub = hub; return asBuilder(); }
        public B setPublisherToken(String publisherToken) { this.publisherToken = publisherToken; return asBuilder(); }
        public B setOutbox(String outbox) { this.outbox = outbox; return asBuilder(); }

        /** @return the appender, or null after reporting to the status logger what was wrong */
        @Override
        public WebConsoleAppender build() {
            String prefix = "WebConsole appender \"" + getName() + "\": ";
            HubConfig config;
            long blockNanos;
            try {
                config = hubConfig(source, publisherToken, WebConsoleAppender.class);
                blockNanos = blockNanos(whenFull, maxWaitMillis);
            } catch (IllegalArgumentException e) {
                LOGGER.error(prefix + e.getMessage());
                return null;
            }
            if (hub != null && !hub.isBlank()) {
                return publishing(prefix, blockNanos, config);
            }
            try {
                WebConsoleAppender appender = new WebConsoleAppender(getName(), getFilter(), isIgnoreExceptions(),
                        getPropertyArray(), AppenderTarget.embedded(config, blockNanos, source));
                if (config.levelControl() instanceof Log4jLevelControl control) {
                    control.onCopyFailure(appender::lost);
                }
                return appender;
            } catch (HubStartException e) {
                LOGGER.error(prefix + e.getMessage());
                return null;
            }
        }

        /** An appender that publishes to {@code hub} instead of starting one; null after reporting what was wrong. */
        private WebConsoleAppender publishing(String prefix, long blockNanos, HubConfig config) {
            try {
                AppenderTarget target = AppenderTarget.publishing(hub, publisherToken, outbox, source,
                        () -> getConfiguration() == null ? null : getConfiguration().getLoggerContext().getName(), blockNanos, config);
                WebConsoleAppender appender = new WebConsoleAppender(getName(), getFilter(), isIgnoreExceptions(), getPropertyArray(), target);
                if (config.levelControl() instanceof Log4jLevelControl control) {
                    control.onCopyFailure(appender::lost); // a boosted event that cannot be copied is a named loss too
                }
                return appender;
            } catch (IllegalArgumentException e) {
                LOGGER.error(prefix + e.getMessage());
                return null;
            }
        }
    }
}
