package dev.webconsole.appender.demo;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/**
 * A small "shop" that logs through {@code <WebConsole>} at a steady rate: several loggers in a
 * package tree, every level, MDC values, markers, and now and then an exception with a cause.
 *
 * <p>System properties: {@code demo.rate} events per second (default 20), {@code demo.seconds}
 * how long to run (default: until stopped), {@code webconsole.port} (default 7171). With
 * {@code demo.hub} (a hub's {@code ws://} address) and {@code demo.publisherToken}, it starts no hub:
 * each name in {@code demo.sources} (default {@code orders,billing,search}) is a shop with its own
 * LoggerContext and publishing appender, as that many applications would be, each at {@code demo.rate}.
 */
public final class DemoApp {
    private static final Marker SQL = MarkerManager.getMarker("SQL");
    private static final Marker AUDIT = MarkerManager.getMarker("AUDIT");
    private static final List<String> USERS = List.of("ann", "bob", "chen", "dana", "emil");
    private static final List<String> ITEMS = List.of("espresso beans", "grinder", "kettle", "filter papers", "mug");

    private final Random random = new Random();
    private final Logger web;
    private final Logger auth;
    private final Logger pool;
    private final Logger repo;
    private final Logger payment;
    private final Logger cache;
    private final Logger jobs;
    private final Logger health;
    private long orders;

    private DemoApp(LoggerContext context) {
        web = context.getLogger("com.acme.shop.web.OrderController");
        auth = context.getLogger("com.acme.shop.web.AuthFilter");
        pool = context.getLogger("com.acme.shop.db.ConnectionPool");
        repo = context.getLogger("com.acme.shop.db.OrderRepository");
        payment = context.getLogger("com.acme.shop.payment.CardGateway");
        cache = context.getLogger("com.acme.shop.cache.ProductCache");
        jobs = context.getLogger("com.acme.shop.jobs.NightlyReport");
        health = context.getLogger("com.acme.shop.health.Heartbeat");
    }

    public static void main(String[] args) throws InterruptedException {
        int rate = Integer.getInteger("demo.rate", 20);
        long seconds = Long.getLong("demo.seconds", 0);
        String hub = System.getProperty("demo.hub");
        List<LoggerContext> contexts = hub == null
                ? List.of(Configurator.initialize("webconsole-demo", "demo/log4j2-demo.xml"))
                : Arrays.stream(System.getProperty("demo.sources", "orders,billing,search").split(","))
                        .map(source -> publishing(hub, source.strip())).toList();
        System.err.println("WebConsole demo: logging " + rate + " events/s"
                + (contexts.size() > 1 ? " in each of " + contexts.size() + " shops" : "")
                + (seconds > 0 ? " for " + seconds + " s" : "; press Ctrl+C to stop")
                + ". Open the URL " + (hub == null ? "above" : "the hub printed")
                + "; open more tabs with other filters, e.g. ?logger=com.acme.shop.db, and boost it to DEBUG from the page");
        try {
            List<Thread> workers = new ArrayList<>();
            for (LoggerContext context : contexts) {
                workers.addAll(start(context, rate, seconds));
            }
            for (Thread worker : workers) {
                worker.join();
            }
        } finally {
            contexts.forEach(Configurator::shutdown);
        }
    }

    /** A shop that publishes to {@code hub} as {@code source}, with the embedded demo's levels. */
    private static LoggerContext publishing(String hub, String source) {
        String token = System.getProperty("demo.publisherToken");
        if (token == null) {
            throw new IllegalArgumentException("demo.hub is set but demo.publisherToken is not: give the hub's --publisher-token");
        }
        LoggerContext context = new LoggerContext("webconsole-demo-" + source);
        ConfigurationBuilder<BuiltConfiguration> config = ConfigurationBuilderFactory.newConfigurationBuilder();
        config.setLoggerContext(context); // its level boosts act there
        config.setConfigurationName("webconsole-demo-" + source);
        config.setStatusLevel(Level.WARN);
        config.add(config.newAppender("web", "WebConsole").addAttribute("hub", hub).addAttribute("source", source)
                .addAttribute("publisherToken", token));
        config.add(config.newLogger("com.acme.shop.db", Level.INFO));
        config.add(config.newRootLogger(Level.TRACE).add(config.newAppenderRef("web")));
        context.start(config.build());
        return context;
    }

    /** Logs from two request threads, as a small server would, until the time is up. */
    private static List<Thread> start(LoggerContext context, int rate, long seconds) {
        Thread[] workers = new Thread[2];
        for (int i = 0; i < workers.length; i++) {
            DemoApp shop = new DemoApp(context);
            int share = Math.max(1, rate / workers.length);
            workers[i] = new Thread(() -> {
                try {
                    shop.loop(share, seconds);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "http-exec-" + (i + 1));
            workers[i].start();
        }
        return List.of(workers);
    }

    private void loop(int rate, long seconds) throws InterruptedException {
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / Math.max(1, rate);
        long end = seconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds) : Long.MAX_VALUE;
        long next = System.nanoTime();
        while (System.nanoTime() < end) {
            logOne();
            next += periodNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }

    private void logOne() {
        String user = USERS.get(random.nextInt(USERS.size()));
        ThreadContext.put("user", user);
        ThreadContext.put("requestId", Long.toHexString(random.nextLong() & 0xffffffL));
        try {
            int roll = random.nextInt(100);
            if (roll < 25) {
                web.info("GET /orders/{} -> 200 in {} ms", 1000 + orders, 3 + random.nextInt(40));
            } else if (roll < 40) {
                repo.debug(SQL, "select * from orders where customer = ? [{}] took {} ms", user, random.nextInt(9));
            } else if (roll < 50) {
                cache.trace("cache {} for product '{}'", random.nextBoolean() ? "hit" : "miss",
                        ITEMS.get(random.nextInt(ITEMS.size())));
            } else if (roll < 58) {
                orders++;
                web.info(AUDIT, "order #{} placed by {}: {} x {}", orders, user, 1 + random.nextInt(3),
                        ITEMS.get(random.nextInt(ITEMS.size())));
            } else if (roll < 66) {
                pool.debug("pool stats: active={} idle={} waiting={}", random.nextInt(10), random.nextInt(5), random.nextInt(3));
            } else if (roll < 74) {
                auth.debug("session for {} refreshed", user);
            } else if (roll < 81) {
                health.trace("heartbeat ok");
            } else if (roll < 88) {
                pool.warn("connection wait {} ms exceeds 100 ms", 100 + random.nextInt(400));
            } else if (roll < 93) {
                payment.warn("card gateway slow: retry {}/3", 1 + random.nextInt(3));
            } else if (roll < 97) {
                payment.error("payment failed for order #" + orders, declined());
            } else if (roll < 99) {
                repo.error(SQL, "could not save order #" + orders, new IOException("write failed",
                        new SQLException("deadlock detected", "40P01")));
            } else {
                jobs.fatal("nightly report aborted\nstep 3 of 5: aggregate sales\nsee the cause below",
                        new TimeoutException("report query exceeded 30 s"));
            }
        } finally {
            ThreadContext.clearMap();
        }
    }

    /**
     * A card refusal as a web framework would hand it over: thrown in a handler that is called by
     * reflection, so its stack has a run of JDK frames between the application's (the page folds them).
     */
    private static Throwable declined() {
        try {
            DemoApp.class.getDeclaredMethod("charge").invoke(null);
            throw new AssertionError("charge() always throws");
        } catch (InvocationTargetException e) {
            return e.getCause();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the demo cannot call its own charge()", e);
        }
    }

    private static void charge() {
        throw new IllegalStateException("card declined", new SocketTimeoutException("read timed out after 5000 ms"));
    }
}
