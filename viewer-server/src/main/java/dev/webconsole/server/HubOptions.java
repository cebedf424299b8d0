package dev.webconsole.server;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The standalone hub's command line: each option once, as a flag ({@code --port 7171} or
 * {@code --port=7171}) and an environment variable ({@code WEBCONSOLE_PORT}); a flag wins over the
 * variable. Unknown flags and bad values are refused with a message that names them.
 */
final class HubOptions {
    /** A command line the hub cannot run with; the message says what to change. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    private record Option(String flag, String env, String defaultText, String help, BiConsumer<HubConfig.Builder, String> apply) {}

    private static final List<Option> OPTIONS = List.of(
            option("host", "127.0.0.1", "address to bind; another than loopback needs --token or --keystore", HubConfig.Builder::host),
            option("port", "7171", "port to listen on; 0 picks a free one", (b, v) -> b.port(integer("port", v))),
            option("token", "(none)", "token viewers need; \"auto\" generates one", HubConfig.Builder::token),
            option("publisher-token", "(none)", "token publishers need at /publish; without it the hub takes no publishers",
                    HubConfig.Builder::publisherToken),
            option("keystore", "(none)", "PKCS12 or JKS file: serve https and wss", (b, v) -> b.keystore(Path.of(v))),
            option("keystore-password", "(empty)", "the keystore's password", HubConfig.Builder::keystorePassword),
            option("keystore-type", "PKCS12", "the keystore's type", HubConfig.Builder::keystoreType),
            option("history", "10000", "recent events kept for tabs that connect later", (b, v) -> b.history(integer("history", v))),
            option("max-tabs", "64", "tabs connected at once", (b, v) -> b.maxTabs(integer("max-tabs", v))),
            option("tab-queue", "20000", "events waiting for one tab before its oldest are dropped",
                    (b, v) -> b.tabQueue(integer("tab-queue", v))),
            option("ingest-queue", "65536", "events waiting for the dispatcher", (b, v) -> b.ingestQueue(integer("ingest-queue", v))),
            option("max-source-events-per-second", "500000", "events per second read from one publisher at most",
                    (b, v) -> b.maxSourceEventsPerSecond(integer("max-source-events-per-second", v))),
            option("source-share-percent", "50", "the most of the ingest queue one publisher's events may fill; past it that publisher waits, the others do not",
                    (b, v) -> b.sourceSharePercent(integer("source-share-percent", v))),
            option("max-message-chars", "100000", "longer messages are cut", (b, v) -> b.maxMessageChars(integer("max-message-chars", v))),
            option("allowed-origins", "(none)", "comma-separated origins besides the hub's own (reverse proxy)",
                    (b, v) -> b.allowedOrigins(list(v))),
            option("allowed-hosts", "(none)", "comma-separated host names besides the hub's own (reverse proxy)",
                    (b, v) -> b.allowedHosts(list(v))),
            option("control", "true on loopback, else false", "let tabs boost levels and take thread dumps of the"
                    + " publishing applications; on another host than loopback it needs --token or --keystore too",
                    (b, v) -> b.control(bool("control", v))),
            option("insecure", "false", "allow another address than loopback without token or TLS",
                    (b, v) -> b.insecure(bool("insecure", v))));

    private HubOptions() {}

    private static Option option(String flag, String defaultText, String help, BiConsumer<HubConfig.Builder, String> apply) {
        return new Option(flag, "WEBCONSOLE_" + flag.toUpperCase(java.util.Locale.ROOT).replace('-', '_'), defaultText, help, apply);
    }

    /** The help text: every option with its variable and default. */
    static String help() {
        StringBuilder text = new StringBuilder("Usage: java -jar webconsole-hub.jar [options]\n"
                + "Starts a WebConsole hub: the console page at /, tabs at /ws, publishers at /publish.\n\nOptions:\n");
        int width = OPTIONS.stream().mapToInt(o -> o.flag.length() + " VALUE".length()).max().orElse(0);
        String line = "  --%-" + width + "s  %s%n";
        for (Option o : OPTIONS) {
            String given = o.defaultText.equals("(none)") ? "no default" : "default " + o.defaultText.replace("(empty)", "empty");
            text.append(String.format(line, o.flag + " VALUE", o.help + " (" + given + "; env " + o.env + ")"));
        }
        return text.append(String.format(line, "help", "print this and exit")).toString();
    }

    /**
     * The configuration from the environment, then the flags.
     *
     * @throws UsageException naming the flag, variable or value that is wrong
     */
    static HubConfig parse(String[] args, Map<String, String> env, Diagnostics diagnostics) throws UsageException {
        Map<Option, String> values = new LinkedHashMap<>();
        Map<Option, String> from = new LinkedHashMap<>();
        for (Option o : OPTIONS) {
            String v = env.get(o.env);
            if (v != null) {
                values.put(o, v);
                from.put(o, "environment variable " + o.env);
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument \"" + arg + "\"; options start with --, see --help");
            }
            int eq = arg.indexOf('=');
            String name = arg.substring(2, eq < 0 ? arg.length() : eq);
            Option o = OPTIONS.stream().filter(x -> x.flag.equals(name)).findFirst()
                    .orElseThrow(() -> new UsageException("unknown option --" + name + "; see --help for the options"));
            String value = eq >= 0 ? arg.substring(eq + 1) : null;
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--" + name + " needs a value" + (o.defaultText.matches("[^ ()]+")
                            ? ", such as --" + name + " " + o.defaultText : "; see --help"));
                }
                value = args[++i];
            }
            values.put(o, value);
            from.put(o, "--" + name);
        }
        HubConfig.Builder builder = HubConfig.builder().diagnostics(diagnostics);
        for (Map.Entry<Option, String> v : values.entrySet()) {
            try {
                v.getKey().apply.accept(builder, v.getValue());
            } catch (IllegalArgumentException e) {
                throw new UsageException(from.get(v.getKey()) + ": " + e.getMessage());
            }
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(asFlags(e.getMessage()));
        }
    }

    /**
     * A message of the hub's configuration in the command line's words: {@code token="auto"} becomes
     * {@code --token auto}, {@code publisherToken} becomes {@code --publisher-token} (the messages
     * name settings as the appender's attributes, which the standalone hub has as flags).
     */
    static String asFlags(String message) {
        String text = message;
        for (Option o : OPTIONS) {
            String attribute = attribute(o.flag);
            text = text.replaceAll("\\b" + attribute + "=\"([^\"]*)\"", java.util.regex.Matcher.quoteReplacement("--" + o.flag) + " $1");
            if (!attribute.equals(o.flag)) { // a camel-case name is not an English word: every one is the setting
                text = text.replaceAll("\\b" + attribute + "\\b", java.util.regex.Matcher.quoteReplacement("--" + o.flag));
            } else { // a plain word only where it names the setting: as the subject, or before a stop ("as token:")
                text = text.startsWith(attribute + " ") ? "--" + text : text;
                text = text.replaceAll("(?<![-\\w])" + attribute + "(?=[:,;)]|$)", java.util.regex.Matcher.quoteReplacement("--" + o.flag));
            }
        }
        return text;
    }

    /** The appender attribute of a flag: {@code publisher-token} is {@code publisherToken}. */
    private static String attribute(String flag) {
        StringBuilder name = new StringBuilder();
        for (String part : flag.split("-")) {
            name.append(name.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return name.toString();
    }

    private static int integer(String flag, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + value + "\" is not a whole number");
        }
    }

    private static boolean bool(String flag, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("\"" + value + "\" is neither true nor false");
        }
        return Boolean.parseBoolean(value);
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
