package dev.webconsole.appender.internal;

import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.HubConfig;
import dev.webconsole.server.HubStartException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.appender.AbstractManager;
import org.apache.logging.log4j.core.appender.ManagerFactory;

/**
 * Owns one hub per host and port and outlives reconfiguration: a new configuration's appender
 * takes the running hub before the old one lets go, so open tabs stay connected and no port leaks.
 * The hub stops when the last appender using it stops.
 */
public final class WebConsoleManager extends AbstractManager {
    private static final ManagerFactory<WebConsoleManager, HubConfig> FACTORY = WebConsoleManager::create;
    /** Settings that guard the logs: a reconfiguration that changes them is reported as an error. */
    private static final Set<String> GUARDS = Set.of("token", "redact", "allowedOrigins", "allowedHosts", "insecure", "keystore", "control");

    private final ConsoleHub hub;

    private WebConsoleManager(String name, ConsoleHub hub) {
        super(null, name);
        this.hub = hub;
    }

    /**
     * The manager for the config's host and port, started if need be. A running hub is shared
     * as it is: settings other than host and port take effect when it restarts.
     *
     * @throws dev.webconsole.server.HubStartException if a new hub cannot bind its port
     */
    public static WebConsoleManager acquire(HubConfig config) {
        // Log4j's manager registry is shared by every kind of manager: the prefix keeps ours apart.
        return getManager("WebConsole:" + config.host() + ":" + config.port(), FACTORY, config);
    }

    private static WebConsoleManager create(String name, HubConfig config) {
        ConsoleHub hub;
        try {
            hub = new ConsoleHub(config);
            hub.start();
        } catch (LinkageError e) {
            throw new HubStartException(LinkageClash.describe(e), e);
        }
        // Printed once per hub, not per reconfiguration: this is the line the user opens.
        System.err.println("WebConsole: watch the logs at " + hub.openUrl());
        return new WebConsoleManager(name, hub);
    }

    public ConsoleHub hub() {
        return hub;
    }

    /** Called when a new configuration asks for this running hub: say what it cannot apply. */
    @Override
    public void updateData(Object data) {
        List<String> changed = hub.config().differences((HubConfig) data);
        if (changed.isEmpty()) {
            return;
        }
        String message = "WebConsole: the hub at " + hub.url() + " keeps running with its earlier settings, so tabs stay"
                + " connected; " + String.join(", ", changed) + " changed and take effect when the logger context restarts";
        if (changed.stream().anyMatch(GUARDS::contains)) {
            LOGGER.error(message);
        } else {
            LOGGER.warn(message);
        }
    }

    @Override
    protected boolean releaseSub(long timeout, TimeUnit timeUnit) {
        hub.stop();
        return true;
    }
}
