package dev.webconsole.server.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How many different wrong tokens may be tried in a minute: {@code perAddress} from one client
 * address, and {@code total} from all addresses together, so that spreading guesses over many
 * source addresses (all of 127.0.0.0/8 is loopback) gains nothing.
 *
 * <p>Memory stays bounded without forgetting anyone early: an address is tracked only when it
 * spends part of the total budget, so at most {@code total} addresses start a minute in one
 * window, and an entry is dropped only once its own minute is over. A retried token counts once.
 */
final class GuessBudget {
    static final long MINUTE_NANOS = 60_000_000_000L;

    private final int perAddress;
    private final int total;
    // Guarded by this.
    private final Map<String, Guesses> byAddress = new HashMap<>();
    private long totalStart;
    private int totalSpent;

    GuessBudget(int perAddress, int total, long now) {
        this.perAddress = perAddress;
        this.total = total;
        this.totalStart = now;
    }

    /** Whether guesses from this address are over budget: its own, or everyone's together. */
    synchronized boolean isSpent(String address, long now) {
        roll(now);
        Guesses guesses = byAddress.get(address);
        return totalSpent >= total || guesses != null && guesses.count(now) >= perAddress;
    }

    /** Counts a wrong token from an address, unless it already tried that one this minute. */
    synchronized void recordWrong(String address, String wrongToken, long now) {
        roll(now);
        if (totalSpent >= total) {
            return; // everyone is slowed down already; tracking more addresses would only cost memory
        }
        Guesses guesses = byAddress.computeIfAbsent(address, a -> new Guesses(now));
        if (guesses.count(now) < perAddress && guesses.add(digest(wrongToken))) {
            totalSpent++;
        }
    }

    /** Addresses tracked now (bounded by twice the total budget). */
    synchronized int trackedAddresses() {
        return byAddress.size();
    }

    private void roll(long now) {
        if (now - totalStart >= MINUTE_NANOS) {
            totalStart = now;
            totalSpent = 0;
            byAddress.values().removeIf(g -> now - g.start >= MINUTE_NANOS);
        }
    }

    /** A fixed-size stand-in for a token of any length, so a long wrong token costs no more memory. */
    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Distinct wrong tokens from one address in its current minute. */
    private static final class Guesses {
        private long start;
        private final Set<String> seen = new HashSet<>();

        Guesses(long now) {
            this.start = now;
        }

        boolean add(String digest) {
            return seen.add(digest);
        }

        int count(long now) {
            if (now - start >= MINUTE_NANOS) {
                start = now;
                seen.clear();
            }
            return seen.size();
        }
    }
}
