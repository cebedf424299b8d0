package dev.webconsole.server;

import dev.webconsole.server.internal.HostNames;

/**
 * What a hub that other machines can reach must have: logs are sensitive, so a token, TLS, or an
 * explicit {@code insecure="true"}; and control (level boosts, thread dumps) changes the
 * application, so only on request and only with a token or TLS.
 */
final class Exposure {
    private Exposure() {}

    /** Whether control is on: as set, or by default only on loopback. */
    static boolean control(Boolean control, String host) {
        return control == null ? HostNames.isLoopback(host) : control;
    }

    /** @throws IllegalArgumentException naming the setting to add, when the host is reachable without what it needs */
    static void check(String host, boolean guarded, boolean insecure, Boolean control) {
        if (HostNames.isLoopback(host)) {
            return;
        }
        if (!guarded && !insecure) {
            throw new IllegalArgumentException("host=\"" + host + "\" lets other machines connect, and logs are "
                    + "sensitive: set token=\"auto\" (or a token of your own), configure TLS with keystore, "
                    + "or set insecure=\"true\" to allow it anyway");
        }
        if (Boolean.TRUE.equals(control) && !guarded) {
            throw new IllegalArgumentException("control=\"true\" on host=\"" + host + "\" would let anyone who reaches"
                    + " the port change what the application logs: set token=\"auto\" (or a token of your own)"
                    + " or configure TLS with keystore, or leave control off");
        }
    }
}
