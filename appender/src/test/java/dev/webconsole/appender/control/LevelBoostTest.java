package dev.webconsole.appender.control;

import static dev.webconsole.appender.control.ControlTab.revert;
import static dev.webconsole.appender.control.ControlTab.setLevel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.appender.Log4jFixture;
import dev.webconsole.server.ConsoleHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.apache.logging.log4j.core.impl.Log4jContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Level boosts through a real logger context with {@code <WebConsole>} and real file appenders. */
class LevelBoostTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    final Log4jFixture log4j = new Log4jFixture();

    @TempDir
    Path dir;

    @AfterEach
    void clearContext() {
        ThreadContext.clearAll();
    }

    /** {@code <WebConsole>} and a file on the root at INFO; audit lines go to their own file. */
    String config(String webAttributes, String loggers) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="warn">
                  <Appenders>
                    <WebConsole name="web" port="0" %s/>
                    <File name="file" fileName="%s"><PatternLayout pattern="%%p %%c [%%t] %%m %%X%%n"/></File>
                    <File name="second" fileName="%s"><PatternLayout pattern="%%p %%c %%m%%n"/></File>
                    <File name="audit" fileName="%s"><PatternLayout pattern="%%p %%c %%m%%n"/></File>
                  </Appenders>
                  <Loggers>
                    <Logger name="dev.webconsole.control" level="info" additivity="false"><AppenderRef ref="audit"/></Logger>
                    %s
                    <Root level="info"><AppenderRef ref="web"/><AppenderRef ref="file"/></Root>
                  </Loggers>
                </Configuration>
                """.formatted(webAttributes, file("app.log"), file("second.log"), file("audit.log"), loggers);
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    String read(String name) throws Exception {
        Path f = file(name);
        return Files.exists(f) ? Files.readString(f) : "";
    }

    ControlTab tab(LoggerContext context) throws Exception {
        return new ControlTab(log4j.connect(context, ""));
    }

    @Test
    void aBoostMakesDebugEventsOfThePrefixReachTheTabAndNotTheFile() throws Exception {
        LoggerContext context = log4j.start(config("", ""));
        ControlTab tab = tab(context);
        assertTrue(tab.hello.path("control").asBoolean(), tab.hello::toString);
        Logger db = context.getLogger("com.acme.db.Pool");
        assertFalse(db.isDebugEnabled());

        JsonNode levels = tab.boost("com.acme", "DEBUG", 5);
        assertEquals("com.acme", levels.path("boosts").path(0).path("logger").asText());
        assertEquals("DEBUG", levels.path("boosts").path(0).path("level").asText());
        JsonNode started = tab.event(e -> e.path("logger").asText().equals("webconsole.control"));
        assertEquals("started", started.path("context").path("action").asText());
        assertTrue(started.path("message").asText().matches("127\\.0\\.0\\.1:\\d+ boosted com\\.acme at DEBUG until .*"),
                started::toString);

        db.debug("pool checked");
        context.getLogger("com.other").debug("not boosted");
        db.info("pool ready");
        assertEquals("DEBUG", tab.eventWithMessage("pool checked").path("level").asText());
        tab.eventWithMessage("pool ready");
        assertTrue(tab.received().stream().noneMatch(e -> e.path("message").asText().equals("not boosted")));
        assertEquals("INFO com.acme.db.Pool [" + Thread.currentThread().getName() + "] pool ready {}\n", read("app.log"));
        assertTrue(read("audit.log").matches("INFO dev\\.webconsole\\.control WebConsole: 127\\.0\\.0\\.1:\\d+ boosted com\\.acme"
                + " at DEBUG until \\S+ \\(5 minutes\\)\n"), this::toString);
        assertEquals(1, Log4jFixture.hub(context).boosts().size());
        String stats = dev.webconsole.server.testing.RawHttp.get(Log4jFixture.hub(context).port(), "/stats").body();
        assertTrue(stats.contains("\"boosts\":[{\"logger\":\"com.acme\",\"level\":\"DEBUG\""), stats);
        String[] jmx = (String[]) java.lang.management.ManagementFactory.getPlatformMBeanServer().getAttribute(
                new javax.management.ObjectName("dev.webconsole:type=ConsoleHub,port=" + Log4jFixture.hub(context).port()), "Boosts");
        assertEquals(1, jmx.length);
        assertTrue(jmx[0].matches("com\\.acme at DEBUG until \\S+ by 127\\.0\\.0\\.1:\\d+"), jmx[0]);
    }

    /** A configuration built in code knows no logger context; the boost finds the one Log4j runs it in. */
    @Test
    void aConfigurationBuiltInCodeIsBoostedInTheContextLog4jRunsItIn() throws Exception {
        ConfigurationBuilder<BuiltConfiguration> built = ConfigurationBuilderFactory.newConfigurationBuilder();
        built.setConfigurationName("built-in-code");
        built.add(built.newAppender("web", "WebConsole").addAttribute("port", 0));
        built.add(built.newRootLogger(Level.INFO).add(built.newAppenderRef("web")));
        // A class loader of its own (no parent), so Log4j's selector makes a new context for it rather than lend its parent's.
        ClassLoader own = new java.net.URLClassLoader(new java.net.URL[0], null);
        Log4jContextFactory factory = (Log4jContextFactory) LogManager.getFactory();
        LoggerContext context = factory.getContext(getClass().getName(), own, null, false, built.build());
        try {
            assertNull(context.getConfiguration().getLoggerContext(), "the configuration built in code names no context");
            ControlTab tab = tab(context);
            tab.send(setLevel("com.acme", "DEBUG", 5));
            assertEquals("com.acme", tab.levels().path("boosts").path(0).path("logger").asText());
            context.getLogger("com.acme.db.Pool").debug("pool checked");
            assertEquals("DEBUG", tab.eventWithMessage("pool checked").path("level").asText());
        } finally {
            context.stop();
            factory.removeContext(context);
        }
    }

    /** A configuration started on a context of its own that it does not name: refused, saying why and what to do. */
    @Test
    void aConfigurationOnAContextLog4jDoesNotKnowIsRefusedSayingHowToFixIt() throws Exception {
        ConfigurationBuilder<BuiltConfiguration> built = ConfigurationBuilderFactory.newConfigurationBuilder();
        built.add(built.newAppender("web", "WebConsole").addAttribute("port", 0));
        built.add(built.newRootLogger(Level.INFO).add(built.newAppenderRef("web")));
        LoggerContext context = new LoggerContext("unregistered");
        context.start(built.build());
        try {
            ControlTab tab = tab(context);
            tab.send(setLevel("com.acme", "DEBUG", 5));
            String error = tab.error();
            assertTrue(error.contains("ConfigurationBuilder.setLoggerContext"), error);
            context.getLogger("com.acme.db.Pool").debug("not boosted");
            context.getLogger("com.acme.db.Pool").info("still logging");
            tab.eventWithMessage("still logging");
            assertTrue(tab.received().stream().noneMatch(e -> e.path("message").asText().equals("not boosted")));
        } finally {
            context.stop();
        }
    }

    /** The same workload twice, the second time with com.acme boosted to TRACE: the files grow by the same bytes. */
    @ParameterizedTest(name = "additivity={0}")
    @ValueSource(booleans = {true, false})
    void otherAppendersGetTheSameBytesWithAndWithoutABoost(boolean additivity) throws Exception {
        String loggers = """
                <Logger name="com.acme" level="info" additivity="%s"><AppenderRef ref="second"/>%s</Logger>
                <Logger name="com.acme.verbose" level="trace"/>
                <Logger name="com.acme.quiet" level="warn"><AppenderRef ref="second" level="error"/></Logger>
                """.formatted(additivity, additivity ? "" : "<AppenderRef ref=\"web\"/><AppenderRef ref=\"file\"/>");
        LoggerContext context = log4j.start(config("", loggers));
        ControlTab tab = tab(context);
        workload(context);
        byte[] app = Files.readAllBytes(file("app.log"));
        byte[] second = Files.readAllBytes(file("second.log"));
        assertTrue(app.length > 0 && second.length > 0);

        tab.boost("com.acme", "TRACE", 5);
        workload(context);
        tab.event(e -> e.path("level").asText().equals("TRACE") && e.path("logger").asText().equals("com.acme.quiet"));

        byte[] appAfter = Files.readAllBytes(file("app.log"));
        byte[] secondAfter = Files.readAllBytes(file("second.log"));
        assertArrayEquals(app, Arrays.copyOfRange(appAfter, app.length, appAfter.length), "app.log");
        assertArrayEquals(second, Arrays.copyOfRange(secondAfter, second.length, secondAfter.length), "second.log");
        assertEquals(2 * app.length, appAfter.length);
    }

    private static void workload(LoggerContext context) {
        for (String name : List.of("com.acme", "com.acme.db", "com.acme.verbose.x", "com.acme.quiet", "com.other", "com.acmex")) {
            Logger logger = context.getLogger(name);
            for (Level level : List.of(Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR)) {
                ThreadContext.put("user", "42");
                logger.log(level, "{} at {}", name, level);
                ThreadContext.remove("user");
                logger.log(level, "{} at {} without context", name, level);
            }
        }
    }

    @Test
    void aTabThatConnectsDuringABoostIsToldOfIt() throws Exception {
        LoggerContext context = log4j.start(config("", ""));
        ControlTab first = tab(context);
        first.boost("com.acme", "WARN", 15);
        ControlTab later = tab(context); // hello, the history's replay, then levels
        JsonNode levels = later.levels();
        assertTrue(levels.path("control").asBoolean());
        assertEquals("WARN", levels.path("boosts").path(0).path("level").asText());
        assertEquals(15, levels.path("boosts").path(0).path("minutes").asInt());
        assertTrue(levels.path("boosts").path(0).path("by").asText().startsWith("127.0.0.1:"));
        assertTrue(context.getLogger("com.acme").isInfoEnabled(), "a boost only adds events");
    }

    @Test
    void boostedEventsStillPassTheLoggersAndTheConsolesFiltersAndRedaction() throws Exception {
        String loggers = "<Logger name=\"com.acme\" level=\"info\">"
                + "<RegexFilter regex=\".*password.*\" onMatch=\"DENY\" onMismatch=\"NEUTRAL\"/></Logger>";
        String xml = config("redact=\"(?&lt;=token=)\\S+\"", loggers).replaceFirst("<WebConsole ([^>]*)/>",
                "<WebConsole $1><MarkerFilter marker=\"SECRET\" onMatch=\"DENY\" onMismatch=\"NEUTRAL\"/></WebConsole>");
        assertTrue(xml.contains("MarkerFilter"), xml);
        LoggerContext context = log4j.start(xml);
        ControlTab tab = tab(context);
        tab.boost("com.acme", "DEBUG", 5);
        Logger logger = context.getLogger("com.acme.login");
        logger.debug("password=hunter2");
        logger.debug(org.apache.logging.log4j.MarkerManager.getMarker("SECRET"), "a secret");
        logger.debug("checked token=abc123");
        assertEquals("checked token=***", tab.eventWithMessage("checked").path("message").asText());
        assertTrue(tab.received().stream().noneMatch(e -> e.path("message").asText().matches("password.*|a secret")),
                tab.received()::toString);
        assertEquals("", read("app.log"));
    }

    @Test
    void aBoostEndsByItselfAtExpiry() throws Exception {
        LoggerContext context = log4j.start(config("boostMinute=\"200\"", ""));
        ControlTab tab = tab(context);
        tab.send(setLevel("com.acme", "DEBUG", 1));
        assertEquals(1, tab.levels().path("boosts").size());
        assertEquals(0, tab.levels().path("boosts").size());
        JsonNode ended = tab.event(e -> e.path("context").path("action").asText().equals("ended"));
        assertEquals("the boost of com.acme at DEBUG expired", ended.path("message").asText());
        assertFalse(context.getLogger("com.acme.db").isDebugEnabled());
        assertNull(context.getConfiguration().getFilter());
        assertTrue(read("audit.log").endsWith("INFO dev.webconsole.control WebConsole: the boost of com.acme at DEBUG expired\n"),
                this::toString);
    }

    @Test
    void aTabRevertsABoost() throws Exception {
        LoggerContext context = log4j.start(config("", ""));
        ControlTab tab = tab(context);
        tab.boost("com.acme", "TRACE", 60);
        assertTrue(context.getLogger("com.acme").isTraceEnabled());
        tab.send(revert("com.acme"));
        assertEquals(0, tab.levels().path("boosts").size());
        JsonNode ended = tab.event(e -> e.path("context").path("action").asText().equals("ended"));
        assertTrue(ended.path("message").asText().matches("the boost of com\\.acme at TRACE reverted by 127\\.0\\.0\\.1:\\d+"),
                ended::toString);
        assertFalse(context.getLogger("com.acme").isTraceEnabled());
        assertNull(context.getRootLogger().get().getFilter());
    }

    @Test
    void aScopedBoostCreatesDebugEventsOnlyForTheMatchingContext() throws Exception {
        LoggerContext context = log4j.start(config("", ""));
        ControlTab tab = tab(context);
        tab.send(setLevel("com.acme", "DEBUG", 5).set("context", ControlTab.JSON.createObjectNode().put("user", "42")));
        assertEquals("42", tab.levels().path("boosts").path(0).path("context").path("user").asText());
        Logger logger = context.getLogger("com.acme.orders");

        ThreadContext.put("user", "7");
        assertFalse(logger.isDebugEnabled(), "outside the scope the event is not even created");
        logger.debug("for user 7");
        ThreadContext.put("user", "42");
        assertTrue(logger.isDebugEnabled());
        logger.debug("for user 42");
        ThreadContext.remove("user");
        logger.debug("for nobody");
        logger.info("done");

        assertEquals("42", tab.eventWithMessage("for user 42").path("context").path("user").asText());
        tab.eventWithMessage("done");
        assertTrue(tab.received().stream().noneMatch(e -> e.path("message").asText().startsWith("for ")), tab.received()::toString);
        assertEquals("INFO com.acme.orders [" + Thread.currentThread().getName() + "] done {}\n", read("app.log"));
    }

    @Test
    void aBoostIsAppliedAgainAfterAReconfiguration() throws Exception {
        LoggerContext context = log4j.start(config("", ""));
        ControlTab tab = tab(context);
        tab.boost("com.acme", "DEBUG", 5);
        var before = context.getConfiguration();
        context.reconfigure();
        assertTrue(context.getConfiguration() != before, "a new configuration");
        assertEquals(1, Log4jFixture.hub(context).boosts().size(), "the same hub, with its boost");

        JsonNode notice = tab.event(e -> e.path("context").path("action").asText().equals("reapplied"));
        assertEquals("webconsole.control", notice.path("logger").asText());
        assertTrue(notice.path("message").asText().startsWith("the logging configuration changed; the boosts are applied"
                + " again: com.acme at DEBUG until "), notice::toString);
        context.getLogger("com.acme.db").debug("after the reconfiguration");
        tab.eventWithMessage("after the reconfiguration");
        assertFalse(read("app.log").contains("after the reconfiguration"));
        assertTrue(read("audit.log").contains("WebConsole: the logging configuration changed; the boosts are applied again:"
                + " com.acme at DEBUG until "), this::toString);
    }

    @Test
    void aReconfigurationWithoutWebConsoleStopsTheHubAndEndsItsBoosts() throws Exception {
        LoggerContext context = log4j.start(config("", ""));
        ControlTab tab = tab(context);
        tab.boost("com.acme", "DEBUG", 60);
        ConsoleHub hub = Log4jFixture.hub(context);
        String withoutWebConsole = config("", "").replaceAll("<WebConsole [^>]*/>", "").replace("<AppenderRef ref=\"web\"/>", "");
        context.setConfigLocation(log4j.write(withoutWebConsole));
        assertFalse(hub.isStarted());
        assertTrue(hub.boosts().isEmpty());
        assertFalse(context.getLogger("com.acme").isDebugEnabled());
        assertNull(context.getConfiguration().getFilter());
        assertTrue(read("audit.log").contains("WebConsole: the boost of com.acme at DEBUG ended because the hub stopped\n"),
                this::toString);
    }

    @Test
    void aBoostCoversTheApplicationsJettyAndJacksonButNeverTheHubsOwnLoggersOrThreads() throws Exception {
        LoggerContext context = log4j.start(config("", ""));
        ControlTab tab = tab(context);
        tab.boost("org", "TRACE", 5);
        assertTrue(context.getLogger("org.shop.Cart").isTraceEnabled());
        // The hub's own Jetty is relocated below dev.webconsole in the published jar: this one is the application's.
        assertTrue(context.getLogger("org.eclipse.jetty.server.Server").isDebugEnabled());
        tab.boost("com", "TRACE", 5);
        assertTrue(context.getLogger("com.fasterxml.jackson.core").isDebugEnabled());
        assertTrue(context.getLogger("com.acme").isTraceEnabled());
        tab.boost("dev", "TRACE", 5);
        assertFalse(context.getLogger("dev.webconsole.server.Hub").isDebugEnabled(), "the hub's own loggers are never boosted");
        assertTrue(context.getLogger("dev.shop").isDebugEnabled());

        // On the hub's own threads (its unrelocated Jetty in these tests) nothing is boosted, so nothing feeds back.
        boolean[] onHubThread = new boolean[1];
        Thread hubThread = new Thread(() -> onHubThread[0] = context.getLogger("org.eclipse.jetty.io.ManagedSelector")
                .isDebugEnabled(), "webconsole-http-test");
        hubThread.start();
        hubThread.join(10_000);
        assertFalse(hubThread.isAlive());
        assertFalse(onHubThread[0], "a boost does not cover what is logged on the hub's threads");

        context.getLogger("org.eclipse.jetty.server.Server").debug("the application's Jetty, boosted");
        JsonNode event = tab.eventWithMessage("the application's Jetty, boosted");
        assertEquals("org.eclipse.jetty.server.Server", event.path("logger").asText());
        assertFalse(read("app.log").contains("the application's Jetty, boosted"), "a boosted event reaches only the console");
    }

    @Test
    void theApplicationsOwnJettyAndJacksonCanBeBoostedByName() throws Exception {
        LoggerContext context = log4j.start(config("", ""));
        ControlTab tab = tab(context);
        // The hub's own Jetty and Jackson are relocated below dev.webconsole in the published jar: these are the application's.
        assertEquals("org.eclipse.jetty", tab.boost("org.eclipse.jetty", "DEBUG", 5).path("boosts").path(0).path("logger").asText());
        JsonNode levels = tab.boost("com.fasterxml.jackson", "TRACE", 5);
        assertEquals("com.fasterxml.jackson", levels.path("boosts").path(1).path("logger").asText(), levels::toString);
        assertTrue(context.getLogger("org.eclipse.jetty.server.Server").isDebugEnabled());
        assertTrue(context.getLogger("com.fasterxml.jackson.databind.ObjectMapper").isTraceEnabled());
        assertTrue(tab.otherFrames().isEmpty(), "no refusal: " + tab.otherFrames());
        context.getLogger("com.fasterxml.jackson.databind.ObjectMapper").trace("the application's Jackson, boosted");
        assertEquals("TRACE", tab.eventWithMessage("the application's Jackson, boosted").path("level").asText());
    }

    @Test
    void stoppingTheHubRevertsEveryBoost() throws Exception {
        LoggerContext context = log4j.start(config("", ""));
        ControlTab tab = tab(context);
        tab.boost("com.acme", "DEBUG", 60);
        tab.boost("org.shop", "TRACE", 60);
        ConsoleHub hub = Log4jFixture.hub(context);
        hub.stop();
        assertTrue(hub.boosts().isEmpty());
        assertFalse(context.getLogger("com.acme").isDebugEnabled());
        assertFalse(context.getLogger("org.shop").isTraceEnabled());
        assertNull(context.getConfiguration().getFilter());
        String audit = read("audit.log");
        assertTrue(audit.contains("WebConsole: the boost of com.acme at DEBUG ended because the hub stopped\n"), audit);
        assertTrue(audit.contains("WebConsole: the boost of org.shop at TRACE ended because the hub stopped\n"), audit);
    }
}
