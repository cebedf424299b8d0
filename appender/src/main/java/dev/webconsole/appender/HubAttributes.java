package dev.webconsole.appender;

import static dev.webconsole.appender.internal.Attributes.bool;
import static dev.webconsole.appender.internal.Attributes.list;
import static dev.webconsole.appender.internal.Attributes.number;
import static dev.webconsole.appender.internal.Attributes.regexes;

import dev.webconsole.appender.internal.Log4jLevelControl;
import dev.webconsole.appender.internal.StatusLoggerDiagnostics;
import dev.webconsole.server.HubConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginElement;

/**
 * The attributes of {@code <WebConsole>} that configure the hub (the embedded one, or the limits of
 * control requests a publishing appender takes from its hub), read into a {@link HubConfig}.
 * Numbers are read here rather than by Log4j, so a bad value is reported with the attribute's name.
 * {@link WebConsoleAppender.Builder} adds the appender's own attributes.
 */
abstract class HubAttributes<B extends HubAttributes<B>> extends AbstractAppender.Builder<B> {

    @PluginBuilderAttribute
    private String host;

    @PluginBuilderAttribute
    private String port;

    @PluginBuilderAttribute
    private String history;

    @PluginBuilderAttribute
    private String tabQueue;

    @PluginBuilderAttribute
    private String ingestQueue;

    @PluginBuilderAttribute
    private String maxTabs;

    @PluginBuilderAttribute
    private String maxMessageChars;

    @PluginBuilderAttribute
    private String compression;

    @PluginBuilderAttribute
    private String maxConnectionsPerAddress;

    @PluginBuilderAttribute
    private String headerTimeoutMillis;

    @PluginBuilderAttribute(sensitive = true)
    private String token;

    @PluginBuilderAttribute
    private String allowedOrigins;

    @PluginBuilderAttribute
    private String allowedHosts;

    @PluginBuilderAttribute
    private String insecure;

    @PluginBuilderAttribute
    private String keystore;

    @PluginBuilderAttribute(sensitive = true)
    private String keystorePassword;

    @PluginBuilderAttribute
    private String keystoreType;

    @PluginBuilderAttribute
    private String redact;

    @PluginBuilderAttribute
    private String control;

    @PluginBuilderAttribute
    private String maxBoosts;

    @PluginBuilderAttribute
    private String boostMinute;

    @PluginElement("Redact")
    private Redact[] redactions;

    public B setHost(String host) { this.host = host; return asBuilder(); }
    public B setPort(String port) { this.port = port; return asBuilder(); }
    public B setHistory(String history) { this.history = history; return asBuilder(); }
    public B setTabQueue(String tabQueue) { this.tabQueue = tabQueue; return asBuilder(); }
    public B setIngestQueue(String ingestQueue) { this.ingestQueue = ingestQueue; return asBuilder(); }
    public B setMaxTabs(String maxTabs) { this.maxTabs = maxTabs; return asBuilder(); }
    public B setMaxMessageChars(String maxMessageChars) { this.maxMessageChars = maxMessageChars; return asBuilder(); }
    public B setCompression(String compression) { this.compression = compression; return asBuilder(); }
    public B setMaxConnectionsPerAddress(String value) { this.maxConnectionsPerAddress = value; return asBuilder(); }
    public B setHeaderTimeoutMillis(String value) { this.headerTimeoutMillis = value; return asBuilder(); }
    public B setToken(String token) { this.token = token; return asBuilder(); }
    public B setAllowedOrigins(String allowedOrigins) { this.allowedOrigins = allowedOrigins; return asBuilder(); }
    public B setAllowedHosts(String allowedHosts) { this.allowedHosts = allowedHosts; return asBuilder(); }
    public B setInsecure(String insecure) { this.insecure = insecure; return asBuilder(); }
    public B setKeystore(String keystore) { this.keystore = keystore; return asBuilder(); }
    public B setKeystorePassword(String keystorePassword) { this.keystorePassword = keystorePassword; return asBuilder(); }
    public B setKeystoreType(String keystoreType) { this.keystoreType = keystoreType; return asBuilder(); }
    public B setRedact(String redact) { this.redact = redact; return asBuilder(); }
    public B setRedactions(Redact... redactions) { this.redactions = redactions; return asBuilder(); }
    public B setControl(String control) { this.control = control; return asBuilder(); }
    public B setMaxBoosts(String maxBoosts) { this.maxBoosts = maxBoosts; return asBuilder(); }
    public B setBoostMinute(String boostMinute) { this.boostMinute = boostMinute; return asBuilder(); }

    /**
     * The hub's settings: an attribute that is not given leaves HubConfig's default.
     *
     * @param source         the appender's {@code source}, for the level control's events
     * @param publisherToken the appender's {@code publisherToken}
     * @param consoleType    the appender class whose instances a boost's events go to
     * @throws IllegalArgumentException naming the attribute whose value is not allowed
     */
    HubConfig hubConfig(String source, String publisherToken, Class<? extends Appender> consoleType) {
        HubConfig.Builder b = HubConfig.builder();
        given(host, b::host);
        given(port, v -> b.port(number("port", v)));
        given(history, v -> b.history(number("history", v)));
        given(tabQueue, v -> b.tabQueue(number("tabQueue", v)));
        given(ingestQueue, v -> b.ingestQueue(number("ingestQueue", v)));
        given(maxTabs, v -> b.maxTabs(number("maxTabs", v)));
        given(maxMessageChars, v -> b.maxMessageChars(number("maxMessageChars", v)));
        given(compression, v -> b.compression(bool("compression", v)));
        given(maxConnectionsPerAddress, v -> b.maxConnectionsPerAddress(number("maxConnectionsPerAddress", v)));
        given(headerTimeoutMillis, v -> b.headerTimeout(Duration.ofMillis(number("headerTimeoutMillis", v))));
        given(insecure, v -> b.insecure(bool("insecure", v)));
        given(control, v -> b.control(v.isBlank() ? null : bool("control", v)));
        given(maxBoosts, v -> b.maxBoosts(number("maxBoosts", v)));
        given(boostMinute, v -> b.boostMinute(Duration.ofMillis(number("boostMinute", v))));
        given(keystorePassword, b::keystorePassword);
        if (keystore != null && !keystore.isBlank()) {
            b.keystore(Path.of(keystore));
        }
        if (keystoreType != null && !keystoreType.isBlank()) {
            b.keystoreType(keystoreType);
        }
        b.token(token).publisherToken(publisherToken).allowedOrigins(list(allowedOrigins)).allowedHosts(list(allowedHosts))
                .redact(regexes(redact, redactions)).diagnostics(StatusLoggerDiagnostics.INSTANCE);
        // The level control copies boosted events itself, cut to the same maxMessageChars.
        int maxChars = b.build().maxMessageChars();
        return b.levelControl(Log4jLevelControl.of(getConfiguration(), source, maxChars, consoleType))
                .build();
    }

    private static void given(String attribute, Consumer<String> apply) {
        if (attribute != null) {
            apply.accept(attribute);
        }
    }
}
