package dev.webconsole.appender.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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
}
