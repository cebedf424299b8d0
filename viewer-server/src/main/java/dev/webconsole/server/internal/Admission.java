package dev.webconsole.server.internal;

import dev.webconsole.server.Diagnostics;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;

/**
 * The {@code maxTabs} places. An upgrade is refused with 503 while every place is taken; an opened
 * tab takes a place with {@link #admit()} and gives it back with {@link #release()}. Upgrades that
 * race past the 503 check find no place at open and are closed with 1013.
 */
final class Admission {
    private final int maxTabs;
    private final Diagnostics diagnostics;
    private final AtomicInteger taken = new AtomicInteger();
    private final AtomicBoolean reportedFull = new AtomicBoolean();

    Admission(int maxTabs, Diagnostics diagnostics) {
        this.maxTabs = maxTabs;
        this.diagnostics = diagnostics;
    }

    /** Before the upgrade: when every place is taken, answers 503 (and says so once) and returns true. */
    boolean refuseUpgrade(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        if (taken.get() < maxTabs) {
            return false;
        }
        if (reportedFull.compareAndSet(false, true)) {
            diagnostics.report(System.Logger.Level.WARNING, "WebConsole: " + maxTabs
                    + " tabs are connected, the most maxTabs allows; further tabs are refused with 503", null);
        }
        Response.writeError(request, response, callback, 503, "too many tabs: maxTabs=" + maxTabs);
        return true;
    }

    /** Takes a place for an opened tab; false when none is free. */
    boolean admit() {
        while (true) {
            int now = taken.get();
            if (now >= maxTabs) {
                return false;
            }
            if (taken.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives back the place {@link #admit()} took. */
    void release() {
        taken.decrementAndGet();
    }
}
