package dev.webconsole.server.internal;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.util.thread.Scheduler;

/** Runs a task every period on Jetty's scheduler; cancel() drops the pending run, so nothing stays reachable. */
final class Periodic {
    private final Scheduler scheduler;
    private final long periodNanos;
    private final Runnable task;
    private final AtomicReference<Scheduler.Task> next = new AtomicReference<>();
    private volatile boolean cancelled;

    private Periodic(Scheduler scheduler, long periodNanos, Runnable task) {
        this.scheduler = scheduler;
        this.periodNanos = periodNanos;
        this.task = task;
    }

    /** Runs {@code task} every {@code period}, the first time one period from now, until {@link #cancel()}. */
    static Periodic every(Scheduler scheduler, Duration period, Runnable task) {
        Periodic periodic = new Periodic(scheduler, period.toNanos(), task);
        periodic.next.set(scheduler.schedule(periodic::run, periodic.periodNanos, TimeUnit.NANOSECONDS));
        return periodic;
    }

    private void run() {
        if (cancelled) {
            return;
        }
        task.run();
        try {
            next.set(scheduler.schedule(this::run, periodNanos, TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException stopping) {
            cancelled = true; // the hub is stopping; its tabs are being closed
            return;
        }
        if (cancelled) {
            cancel(); // a cancel that raced with this run must not leave the new schedule behind
        }
    }

    void cancel() {
        cancelled = true;
        Scheduler.Task pending = next.get();
        if (pending != null) {
            pending.cancel();
        }
    }
}
