package dev.webconsole.server.internal;

import java.util.List;
import java.util.Map;

/**
 * Which events one tab wants: logger prefixes to include (all when empty) and to exclude, a level
 * threshold, the sources to show (all when empty), context values the event must carry (every one
 * of them) and markers (any one of them; all when empty). A prefix matches by name segments:
 * {@code com.acme} matches {@code com.acme} and {@code com.acme.db.Pool}, not {@code com.acmex}.
 * Exclusion wins over inclusion. A gap that names a source reaches only tabs that show that source;
 * gaps do not name context values or markers, so every tab that could miss such events gets them.
 */
record TabFilter(List<String> loggers, List<String> exclude, int threshold, List<String> sources,
        List<Map.Entry<String, String>> context, List<String> markers) {
    static final TabFilter ALL = new TabFilter(List.of(), List.of(), Integer.MAX_VALUE);

    public TabFilter {
        loggers = List.copyOf(loggers);
        exclude = List.copyOf(exclude);
        sources = List.copyOf(sources);
        context = List.copyOf(context);
        markers = List.copyOf(markers);
    }

    TabFilter(List<String> loggers, List<String> exclude, int threshold) {
        this(loggers, exclude, threshold, List.of(), List.of(), List.of());
    }

    /** This filter also asking for the given context values (all must match) and markers (one must). */
    TabFilter withContextAndMarkers(List<Map.Entry<String, String>> pairs, List<String> names) {
        return new TabFilter(loggers, exclude, threshold, sources, pairs, names);
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
        return new TabFilter(loggers, exclude, threshold, kept, context, markers);
    }

    boolean matches(Outgoing entry) {
        if (!sources.isEmpty() && entry.kind != Outgoing.Kind.FRAME
                && (entry.source != null || entry.kind == Outgoing.Kind.EVENT)
                && (entry.source == null || !sources.contains(entry.source))) { // List.of throws on contains(null)
            return false;
        }
        if (entry.kind != Outgoing.Kind.EVENT) {
            return true;
        }
        if (entry.severity > threshold || !hasContextAndMarker(entry)) {
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

    private boolean hasContextAndMarker(Outgoing entry) {
        if (!markers.isEmpty() && (entry.marker == null || !markers.contains(entry.marker))) {
            return false;
        }
        for (Map.Entry<String, String> pair : context) {
            if (entry.context == null || !pair.getValue().equals(entry.context.get(pair.getKey()))) {
                return false;
            }
        }
        return true;
    }

    static boolean isUnder(String logger, String prefix) {
        return prefix.isEmpty()
                || logger.startsWith(prefix)
                        && (logger.length() == prefix.length() || logger.charAt(prefix.length()) == '.');
    }
}
