package dev.webconsole.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webconsole.server.LevelControl;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One control message ({@code set-level}, {@code revert-level}, {@code thread-dump}) with every
 * field checked: read from a tab by the hub, and read again by a publishing application when the
 * hub forwards it, so both refuse the same things with the same words. A refusal names the field.
 *
 * @param source the publishing application it is meant for, or {@code null} for the hub's own
 * @param logger the logger prefix, or {@code null} for a thread dump
 * @param level the level of a set-level, upper case, or {@code null}
 * @param key the context key of a scoped boost, or {@code null}
 * @param minutes the duration of a set-level
 */
record ControlAsk(String type, String source, String logger, String level, String key, String value, int minutes) {
    static final Set<String> TYPES = Set.of("set-level", "revert-level", "thread-dump");
    static final int MIN_MINUTES = 1;
    static final int MAX_MINUTES = 60;
    static final int DEFAULT_MINUTES = 5;
    static final int MAX_NAME_CHARS = 512;
    private static final List<String> OWN_LOGGERS = LevelControl.OWN_LOGGERS;
    private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");

    /** Reads a message whose {@code type} is one of {@link #TYPES}. */
    static ControlAsk read(JsonNode root) throws ClientMessages.BadMessageException {
        String type = root.path("type").asText();
        String source = source(root, type);
        return switch (type) {
            case "set-level" -> setLevel(root, source);
            case "revert-level" -> new ControlAsk(type, source, logger(root, type), null, null, null, 0);
            default -> new ControlAsk(type, source, null, null, null, null, 0);
        };
    }

    /** Writes the message again, as the hub forwards it to a publisher (without {@code source}). */
    void writeTo(ObjectNode out) {
        out.put("type", type);
        if (logger != null) {
            out.put("logger", logger);
        }
        if (level != null) {
            out.put("level", level).put("minutes", minutes);
        }
        if (key != null) {
            out.putObject("context").put(key, value);
        }
    }

    private static String source(JsonNode root, String type) throws ClientMessages.BadMessageException {
        JsonNode node = root.get("source");
        if (node == null || node.isNull()) {
            return null;
        }
        String source = node.isTextual() ? node.asText().strip() : "";
        if (source.isEmpty() || source.length() > PublisherMessages.MAX_NAME_CHARS) {
            throw new ClientMessages.BadMessageException(type + " refused: \"source\" must be the name of a publishing"
                    + " application, 1 to " + PublisherMessages.MAX_NAME_CHARS + " characters; leave it out for the hub's own");
        }
        return source;
    }

    private static ControlAsk setLevel(JsonNode root, String source) throws ClientMessages.BadMessageException {
        String logger = logger(root, "set-level");
        JsonNode levelNode = root.get("level");
        String level = levelNode != null && levelNode.isTextual() ? levelNode.asText().strip().toUpperCase(Locale.ROOT) : "";
        if (!LEVELS.contains(level)) {
            throw new ClientMessages.BadMessageException("set-level refused: \"level\" "
                    + (levelNode == null ? "is missing" : "is " + clip(String.valueOf(levelNode))) + "; use one of "
                    + String.join(", ", LEVELS));
        }
        int minutes = DEFAULT_MINUTES;
        JsonNode minutesNode = root.get("minutes");
        if (minutesNode != null && !minutesNode.isNull()) {
            if (!minutesNode.canConvertToExactIntegral() || minutesNode.asLong() < MIN_MINUTES
                    || minutesNode.asLong() > MAX_MINUTES) {
                throw new ClientMessages.BadMessageException("set-level refused: \"minutes\" is " + clip(String.valueOf(minutesNode))
                        + "; use a whole number from " + MIN_MINUTES + " to " + MAX_MINUTES);
            }
            minutes = minutesNode.asInt();
        }
        JsonNode context = root.get("context");
        if (context == null || context.isNull() || (context.isObject() && context.isEmpty())) {
            return new ControlAsk("set-level", source, logger, level, null, null, minutes);
        }
        if (!context.isObject() || context.size() != 1) {
            throw new ClientMessages.BadMessageException("set-level refused: \"context\" must hold one key and its value,"
                    + " such as {\"user\":\"42\"}");
        }
        Iterator<Map.Entry<String, JsonNode>> entry = context.fields();
        Map.Entry<String, JsonNode> only = entry.next();
        String key = only.getKey().strip();
        if (key.isEmpty() || key.length() > MAX_NAME_CHARS) {
            throw new ClientMessages.BadMessageException("set-level refused: \"context\" has an empty key; name the context"
                    + " (MDC) key, such as {\"user\":\"42\"}");
        }
        if (!only.getValue().isTextual() || only.getValue().asText().length() > MAX_NAME_CHARS) {
            throw new ClientMessages.BadMessageException("set-level refused: \"context\" value of \"" + clip(key)
                    + "\" must be a string of at most " + MAX_NAME_CHARS + " characters");
        }
        return new ControlAsk("set-level", source, logger, level, key, only.getValue().asText(), minutes);
    }

    private static String logger(JsonNode root, String type) throws ClientMessages.BadMessageException {
        JsonNode node = root.get("logger");
        String logger = node != null && node.isTextual() ? node.asText().strip() : "";
        if (logger.isEmpty()) {
            throw new ClientMessages.BadMessageException(type + " refused: \"logger\" is empty; name a logger prefix,"
                    + " such as com.acme.db (the root logger cannot be boosted)");
        }
        if (logger.length() > MAX_NAME_CHARS || logger.chars().anyMatch(Character::isWhitespace)) {
            throw new ClientMessages.BadMessageException(type + " refused: \"logger\" must be a logger name of at most "
                    + MAX_NAME_CHARS + " characters without spaces");
        }
        for (String own : OWN_LOGGERS) {
            if (logger.equals(own) || logger.startsWith(own + ".")) {
                throw new ClientMessages.BadMessageException(type + " refused: \"logger\" " + clip(logger)
                        + " is one of the hub's own loggers (" + String.join(", ", OWN_LOGGERS)
                        + "), which never reach the console; name one of the application's loggers");
            }
        }
        return logger;
    }

    static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
