package dev.webconsole.server.internal;

import dev.webconsole.server.ConsoleEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks what the {@code redact} patterns match in an event's message, context values and stack text. */
final class Redactor {
    static final String MASK = "***";

    private final List<Pattern> patterns;

    Redactor(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** The event with every match masked, or the same event when nothing matched. */
    ConsoleEvent apply(ConsoleEvent e) {
        String message = mask(e.message());
        ConsoleEvent.ThrownInfo thrown = e.thrown();
        ConsoleEvent.ThrownInfo maskedThrown = thrown == null ? null : new ConsoleEvent.ThrownInfo(
                thrown.type(), mask(thrown.message()), mask(thrown.stack()));
        Map<String, String> context = e.context();
        Map<String, String> maskedContext = context;
        if (context != null) {
            for (Map.Entry<String, String> kv : context.entrySet()) {
                String value = mask(kv.getValue());
                if (value != kv.getValue()) {
                    if (maskedContext == context) {
                        maskedContext = new LinkedHashMap<>(context);
                    }
                    maskedContext.put(kv.getKey(), value);
                }
            }
        }
        boolean same = message == e.message() && maskedContext == context
                && (thrown == null || maskedThrown.message() == thrown.message() && maskedThrown.stack() == thrown.stack());
        if (same) {
            return e;
        }
        return new ConsoleEvent(e.time(), e.level(), e.severity(), e.logger(), e.thread(), message,
                thrown == null ? null : maskedThrown, maskedContext, e.marker(), e.source(), e.truncated());
    }

    /** The text with matches masked, or the very same string when nothing matched. */
    private String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Pattern pattern : patterns) {
            Matcher m = pattern.matcher(out);
            if (m.find()) {
                out = m.replaceAll(MASK);
            }
        }
        return out;
    }
}
