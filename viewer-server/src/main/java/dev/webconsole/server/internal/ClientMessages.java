package dev.webconsole.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webconsole.server.Severity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.jetty.util.Fields;

/**
 * Reads what tabs send: a {@code subscribe} message, or the same filter in the socket's query
 * string. Anything else is refused with a {@link BadMessageException} whose text is sent back to
 * the tab as it is, so it says what was wrong and what is allowed.
 */
final class ClientMessages {
    /** At most this many include plus exclude prefixes in one filter. */
    static final int MAX_PREFIXES = 256;
    /** At most this many characters in one prefix. */
    static final int MAX_PREFIX_CHARS = 512;

    private final ObjectMapper mapper = new ObjectMapper();

    /** A message from a tab that the hub will not act on. */
    static final class BadMessageException extends Exception {
        private static final long serialVersionUID = 1L;

        BadMessageException(String message) {
            super(message, null, false, false);
        }
    }

    /** Whether a message is {@code {"type":"loggers"}}: a tab asks for the logger catalogue. */
    boolean asksForLoggers(String text) {
        try {
            JsonNode root = mapper.readTree(text);
            return root != null && root.isObject() && "loggers".equals(root.path("type").asText());
        } catch (JsonProcessingException e) {
            return false; // not JSON: parse says what is wrong with it
        }
    }

    /** Reads one text message: a {@code subscribe} (control messages and {@code loggers} are taken before). */
    Subscription parse(String text) throws BadMessageException {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadMessageException("malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadMessageException("expected a JSON object such as {\"type\":\"subscribe\",\"filter\":{...}}");
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual()) {
            throw new BadMessageException("missing \"type\": the only message a tab sends is {\"type\":\"subscribe\"}");
        }
        if (!type.asText().equals("subscribe")) {
            throw new BadMessageException("unknown message type \"" + clip(type.asText())
                    + "\"; expected \"subscribe\", \"loggers\", \"set-level\", \"revert-level\" or \"thread-dump\"");
        }
        Long since = null;
        JsonNode sinceNode = root.get("since");
        if (sinceNode != null && !sinceNode.isNull()) {
            if (!sinceNode.canConvertToExactIntegral() || !sinceNode.canConvertToLong()) {
                throw new BadMessageException("\"since\" must be a whole number, the last seq the tab saw");
            }
            since = checkSince(sinceNode.asLong());
        }
        String hubId = null;
        JsonNode hubNode = root.get("hub");
        if (hubNode != null && !hubNode.isNull()) {
            if (!hubNode.isTextual()) {
                throw new BadMessageException("\"hub\" must be a string, the hub id from hello");
            }
            hubId = hubNode.asText();
        }
        JsonNode filterNode = root.get("filter");
        if (filterNode == null || filterNode.isNull()) {
            return new Subscription(TabFilter.ALL, since, hubId);
        }
        if (!filterNode.isObject()) {
            throw new BadMessageException("\"filter\" must be an object with \"loggers\", \"exclude\", \"level\","
                    + " \"sources\", \"ctx\" and \"markers\"");
        }
        List<String> loggers = strings(filterNode, "loggers");
        List<String> exclude = strings(filterNode, "exclude");
        List<String> sources = strings(filterNode, "sources");
        List<String> ctx = strings(filterNode, "ctx", "\"key:value\" strings");
        List<String> markers = strings(filterNode, "markers", "marker names");
        JsonNode level = filterNode.get("level");
        if (level != null && !level.isNull() && !level.isTextual()) {
            throw new BadMessageException("\"level\" must be a level name: one of " + String.join(", ", Severity.NAMES));
        }
        return new Subscription(filter(loggers, exclude, level == null ? null : level.textValue()).withSources(sources)
                .withContextAndMarkers(contextPairs(ctx), markerNames(markers)), since, hubId);
    }

    /**
     * Reads the filter from the socket's query string: {@code logger}, {@code exclude}, {@code level},
     * {@code source}, {@code ctx}, {@code marker}, {@code since}, {@code hub}.
     */
    Subscription parseQuery(Fields query) throws BadMessageException {
        List<String> loggers = query.getValuesOrEmpty("logger");
        List<String> exclude = query.getValuesOrEmpty("exclude");
        String since = query.getValue("since");
        String hubId = query.getValue("hub");
        Long sinceValue = null;
        if (since != null && !since.isEmpty()) {
            try {
                sinceValue = checkSince(Long.parseLong(since));
            } catch (NumberFormatException e) {
                throw new BadMessageException("since=\"" + clip(since) + "\" is not a whole number");
            }
        }
        return new Subscription(filter(loggers, exclude, query.getValue("level"))
                .withSources(query.getValuesOrEmpty("source"))
                .withContextAndMarkers(contextPairs(query.getValuesOrEmpty("ctx")),
                        markerNames(query.getValuesOrEmpty("marker"))), sinceValue,
                hubId == null || hubId.isEmpty() ? null : hubId);
    }

    private static long checkSince(long since) throws BadMessageException {
        if (since < 0) {
            throw new BadMessageException("since=" + since + " is negative; give the last seq the tab saw, or leave it out");
        }
        return since;
    }

    private static TabFilter filter(List<String> loggers, List<String> exclude, String level) throws BadMessageException {
        if (loggers.size() + exclude.size() > MAX_PREFIXES) {
            throw new BadMessageException("too many logger prefixes (" + (loggers.size() + exclude.size())
                    + "); at most " + MAX_PREFIXES + " in all");
        }
        for (List<String> prefixes : List.of(loggers, exclude)) {
            for (String prefix : prefixes) {
                if (prefix.length() > MAX_PREFIX_CHARS) {
                    throw new BadMessageException("a logger prefix is " + prefix.length()
                            + " characters long; at most " + MAX_PREFIX_CHARS);
                }
            }
        }
        int threshold = Integer.MAX_VALUE;
        if (level != null && !level.isEmpty()) {
            OptionalInt weight = Severity.of(level);
            if (weight.isEmpty()) {
                throw new BadMessageException("unknown level \"" + clip(level) + "\"; use one of "
                        + String.join(", ", Severity.NAMES));
            }
            threshold = weight.getAsInt();
        }
        return new TabFilter(trimmed(loggers), trimmed(exclude), threshold);
    }

    private static List<String> trimmed(List<String> prefixes) {
        List<String> out = new ArrayList<>(prefixes.size());
        for (String prefix : prefixes) {
            String p = prefix.strip();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * {@code key:value} texts as pairs, split at the first colon: an event must carry every one.
     * A text without a colon or with an empty key is refused, naming it and the form to use.
     */
    private static List<Map.Entry<String, String>> contextPairs(List<String> texts) throws BadMessageException {
        checkBounds(texts, "context filters (ctx)", "a context filter (ctx)");
        List<Map.Entry<String, String>> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw new BadMessageException("ctx=\"" + clip(text) + "\" is not a context filter: write ctx=key:value,"
                        + " such as ctx=requestId:abc123");
            }
            out.add(Map.entry(text.substring(0, colon), text.substring(colon + 1)));
        }
        return out;
    }

    /** Marker names, compared exactly; an event must carry one of them. Blank names are refused. */
    private static List<String> markerNames(List<String> names) throws BadMessageException {
        checkBounds(names, "markers", "a marker name");
        for (String name : names) {
            if (name.isBlank()) {
                throw new BadMessageException("marker=\"" + clip(name) + "\" is empty: write marker=NAME, such as marker=SQL");
            }
        }
        return List.copyOf(names);
    }

    private static void checkBounds(List<String> texts, String many, String one) throws BadMessageException {
        if (texts.size() > MAX_PREFIXES) {
            throw new BadMessageException("too many " + many + " (" + texts.size() + "); at most " + MAX_PREFIXES);
        }
        for (String text : texts) {
            if (text.length() > MAX_PREFIX_CHARS) {
                throw new BadMessageException(one + " is " + text.length() + " characters long; at most "
                        + MAX_PREFIX_CHARS);
            }
        }
    }

    private static List<String> strings(JsonNode filter, String field) throws BadMessageException {
        return strings(filter, field, "logger name prefixes");
    }

    private static List<String> strings(JsonNode filter, String field, String what) throws BadMessageException {
        JsonNode node = filter.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new BadMessageException("\"" + field + "\" must be an array of " + what);
        }
        if (node.size() > MAX_PREFIXES) {
            throw new BadMessageException("too many logger prefixes in \"" + field + "\" (" + node.size()
                    + "); at most " + MAX_PREFIXES + " in all");
        }
        List<String> out = new ArrayList<>(node.size());
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            JsonNode item = it.next();
            if (!item.isTextual()) {
                throw new BadMessageException("\"" + field + "\" must hold only strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
