package dev.webconsole.appender.internal;

import dev.webconsole.appender.Redact;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Reads attribute values, so that a bad one is reported with the attribute's name. */
public final class Attributes {
    private Attributes() {}

    public static List<String> list(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    public static boolean bool(String attribute, String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return v.equals("true");
        }
        throw new IllegalArgumentException(attribute + "=\"" + value + "\" is not allowed: use \"true\" or \"false\"");
    }

    public static int number(String attribute, String value) {
        try {
            return Integer.parseInt(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(attribute + "=\"" + value + "\" is not a whole number");
        }
    }

    /** How long {@code append} may wait for room: 0 for {@code whenFull="drop"}, {@code maxWaitMillis} for "block". */
    public static long blockNanos(String whenFull, String maxWaitMillis) {
        switch (whenFull == null ? "" : whenFull.toLowerCase(Locale.ROOT)) {
            case "drop":
                return 0;
            case "block":
                int millis = number("maxWaitMillis", maxWaitMillis);
                if (millis < 1 || millis > 60_000) {
                    throw new IllegalArgumentException("maxWaitMillis=\"" + millis + "\" is out of range: use 1 to 60000");
                }
                return TimeUnit.MILLISECONDS.toNanos(millis);
            default:
                throw new IllegalArgumentException("whenFull=\"" + whenFull
                        + "\" is not allowed: use \"drop\" (the default) or \"block\"");
        }
    }

    /** The regular expressions of the {@code redact} attribute and of the {@code <Redact>} elements. */
    public static List<String> regexes(String redact, Redact[] redactions) {
        List<String> regexes = new ArrayList<>();
        if (redact != null && !redact.isEmpty()) {
            regexes.add(redact);
        }
        if (redactions != null) {
            for (Redact r : redactions) {
                if (r == null || r.regex() == null || r.regex().isEmpty()) {
                    throw new IllegalArgumentException("<Redact> needs a regex attribute, such as <Redact regex=\"password=\\S+\"/>");
                }
                regexes.add(r.regex());
            }
        }
        return regexes;
    }
}
