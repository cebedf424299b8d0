package dev.webconsole.appender.internal;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of the hub's own, relocated copy of SLF4J in the self-contained jar: the
 * hub's embedded Jetty logs to Log4j's status logger, never into the application's appenders, and
 * SLF4J finds exactly one provider, so it prints no warning. Registered only inside that jar (under
 * the relocated service name), so it never competes with the application's own SLF4J provider.
 */
public final class StatusLoggerSlf4jProvider implements SLF4JServiceProvider {
    private final ILoggerFactory loggers = StatusLoggerSlf4jLogger::new;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // Nothing to set up: every logger writes straight to the status logger.
    }
}
