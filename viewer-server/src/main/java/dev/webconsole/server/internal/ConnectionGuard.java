package dev.webconsole.server.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Keeps connections from starving the hub, on the connector, before any request is parsed:
 * <ul>
 *   <li>one client address holds at most {@code maxPerAddress} connections; more are closed as they
 *       are accepted, so one process cannot take the descriptors every other client needs;</li>
 *   <li>a connection that has not sent a whole request head within {@code headerTimeout} (counted
 *       from when it opened, or from when its next request began) is closed, however slowly it
 *       keeps trickling bytes; an idle keep-alive connection is left to the idle timeout.</li>
 * </ul>
 * Add it to a connector both as an accept listener and as a connection listener.
 */
final class ConnectionGuard implements SelectorManager.AcceptListener, Connection.Listener {
    private final int maxPerAddress;
    private final long headerTimeoutNanos;
    private final Scheduler scheduler;
    /** Open connections by client address; an address leaves the map when its last one closes. Guarded by itself. */
    private final Map<String, Integer> open = new HashMap<>();
    /** The address each open channel was counted under (a closed channel no longer tells it). */
    private final Map<SelectableChannel, String> counted = new ConcurrentHashMap<>();

    ConnectionGuard(int maxPerAddress, Duration headerTimeout, Scheduler scheduler) {
        this.maxPerAddress = maxPerAddress;
        this.headerTimeoutNanos = headerTimeout.toNanos();
        this.scheduler = scheduler;
    }

    @Override
    public void onAccepting(SelectableChannel channel) {
        boolean over;
        String address = address(channel);
        counted.put(channel, address);
        synchronized (open) {
            over = open.merge(address, 1, Integer::sum) > maxPerAddress;
        }
        if (over) {
            try {
                channel.close(); // the accept then fails, and onAcceptFailed gives the place back
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("closing a connection over the per-address limit", e);
            }
        }
    }

    @Override
    public void onAcceptFailed(SelectableChannel channel, Throwable cause) {
        release(channel);
    }

    @Override
    public void onClosed(SelectableChannel channel) {
        release(channel);
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            scheduler.schedule(() -> checkHead(http, 0), headerTimeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Closes the connection if it is still reading the head of the same request as at the last look
     * (the first look is at open); a connection upgraded to a WebSocket is no longer watched.
     */
    private void checkHead(HttpConnection http, long requestsBefore) {
        if (!http.getEndPoint().isOpen() || http.getEndPoint().getConnection() != http) {
            return;
        }
        HttpParser parser = http.getParser();
        long requests = http.getMessagesIn();
        boolean inHead = parser.inHeaderState() && (requests == 0 || !parser.isStart());
        if (inHead && requests == requestsBefore) {
            http.getEndPoint().close();
            return;
        }
        long next = inHead ? requests : -1; // -1: a request that begins from now on gets a whole period
        scheduler.schedule(() -> checkHead(http, next), headerTimeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void release(SelectableChannel channel) {
        String address = counted.remove(channel);
        if (address == null) {
            return; // released already: a failed accept may also be reported as closed
        }
        synchronized (open) {
            open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Open connections from one address (for tests and diagnostics). */
    int openFrom(String address) {
        synchronized (open) {
            return open.getOrDefault(address, 0);
        }
    }

    private static String address(SelectableChannel channel) {
        try {
            SocketAddress remote = channel instanceof SocketChannel socket ? socket.getRemoteAddress() : null;
            return remote instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : "";
        } catch (IOException e) {
            return ""; // closed before it was counted: it holds no descriptor for long
        }
    }
}
