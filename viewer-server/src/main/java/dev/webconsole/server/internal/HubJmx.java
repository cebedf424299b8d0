package dev.webconsole.server.internal;

import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.HubStats;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers one hub's {@link ConsoleHubMXBean} with the platform MBean server while the hub runs.
 * JMX trouble (a name already taken, a security manager saying no) is reported and otherwise
 * ignored: the hub runs the same without it.
 */
public final class HubJmx implements ConsoleHubMXBean {
    public static final String DOMAIN = "dev.webconsole";

    private final ConsoleHub hub;
    private final String url;
    private volatile ObjectName registered;

    private HubJmx(ConsoleHub hub) {
        this.hub = hub;
        this.url = hub.url().toString();
    }

    /** The name a hub on this port is registered under. */
    public static ObjectName name(int port) {
        try {
            return new ObjectName(DOMAIN + ":type=ConsoleHub,port=" + port);
        } catch (JMException e) {
            throw new IllegalStateException(e); // the name is built from a number: cannot happen
        }
    }

    /** Registers a started hub's counters; call {@link #unregister()} when it stops. */
    public static HubJmx register(ConsoleHub hub) {
        HubJmx bean = new HubJmx(hub);
        ObjectName name = name(hub.port());
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(bean, name);
            bean.registered = name;
        } catch (JMException | RuntimeException e) {
            hub.config().diagnostics().report(System.Logger.Level.WARNING,
                    "WebConsole: the hub's counters are not available over JMX as " + name, e);
        }
        return bean;
    }

    /** Removes the registration, if there is one; calling it again does nothing. */
    public void unregister() {
        ObjectName name = registered;
        registered = null;
        if (name == null) {
            return;
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            server.unregisterMBean(name);
        } catch (JMException | RuntimeException e) {
            hub.config().diagnostics().report(System.Logger.Level.WARNING,
                    "WebConsole: could not remove " + name + " from JMX", e);
        }
    }

    @Override
    public String getUrl() {
        return url;
    }

    @Override
    public int getSessions() {
        return stats().sessions();
    }

    @Override
    public long getPublished() {
        return stats().published();
    }

    @Override
    public long getLastSeq() {
        return stats().lastSeq();
    }

    @Override
    public long getIngestDropped() {
        return stats().ingestDropped();
    }

    @Override
    public long getSessionDropped() {
        return stats().sessionDropped();
    }

    @Override
    public long getSendFailed() {
        return stats().sendFailed();
    }

    @Override
    public long getTruncated() {
        return stats().truncated();
    }

    @Override
    public long getRejectedMessages() {
        return stats().rejectedMessages();
    }

    @Override
    public java.util.List<String> getBoosts() {
        return hub.boosts().stream().map(b -> b.describe() + " by " + b.by()).toList();
    }

    private HubStats stats() {
        return hub.stats();
    }
}
