package dev.webconsole.server;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/** The standard level names and their weights, as Log4j orders them: lower is more severe. */
public final class Severity {
    public static final int FATAL = 100;
    public static final int ERROR = 200;
    public static final int WARN = 300;
    public static final int INFO = 400;
    public static final int DEBUG = 500;
    public static final int TRACE = 600;

    /** Level names a filter threshold may use, least severe first. */
    public static final List<String> NAMES = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");

    private static final Map<String, Integer> BY_NAME = Map.of(
            "FATAL", FATAL, "ERROR", ERROR, "WARN", WARN, "INFO", INFO, "DEBUG", DEBUG, "TRACE", TRACE,
            "ALL", Integer.MAX_VALUE);

    private Severity() {}

    /** The weight of a standard level name (case-insensitive), or empty for an unknown name. */
    public static OptionalInt of(String name) {
        Integer weight = name == null ? null : BY_NAME.get(name.toUpperCase(Locale.ROOT));
        return weight == null ? OptionalInt.empty() : OptionalInt.of(weight);
    }
}
