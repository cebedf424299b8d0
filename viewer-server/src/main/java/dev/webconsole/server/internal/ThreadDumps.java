package dev.webconsole.server.internal;

import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.Severity;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A thread dump of this JVM as one console event. The message is a one-line summary; the dump
 * itself (every thread with its state, stack, the locks it holds and the one it waits for, in the
 * layout of {@code jstack}) is the event's {@code thrown.stack}, with {@code thrown.type} "thread
 * dump", so a console shows it the way it shows a stack trace: one row that expands. A deadlock found
 * by {@link ThreadMXBean#findDeadlockedThreads()} makes the event an ERROR whose message names the
 * threads and the locks.
 */
final class ThreadDumps {
    /** The logger name the dump event carries. */
    static final String LOGGER = "webconsole.threads";
    /** The {@code thrown.type} of the dump event. */
    static final String TYPE = "thread dump";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    /** Takes a dump now. */
    ConsoleEvent take(String requestedBy) {
        ThreadInfo[] all = threads.dumpAllThreads(threads.isObjectMonitorUsageSupported(),
                threads.isSynchronizerUsageSupported());
        long[] deadlocked = threads.findDeadlockedThreads();
        List<ThreadInfo> stuck = new ArrayList<>();
        if (deadlocked != null) {
            for (ThreadInfo info : threads.getThreadInfo(deadlocked, true, true)) {
                if (info != null) {
                    stuck.add(info);
                }
            }
        }
        String summary = (stuck.isEmpty()
                ? "Thread dump: " + all.length + " threads, no deadlock"
                : "Deadlock: " + deadlockLine(stuck) + "; thread dump: " + all.length + " threads")
                + " (asked by " + requestedBy + ")";
        StringBuilder text = new StringBuilder(summary).append('\n');
        for (ThreadInfo info : all) {
            append(text, info);
        }
        Map<String, String> context = new LinkedHashMap<>();
        context.put("threads", String.valueOf(all.length));
        context.put("deadlocked", String.valueOf(stuck.size()));
        context.put("by", requestedBy);
        boolean deadlock = !stuck.isEmpty();
        return new ConsoleEvent(System.currentTimeMillis(), deadlock ? "ERROR" : "INFO",
                deadlock ? Severity.ERROR : Severity.INFO, LOGGER, Thread.currentThread().getName(),
                summary, new ConsoleEvent.ThrownInfo(TYPE, null, text.toString()), context, null, null);
    }

    private static String deadlockLine(List<ThreadInfo> stuck) {
        List<String> parts = new ArrayList<>();
        for (ThreadInfo info : stuck) {
            parts.add("\"" + info.getThreadName() + "\" waits for " + info.getLockName()
                    + " held by \"" + info.getLockOwnerName() + "\"");
        }
        return String.join(", ", parts);
    }

    /** One thread as jstack prints it; the stack is complete, not cut at eight frames as ThreadInfo.toString does. */
    private static void append(StringBuilder out, ThreadInfo info) {
        out.append('\n').append('"').append(info.getThreadName()).append("\" #").append(info.getThreadId());
        if (info.isDaemon()) {
            out.append(" daemon");
        }
        out.append(" prio=").append(info.getPriority()).append('\n');
        out.append("   java.lang.Thread.State: ").append(info.getThreadState()).append('\n');
        StackTraceElement[] stack = info.getStackTrace();
        MonitorInfo[] monitors = info.getLockedMonitors();
        for (int depth = 0; depth < stack.length; depth++) {
            out.append("\tat ").append(stack[depth]).append('\n');
            if (depth == 0 && info.getLockInfo() != null) {
                out.append("\t- ").append(waitVerb(info.getThreadState())).append(' ').append(lock(info.getLockInfo()));
                if (info.getLockOwnerName() != null) {
                    out.append(" owned by \"").append(info.getLockOwnerName()).append("\" #").append(info.getLockOwnerId());
                }
                out.append('\n');
            }
            for (MonitorInfo monitor : monitors) {
                if (monitor.getLockedStackDepth() == depth) {
                    out.append("\t- locked ").append(lock(monitor)).append('\n');
                }
            }
        }
        LockInfo[] synchronizers = info.getLockedSynchronizers();
        if (synchronizers.length > 0) {
            out.append("\n   Locked ownable synchronizers:\n");
            for (LockInfo s : synchronizers) {
                out.append("\t- ").append(lock(s)).append('\n');
            }
        }
    }

    private static String waitVerb(Thread.State state) {
        return state == Thread.State.BLOCKED ? "waiting to lock" : "waiting on";
    }

    private static String lock(LockInfo lock) {
        return "<0x" + Integer.toHexString(lock.getIdentityHashCode()) + "> (a " + lock.getClassName() + ")";
    }
}
