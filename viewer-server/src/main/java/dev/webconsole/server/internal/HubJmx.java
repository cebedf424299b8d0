package dev.webconsole.server.internal;

import dev.webconsole.server.ConsoleHubMXBean;
import dev.webconsole.server.Diagnostics;
import dev.webconsole.server.HubStats;
import dev.webconsole.server.LevelBoost;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers one hub's {@link ConsoleHubMXBean} with the platform MBean server while the hub runs.
 * JMX trouble (a name already taken, a security manager saying no) is reported and otherwise
 * ignored: the hub runs the same without it.
 */
final class HubJmx implements ConsoleHubMXBean {
    private final String url;
    private final Supplier<HubStats> stats;
    private final Supplier<List<LevelBoost>> boosts;
    private final Diagnostics diagnostics;
    private volatile ObjectName registered;

    private HubJmx(String url, Supplier<HubStats> stats, Supplier<List<LevelBoost>> boosts, Diagnostics diagnostics) {
        this.url = url;
        this.stats = stats;
        this.boosts = boosts;
        this.diagnostics = diagnostics;
    }

    /** The name a hub on this port is registered under. */
    static ObjectName name(int port) {
        try {
            return new ObjectName(ConsoleHubMXBean.DOMAIN + ":type=ConsoleHub,port=" + port);
        } catch (JMException e) {
            throw new IllegalStateException(e); // the name is built from a number: cannot happen
        }
    }

    /** Registers a started hub's counters; call {@link #unregister()} when it stops. */
    static HubJmx register(int port, String url, Supplier<HubStats> stats, Supplier<List<LevelBoost>> boosts,
            Diagnostics diagnostics) {
        HubJmx bean = new HubJmx(url, stats, boosts, diagnostics);
        ObjectName name = name(port);
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(bean, name);
            bean.registered = name;
        } catch (JMException | RuntimeException e) {
            diagnostics.report(System.Logger.Level.WARNING,
                    "WebConsole: the hub's counters are not available over JMX as " + name, e);
        }
        return bean;
    }

    /** Removes the registration, if there is one; calling it again does nothing. */
    void unregister() {
        ObjectName name = registered;
        registered = null;
        if (name == null) {
            return;
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            server.unregisterMBean(name);
        } catch (JMException | RuntimeException e) {
            diagnostics.report(System.Logger.Level.WARNING, "WebConsole: could not remove " + name + " from JMX", e);
        }
    }

    @Override
    public String getUrl() {
        return url;
    }

    @Override
    public int getTabs() {
        return stats.get().tabs();
    }

    @Override
    public long getPublished() {
        return stats.get().published();
    }

    @Override
    public long getLastSeq() {
        return stats.get().lastSeq();
    }

    @Override
    public long getIngestDropped() {
        return stats.get().ingestDropped();
    }

    @Override
    public long getTabDropped() {
        return stats.get().tabDropped();
    }

    @Override
    public long getSendFailed() {
        return stats.get().sendFailed();
    }

    @Override
    public long getTruncated() {
        return stats.get().truncated();
    }

    @Override
    public long getRejectedMessages() {
        return stats.get().rejectedMessages();
    }

    @Override
    public long getPublishersHeldBack() {
        return stats.get().publishersHeldBack();
    }

    @Override
    public List<String> getBoosts() {
        return boosts.get().stream().map(b -> b.describe() + " by " + b.by()).toList();
    }
}
