package dev.webconsole.appender.internal;

import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.LevelBoost;
import dev.webconsole.server.LevelControl;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.ContextDataInjector;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.filter.Filterable;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.core.impl.ContextDataInjectorFactory;
import org.apache.logging.log4j.message.Message;

/**
 * The two Log4j filters a set of boosts is made of. Levels of logger configurations are never
 * changed, so nothing else about the configuration changes either:
 *
 * <ul>
 *   <li>{@link Create}, on the configuration, accepts an event that a boost covers (logger prefix,
 *       level, and context for a scoped boost) when the logger asks whether it is enabled, so the
 *       event is really created, and only for the scope. Everything else is left to the levels.
 *   <li>{@link Divert}, first on every logger configuration, takes an event that exists only
 *       because of a boost (its level is below the level of the logger configuration it was logged
 *       to) straight to the console and stops it there, so no other appender, and no parent logger's
 *       appender through additivity, ever sees it.
 * </ul>
 */
final class BoostFilters {
    private BoostFilters() {}

    /** The hub's own threads: what is logged there is never boosted (it would feed the hub its own traffic). */
    private static final String HUB_THREADS = "webconsole-";

    /** Whether a boost in the list covers an event of this logger, level, thread and context lookup. */
    private static boolean covered(List<Boost> boosts, String logger, Level level, String thread, ContextLookup context) {
        if (logger == null || level == null || isOwn(logger) || (thread != null && thread.startsWith(HUB_THREADS))) {
            return false;
        }
        for (Boost b : boosts) {
            if (b.spec.covers(logger) && b.level.intLevel() >= level.intLevel()
                    && (!b.spec.isScoped() || b.spec.contextValue().equals(String.valueOf(context.get(b.spec.contextKey()))))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOwn(String logger) {
        for (String own : LevelControl.OWN_LOGGERS) {
            if (logger.startsWith(own) && (logger.length() == own.length() || logger.charAt(own.length()) == '.')) {
                return true;
            }
        }
        return false;
    }

    /** A boost with its Log4j level. */
    record Boost(LevelBoost spec, Level level) {}

    private interface ContextLookup {
        Object get(String key);
    }

    /** On the configuration: makes covered events enabled at the logger. */
    static final class Create extends AbstractFilter {
        private final List<Boost> boosts;
        private final ContextDataInjector injector = ContextDataInjectorFactory.createInjector();

        Create(List<Boost> boosts) {
            super(Result.ACCEPT, Result.NEUTRAL);
            this.boosts = List.copyOf(boosts);
        }

        private Result decide(Logger logger, Level level) {
            return covered(boosts, logger.getName(), level, Thread.currentThread().getName(), injector::getValue)
                    ? onMatch : onMismatch;
        }

        @Override
        public Result filter(LogEvent event) {
            return covered(boosts, event.getLoggerName(), event.getLevel(), event.getThreadName(),
                    k -> event.getContextData().getValue(k)) ? onMatch : onMismatch;
        }

        @Override
        public Result filter(Logger logger, Level level, Marker marker, String msg, Object... params) {
            return decide(logger, level);
        }

        @Override
        public Result filter(Logger logger, Level level, Marker marker, Message msg, Throwable t) {
            return decide(logger, level);
        }

        @Override
        public Result filter(Logger logger, Level level, Marker marker, Object msg, Throwable t) {
            return decide(logger, level);
        }
    }

    /**
     * First on every logger configuration: sends boost-only events to the console and nowhere else.
     * What would have stopped such an event on its way to the console still does: the logger
     * configuration's own filter, and the filter of the {@code <WebConsole>} appender.
     */
    static final class Divert extends AbstractFilter {
        private final List<Boost> boosts;
        private final Configuration config;
        private final Consumer<ConsoleEvent> console;
        private final String source;
        private final int maxChars;
        /** The filter each logger configuration had before this one was put first. */
        private final Map<LoggerConfig, Filter> ownFilters;
        private final List<? extends Filterable> consoleFilters;
        /** Counts a boost-only event whose copy failed as dropped, as the appender does with its own. */
        private final BiConsumer<LogEvent, Throwable> copyFailed;

        Divert(List<Boost> boosts, Configuration config, Consumer<ConsoleEvent> console, String source, int maxChars,
                Map<LoggerConfig, Filter> ownFilters, List<? extends Filterable> consoleFilters,
                BiConsumer<LogEvent, Throwable> copyFailed) {
            super(Result.DENY, Result.NEUTRAL);
            this.boosts = List.copyOf(boosts);
            this.config = config;
            this.console = console;
            this.source = source;
            this.maxChars = maxChars;
            this.ownFilters = ownFilters;
            this.consoleFilters = List.copyOf(consoleFilters);
            this.copyFailed = copyFailed;
        }

        @Override
        public Result filter(LogEvent event) {
            String logger = event.getLoggerName();
            Level level = event.getLevel();
            if (!covered(boosts, logger, level, event.getThreadName(), k -> event.getContextData().getValue(k))) {
                return onMismatch;
            }
            // The level of the configuration the event was logged to; the one it reached through
            // additivity is irrelevant (Log4j checks levels only where an event is logged).
            LoggerConfig origin = config.getLoggerConfig(logger);
            if (origin.getLevel().intLevel() >= level.intLevel()) {
                return onMismatch; // the application logs this without any boost: it goes everywhere as usual
            }
            if (!refused(origin, event)) {
                ConsoleEvent copy;
                try {
                    copy = EventCopier.copy(event, source, maxChars);
                } catch (RuntimeException | Error e) { // even an OutOfMemoryError: the event is counted, not lost silently
                    copyFailed.accept(event, e);
                    return onMatch;
                }
                console.accept(copy);
            }
            return onMatch;
        }

        private boolean refused(LoggerConfig origin, LogEvent event) {
            Filter own = ownFilters.get(origin);
            if (own != null && own.filter(event) == Result.DENY) {
                return true;
            }
            for (Filterable appender : consoleFilters) {
                if (appender.isFiltered(event)) {
                    return true;
                }
            }
            return false;
        }
    }
}
