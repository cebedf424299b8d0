package dev.webconsole.server.internal;

import java.util.List;

/**
 * Which events one tab wants: logger prefixes to include (all when empty) and to exclude, a level
 * threshold, and the sources to show (all when empty). A prefix matches by name segments:
 * {@code com.acme} matches {@code com.acme} and {@code com.acme.db.Pool}, not {@code com.acmex}.
 * Exclusion wins over inclusion. A gap that names a source reaches only tabs that show that source.
 */
record TabFilter(List<String> loggers, List<String> exclude, int threshold, List<String> sources) {
    static final TabFilter ALL = new TabFilter(List.of(), List.of(), Integer.MAX_VALUE);

    public TabFilter {
        loggers = List.copyOf(loggers);
        exclude = List.copyOf(exclude);
        sources = List.copyOf(sources);
    }

    TabFilter(List<String> loggers, List<String> exclude, int threshold) {
        this(loggers, exclude, threshold, List.of());
    }

    /** This filter showing only {@code names} (all sources when empty); names are compared exactly, after trimming. */
    TabFilter withSources(List<String> names) throws ClientMessages.BadMessageException {
        if (names.size() > ClientMessages.MAX_PREFIXES) {
            throw new ClientMessages.BadMessageException("too many sources (" + names.size() + "); at most "
                    + ClientMessages.MAX_PREFIXES);
        }
        java.util.ArrayList<String> kept = new java.util.ArrayList<>();
        for (String name : names) {
            if (name.length() > ClientMessages.MAX_PREFIX_CHARS) {
                throw new ClientMessages.BadMessageException("a source name is " + name.length()
                        + " characters long; at most " + ClientMessages.MAX_PREFIX_CHARS);
            }
            if (!name.isBlank()) {
                kept.add(name.strip());
            }
        }
        return new TabFilter(loggers, exclude, threshold, kept);
    }

    boolean matches(Outgoing entry) {
        if (!sources.isEmpty() && entry.kind != Outgoing.Kind.FRAME
                && (entry.source != null || entry.kind == Outgoing.Kind.EVENT) && !sources.contains(entry.source)) {
            return false;
        }
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
