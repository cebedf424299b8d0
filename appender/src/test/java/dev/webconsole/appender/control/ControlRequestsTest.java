package dev.webconsole.appender.control;

import static dev.webconsole.appender.control.ControlTab.JSON;
import static dev.webconsole.appender.control.ControlTab.revert;
import static dev.webconsole.appender.control.ControlTab.setLevel;
import static dev.webconsole.appender.control.ControlTab.threadDump;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webconsole.appender.Log4jFixture;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Limits, refusals and thread dumps, through a real logger context and hub. */
class ControlRequestsTest {
    @RegisterExtension
    final Log4jFixture log4j = new Log4jFixture();

    private ControlTab tab(LoggerContext context) throws Exception {
        return new ControlTab(log4j.connect(context, ""));
    }

    private LoggerContext start(String attributes) throws Exception {
        return log4j.start(Log4jFixture.config("port=\"0\" " + attributes, "info"));
    }

    @Test
    void everyBadRequestGetsAnErrorNamingTheFieldAndChangesNothing() throws Exception {
        LoggerContext context = start("");
        ControlTab tab = tab(context);
        Map<ObjectNode, String> bad = new LinkedHashMap<>();
        bad.put(setLevel("com.acme", "LOUD", 5), "set-level refused: \"level\" is \"LOUD\"; use one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL");
        bad.put(setLevel("com.acme", "DEBUG", 5).without("level"),
                "set-level refused: \"level\" is missing; use one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL");
        bad.put(setLevel("com.acme", "DEBUG", 0), "set-level refused: \"minutes\" is 0; use a whole number from 1 to 60");
        bad.put(setLevel("com.acme", "DEBUG", 61), "set-level refused: \"minutes\" is 61; use a whole number from 1 to 60");
        bad.put(setLevel("com.acme", "DEBUG", 5).put("minutes", 2.5), "set-level refused: \"minutes\" is 2.5; use a whole number from 1 to 60");
        bad.put(setLevel("  ", "DEBUG", 5), "set-level refused: \"logger\" is empty; name a logger prefix, such as com.acme.db"
                + " (the root logger cannot be boosted)");
        bad.put(setLevel("dev.webconsole.server", "DEBUG", 5), "set-level refused: \"logger\" dev.webconsole.server is one of the"
                + " hub's own loggers (dev.webconsole, webconsole), which never reach"
                + " the console; name one of the application's loggers");
        bad.put(setLevel("webconsole.control", "TRACE", 5), "set-level refused: \"logger\" webconsole.control is one of the");
        bad.put(setLevel("com.acme", "DEBUG", 5).put("source", ""), "set-level refused: \"source\" must be the name of a"
                + " publishing application, 1 to 200 characters; leave it out for the hub's own");
        bad.put(setLevel("com.acme", "DEBUG", 5).put("source", "orders"), "set-level refused: \"source\" orders is not"
                + " connected to this hub; no application publishes to it now");
        bad.put(ControlTab.threadDump().put("source", 7), "thread-dump refused: \"source\" must be the name of a");
        bad.put(setLevel("com.acme", "DEBUG", 5).set("context", JSON.createObjectNode().put("", "42")),
                "set-level refused: \"context\" has an empty key; name the context (MDC) key, such as {\"user\":\"42\"}");
        bad.put(setLevel("com.acme", "DEBUG", 5).set("context", JSON.createObjectNode().put("user", "42").put("order", "7")),
                "set-level refused: \"context\" must hold one key and its value, such as {\"user\":\"42\"}");
        bad.put(setLevel("com.acme", "DEBUG", 5).set("context", JSON.createObjectNode().put("user", 42)),
                "set-level refused: \"context\" value of \"user\" must be a string");
        bad.put(revert("com.acme"), "revert-level refused: \"logger\" com.acme has no active boost");
        for (Map.Entry<ObjectNode, String> request : bad.entrySet()) {
            tab.send(request.getKey());
            String error = tab.error();
            assertTrue(error.startsWith(request.getValue()), () -> request.getKey() + " got: " + error);
        }
        assertTrue(Log4jFixture.hub(context).boosts().isEmpty());
        assertNull(context.getConfiguration().getFilter());
        assertFalse(context.getLogger("com.acme").isDebugEnabled());
        assertTrue(tab.otherFrames().isEmpty(), tab.otherFrames()::toString);
        assertEquals(bad.size(), Log4jFixture.hub(context).stats().rejectedMessages());
    }

    @Test
    void atMostMaxBoostsAreActiveAndABoostOfTheSameLoggerReplacesIt() throws Exception {
        LoggerContext context = start("maxBoosts=\"2\"");
        ControlTab tab = tab(context);
        tab.boost("com.a", "DEBUG", 5);
        tab.boost("com.b", "DEBUG", 5);
        tab.send(setLevel("com.c", "DEBUG", 5));
        assertEquals("set-level refused: 2 boosts are active, the most maxBoosts allows; revert one first", tab.error());
        assertFalse(context.getLogger("com.c").isDebugEnabled());

        JsonNode levels = tab.boost("com.b", "TRACE", 15);
        assertEquals(2, levels.path("boosts").size());
        assertEquals("TRACE", levels.path("boosts").path(1).path("level").asText());
        assertTrue(context.getLogger("com.b").isTraceEnabled());
        assertEquals("changed", tab.event(e -> e.path("context").path("action").asText().equals("changed"))
                .path("context").path("action").asText());
    }

    @Test
    void controlMessagesAreRateLimitedPerTab() throws Exception {
        LoggerContext context = start("");
        ControlTab tab = tab(context);
        for (int i = 0; i < 15; i++) {
            tab.send(revert("com.acme"));
            assertTrue(tab.error().contains("has no active boost"));
        }
        tab.send(setLevel("com.acme", "DEBUG", 5));
        assertEquals("set-level refused: too many control messages; at most 15 a minute per tab", tab.error());
        assertTrue(Log4jFixture.hub(context).boosts().isEmpty());
        ControlTab other = tab(context);
        other.send(setLevel("com.acme", "DEBUG", 5));
        assertEquals(1, other.levels().path("boosts").size(), "another tab has its own allowance");
    }

    @Test
    void controlOffRefusesEveryControlMessageAndHelloSaysSo() throws Exception {
        LoggerContext context = start("control=\"false\"");
        ControlTab tab = tab(context);
        assertFalse(tab.hello.path("control").asBoolean(true));
        for (ObjectNode message : new ObjectNode[] {setLevel("com.acme", "DEBUG", 5), revert("com.acme"), threadDump()}) {
            tab.send(message);
            assertEquals(message.path("type").asText() + " refused: control is off on this hub (control=\"false\", or a hub"
                    + " bound beyond loopback without control=\"true\")", tab.error());
        }
        assertFalse(context.getLogger("com.acme").isDebugEnabled());
        assertTrue(Log4jFixture.hub(context).boosts().isEmpty());
    }

    @Test
    void controlBeyondLoopbackWithoutATokenOrTlsIsRefusedWithTheFix() throws Exception {
        LoggerContext context = log4j.start(Log4jFixture.config("host=\"0.0.0.0\" port=\"0\" insecure=\"true\" control=\"true\"", "info"));
        assertNull(context.getConfiguration().getAppender("web"));
        assertTrue(log4j.status().stream().anyMatch(s -> s.contains("WebConsole appender \"web\": control=\"true\" on"
                + " host=\"0.0.0.0\" would let anyone who reaches the port change what the application logs: set"
                + " token=\"auto\" (or a token of your own) or configure TLS with keystore, or leave control off")),
                log4j.status()::toString);
    }

    @Test
    void aThreadDumpIsOneEventInTheStreamBetweenTheLinesAroundIt() throws Exception {
        LoggerContext context = start("");
        ControlTab tab = tab(context);
        context.getLogger("com.acme").info("before");
        long before = tab.eventWithMessage("before").path("seq").asLong();
        tab.send(threadDump());
        JsonNode dump = tab.event(e -> e.path("logger").asText().equals("webconsole.threads"));
        context.getLogger("com.acme").info("after");
        long after = tab.eventWithMessage("after").path("seq").asLong();
        assertEquals(before + 1, dump.path("seq").asLong());
        assertEquals(before + 2, after);
        assertEquals("INFO", dump.path("level").asText());
        assertTrue(dump.path("message").asText().matches("Thread dump: \\d+ threads, no deadlock \\(asked by 127\\.0\\.0\\.1:\\d+\\)"),
                dump::toString);
        assertEquals("thread dump", dump.path("thrown").path("type").asText());
        String text = dump.path("thrown").path("stack").asText();
        assertTrue(text.startsWith(dump.path("message").asText() + "\n"), text);
        assertTrue(text.contains("\"" + Thread.currentThread().getName() + "\" #" + Thread.currentThread().getId()), text);
        assertTrue(text.contains("java.lang.Thread.State: RUNNABLE"), text);
        assertTrue(text.contains("\"webconsole-dispatcher\""), text);
    }

    @Test
    void aDeadlockMakesTheDumpAnErrorNamingTheThreads() throws Exception {
        LoggerContext context = start("");
        ControlTab tab = tab(context);
        ReentrantLock first = new ReentrantLock();
        ReentrantLock second = new ReentrantLock();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        Thread a = lockInOrder("deadlock-a", first, second, bothHoldOne);
        Thread b = lockInOrder("deadlock-b", second, first, bothHoldOne);
        try {
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            Log4jFixture.awaitCondition(() -> threads.findDeadlockedThreads() != null, () -> "the two threads to deadlock");
            tab.send(threadDump());
            JsonNode dump = tab.event(e -> e.path("logger").asText().equals("webconsole.threads"));
            assertEquals("ERROR", dump.path("level").asText());
            String firstLine = dump.path("message").asText();
            assertTrue(firstLine.startsWith("Deadlock: "), firstLine);
            assertTrue(firstLine.contains("\"deadlock-a\" waits for java.util.concurrent.locks.ReentrantLock$NonfairSync@"), firstLine);
            assertTrue(firstLine.contains("held by \"deadlock-b\""), firstLine);
            assertTrue(firstLine.contains("\"deadlock-b\" waits for") && firstLine.contains("held by \"deadlock-a\""), firstLine);
            assertEquals("2", dump.path("context").path("deadlocked").asText());
            String stack = dump.path("thrown").path("stack").asText();
            assertTrue(stack.contains("Locked ownable synchronizers:"), stack);
            assertTrue(stack.contains("\"deadlock-a\" #" + a.getId() + " daemon"), stack);
        } finally {
            a.interrupt();
            b.interrupt();
            a.join(TimeUnit.SECONDS.toMillis(10));
            b.join(TimeUnit.SECONDS.toMillis(10));
        }
        assertFalse(a.isAlive() || b.isAlive(), "the deadlocked threads ended when interrupted");
    }

    /** A daemon thread that takes one lock, waits until the other thread has its own, then asks for the other's. */
    private static Thread lockInOrder(String name, ReentrantLock mine, ReentrantLock theirs, CountDownLatch bothHoldOne) {
        Thread t = new Thread(() -> {
            mine.lock();
            try {
                bothHoldOne.countDown();
                if (bothHoldOne.await(30, TimeUnit.SECONDS)) {
                    theirs.lockInterruptibly(); // never granted: the test interrupts it
                    theirs.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the test ends the deadlock this way
            } finally {
                mine.unlock();
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
