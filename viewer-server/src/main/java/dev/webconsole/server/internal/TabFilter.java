package dev.webconsole.server.internal;

import java.util.List;

/**
 * Which events one tab wants: logger prefixes to include (all when empty) and to exclude, and a
 * level threshold. A prefix matches by name segments: {@code com.acme} matches {@code com.acme} and
 * {@code com.acme.db.Pool}, not {@code com.acmex}. Exclusion wins over inclusion.
 */
record TabFilter(List<String> loggers, List<String> exclude, int threshold) {
    static final TabFilter ALL = new TabFilter(List.of(), List.of(), Integer.MAX_VALUE);

    public TabFilter {
        loggers = List.copyOf(loggers);
        exclude = List.copyOf(exclude);
    }

    boolean matches(Outgoing entry) {
        if (entry.kind != Outgoing.Kind.EVENT) {
            return true;
        }
        if (entry.severity > threshold) {
            return false;
        }
        for (String prefix : exclude) {
            if (isUnder(entry.logger, prefix)) {
                return false;
            }
        }
        if (loggers.isEmpty()) {
            return true;
        }
        for (String prefix : loggers) {
            if (isUnder(entry.logger, prefix)) {
                return true;
            }
        }
        return false;
    }

    static boolean isUnder(String logger, String prefix) {
        return prefix.isEmpty()
                || logger.startsWith(prefix)
                        && (logger.length() == prefix.length() || logger.charAt(prefix.length()) == '.');
    }
}
