package dev.webconsole.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An event the application logs, as the console must show it and the other appender must write it. */
public final class Expected {
    /** Most severe first; CONFIG and FINEST are log4j-jul's levels for JUL's CONFIG and FINEST. */
    static final List<String> SEVERITY = List.of("FATAL", "ERROR", "WARN", "INFO", "CONFIG", "DEBUG", "TRACE", "FINEST");

    final String logger;
    final String level;
    final String message;
    final Map<String, String> context = new LinkedHashMap<>();
    final List<String> stack = new ArrayList<>();
    String thread = "main";

    Expected(String logger, String level, String message) {
        this.logger = logger;
        this.level = level;
        this.message = message;
    }

    /** A context (MDC) entry the event carries. */
    public Expected context(String key, String value) {
        context.put(key, value);
        return this;
    }

    /** Text the stack trace must contain, such as {@code "Caused by: java.io.IOException: reset"}. */
    public Expected stack(String text) {
        stack.add(text);
        return this;
    }

    public Expected thread(String name) {
        thread = name;
        return this;
    }

    boolean atLeast(String threshold) {
        return SEVERITY.indexOf(level) <= SEVERITY.indexOf(threshold);
    }

    /** The line the other appender writes with the pattern {@code %p|%c|%t|%X|%m%n}. */
    String line() {
        StringBuilder mdc = new StringBuilder("{");
        context.forEach((k, v) -> mdc.append(mdc.length() > 1 ? ", " : "").append(k).append('=').append(v));
        return level + "|" + logger + "|" + thread + "|" + mdc.append('}') + "|" + message;
    }

    /** Why this console event is not the expected one, or null when it is. */
    @SuppressWarnings("unchecked")
    String mismatch(Map<String, Object> event) {
        if (!logger.equals(event.get("logger")) || !message.equals(event.get("message"))) {
            return "other event";
        }
        if (!level.equals(event.get("level"))) {
            return "level " + event.get("level") + ", expected " + level;
        }
        Map<String, Object> got = (Map<String, Object>) event.getOrDefault("context", Map.of());
        for (Map.Entry<String, String> entry : context.entrySet()) {
            if (!entry.getValue().equals(got.get(entry.getKey()))) {
                return "context " + got + ", expected " + context;
            }
        }
        Map<String, Object> thrown = (Map<String, Object>) event.get("thrown");
        for (String text : stack) {
            if (thrown == null || !String.valueOf(thrown.get("stack")).contains(text)) {
                return "stack " + (thrown == null ? "missing" : thrown.get("stack")) + ", expected to contain " + text;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return line();
    }
}
