package dev.webconsole.server.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Host names and addresses, in one place: loopback names, brackets for IPv6, ports and zones.
 * Public only because {@link dev.webconsole.server.HubConfig} checks its host with it; not API.
 */
public final class HostNames {
    /** The names a loopback hub always answers to. */
    static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "::1");

    private HostNames() {}

    /** Whether {@code host} (a name, an address, or a bracketed IPv6 address) is a loopback address. */
    public static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host=\"" + host + "\" cannot be resolved: " + e.getMessage());
        }
    }

    /** The host as it goes into a URL: an IPv6 address in brackets. */
    static String forUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Lower case, without IPv6 brackets and zone, as a request's host is compared. */
    static String normalize(String host) {
        if (host == null) {
            return "";
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        int zone = h.indexOf('%');
        return zone >= 0 ? h.substring(0, zone) : h;
    }

    /** {@code logs.example.com:8443} without its port; a bare IPv6 address is left as it is. */
    static String withoutPort(String host) {
        int colon = host.lastIndexOf(':');
        boolean bracketed = host.startsWith("[");
        if (colon > 0 && (bracketed ? host.lastIndexOf(']') < colon : host.indexOf(':') == colon)) {
            return host.substring(0, colon);
        }
        return host;
    }

    /** Whether {@code host} is an address of this machine (any, loopback, or an interface's). */
    static boolean isThisMachine(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isAnyLocalAddress() || address.isLoopbackAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (IOException e) {
            return false;
        }
    }
}
