package dev.webconsole.appender.internal;

import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.LevelBoost;
import dev.webconsole.server.LevelControl;
import dev.webconsole.server.Severity;
import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.NullConfiguration;
import org.apache.logging.log4j.core.filter.Filterable;
import org.apache.logging.log4j.core.impl.Log4jContextFactory;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * Level boosts in a Log4j logger context, made of the filters in {@link BoostFilters}. The levels
 * and appenders of the configuration are never touched, so reverting is removing the filters, and
 * the application's other appenders get exactly what they got before.
 *
 * <p>Boosts survive a reconfiguration: when the context gets a new configuration, the filters are
 * installed on it again (and an audit line says so). The hub ends every boost when it stops.
 */
public final class Log4jLevelControl implements LevelControl {
    /** The logger of the audit lines in the application's logs. */
    public static final String AUDIT_LOGGER = "dev.webconsole.control";

    private final Configuration configuration;
    /** The configuration's logger context, found when first needed: one built in code may not know it. */
    private volatile LoggerContext context;
    private final String source;
    /** The hub's maxMessageChars: a boosted event's stack is cut to it while it is copied. */
    private final int maxChars;
    /** The appender class whose filters a boost-only event must pass: {@code <WebConsole>}'s. */
    private final Class<? extends Appender> consoleType;
    private final Map<String, BoostFilters.Boost> active = new LinkedHashMap<>();
    private final PropertyChangeListener reconfigured = this::reconfigured;
    private Consumer<ConsoleEvent> console;
    private volatile BiConsumer<LogEvent, Throwable> copyFailed = (event, e) ->
            StatusLogger.getLogger().error("WebConsole: a boosted event could not be copied and is dropped", e);
    private Configuration installedOn;
    private Filter create;
    private Filter divert;
    private boolean listening;

    private Log4jLevelControl(Configuration configuration, String source, int maxChars, Class<? extends Appender> consoleType) {
        this.configuration = configuration;
        this.context = configuration.getLoggerContext();
        this.source = source;
        this.maxChars = maxChars;
        this.consoleType = consoleType;
    }

    /**
     * Boosts act on the logger context of the configuration that starts the hub: the one it names,
     * or (a configuration built in code, {@code Configurator.initialize(builder.build())}) the one
     * Log4j runs it in, found at the first boost; {@code null} without a configuration.
     *
     * @param source the appender's {@code source} attribute, as given
     * @param maxChars the hub's {@code maxMessageChars}
     */
    public static Log4jLevelControl of(Configuration configuration, String source, int maxChars,
            Class<? extends Appender> consoleType) {
        return configuration == null ? null
                : new Log4jLevelControl(configuration, source == null || source.isBlank() ? null : source, maxChars, consoleType);
    }

    /** The logger context the configuration runs in; throws (the message goes to the tab) if Log4j knows none. */
    private LoggerContext context() {
        LoggerContext found = context;
        if (found == null && LogManager.getFactory() instanceof Log4jContextFactory factory) {
            for (LoggerContext candidate : factory.getSelector().getLoggerContexts()) {
                if (candidate.getConfiguration() == configuration) {
                    found = candidate;
                }
            }
            context = found;
        }
        if (found == null) {
            throw new IllegalArgumentException("this application's Log4j configuration belongs to no logger context that"
                    + " Log4j knows (built in code and started on a LoggerContext of its own); give it its context with"
                    + " ConfigurationBuilder.setLoggerContext, or start it with Configurator.initialize");
        }
        return found;
    }

    /**
     * Where a boost-only event whose copy fails is counted as dropped (and reported): the appender
     * whose hub this control belongs to, as for the events it takes itself.
     */
    public void onCopyFailure(BiConsumer<LogEvent, Throwable> copyFailed) {
        this.copyFailed = copyFailed;
    }

    @Override
    public synchronized void apply(LevelBoost boost, Consumer<ConsoleEvent> console) {
        Level level = Level.getLevel(boost.level());
        if (level == null) {
            throw new IllegalArgumentException("\"level\" " + boost.level() + " is not a Log4j level");
        }
        context(); // before anything changes: refused if there is no context to boost in
        this.console = console;
        active.put(boost.logger(), new BoostFilters.Boost(boost, level));
        install();
    }

    @Override
    public synchronized void revert(LevelBoost boost) {
        if (active.remove(boost.logger()) != null) {
            install();
        }
    }

    @Override
    public void audit(String message) {
        LoggerContext context = this.context;
        Configuration config = context == null ? null : context.getConfiguration();
        if (context != null && context.isStarted() && !(config instanceof NullConfiguration)) {
            context.getLogger(AUDIT_LOGGER).info(message);
        } else {
            // The logger context is stopping, and its appenders with it.
            StatusLogger.getLogger().info(message);
        }
    }

    private void reconfigured(PropertyChangeEvent event) {
        // updateLoggers() (ours too) fires the same property with the configuration unchanged.
        if (!LoggerContext.PROPERTY_CONFIG.equals(event.getPropertyName()) || event.getNewValue() == event.getOldValue()) {
            return;
        }
        String text;
        Consumer<ConsoleEvent> tabs;
        synchronized (this) {
            if (active.isEmpty() || event.getNewValue() == installedOn) {
                return;
            }
            install();
            text = "the logging configuration changed; the boosts are applied again: "
                    + String.join("; ", active.values().stream().map(b -> b.spec().describe()).toList());
            tabs = console;
        }
        audit("WebConsole: " + text);
        tabs.accept(new ConsoleEvent(System.currentTimeMillis(), "INFO", Severity.INFO, EVENTS_LOGGER,
                Thread.currentThread().getName(), text, null, Map.of("action", "reapplied"), null, null));
    }

    /** Takes the filters off the configuration they are on, and puts the current set on the current configuration. */
    private void install() {
        LoggerContext context = context();
        uninstall();
        Configuration config = context.getConfiguration();
        if (!active.isEmpty() && config.isStarted() && !(config instanceof NullConfiguration)) {
            List<BoostFilters.Boost> boosts = new ArrayList<>(active.values());
            Map<LoggerConfig, Filter> own = new IdentityHashMap<>();
            List<LoggerConfig> loggers = loggerConfigs(config);
            for (LoggerConfig logger : loggers) {
                if (logger.getFilter() != null) {
                    own.put(logger, logger.getFilter());
                }
            }
            List<Filterable> consoles = config.getAppenders().values().stream()
                    .filter(consoleType::isInstance).map(a -> (Filterable) a).toList();
            create = new BoostFilters.Create(boosts);
            divert = new BoostFilters.Divert(boosts, config, console, source, maxChars, own, consoles,
                    (event, e) -> copyFailed.accept(event, e));
            create.start();
            divert.start();
            config.addFilter(create);
            for (LoggerConfig logger : loggers) {
                putFirst(logger, divert);
            }
            installedOn = config;
        }
        listen(!active.isEmpty());
        context.updateLoggers();
    }

    private void uninstall() {
        if (installedOn == null) {
            return;
        }
        installedOn.removeFilter(create);
        for (LoggerConfig logger : loggerConfigs(installedOn)) {
            logger.removeFilter(divert);
        }
        installedOn = null;
        create = null;
        divert = null;
    }

    /**
     * Puts a filter before the logger configuration's own, so an event only a boost created is taken
     * away before a filter of the application could accept it for every appender. (Between the two
     * calls an event on another thread may see the logger without its own filter: Log4j has no call
     * that swaps a filter at once.)
     */
    private static void putFirst(LoggerConfig logger, Filter filter) {
        Filter own = logger.getFilter();
        if (own == null) {
            logger.addFilter(filter);
            return;
        }
        logger.removeFilter(own);
        logger.addFilter(filter);
        logger.addFilter(own);
    }

    private static List<LoggerConfig> loggerConfigs(Configuration config) {
        Set<LoggerConfig> all = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        all.addAll(config.getLoggers().values());
        all.add(config.getRootLogger());
        return new ArrayList<>(all);
    }

    private void listen(boolean on) {
        if (on && !listening) {
            context().addPropertyChangeListener(reconfigured);
        } else if (!on && listening) {
            context().removePropertyChangeListener(reconfigured);
        }
        listening = on;
    }
}
