package dev.webconsole.appender;

import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;

/**
 * {@code <Redact regex="..."/>} inside {@code <WebConsole>}: matches of the regular expression are
 * replaced by {@code ***} in messages, context values and stack text before they leave the process.
 */
@Plugin(name = "Redact", category = Core.CATEGORY_NAME, printObject = true)
public final class Redact {
    private final String regex;

    private Redact(String regex) {
        this.regex = regex;
    }

    @PluginFactory
    public static Redact create(@PluginAttribute("regex") String regex) {
        return new Redact(regex);
    }

    public String regex() {
        return regex;
    }

    @Override
    public String toString() {
        return "Redact[regex=" + regex + "]";
    }
}
