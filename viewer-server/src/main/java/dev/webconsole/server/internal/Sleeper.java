package dev.webconsole.server.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Parks the dispatcher thread while it has nothing to do; the first producer or command after that
 * unparks it, and only that one pays for an unpark.
 */
final class Sleeper {
    private static final VarHandle SLEEPING;

    static {
        try {
            SLEEPING = MethodHandles.lookup().findVarHandle(Sleeper.class, "sleeping", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** True while the thread is parked or about to park; the first producer to see it wakes it. */
    private volatile boolean sleeping;
    private volatile Thread thread;

    /** The dispatcher thread, as it starts. */
    void attach(Thread dispatcher) {
        thread = dispatcher;
    }

    /**
     * Parks unless {@code stillIdle} says otherwise. It is checked after announcing the sleep: a
     * producer that claimed a slot before it saw the announcement is seen by the check.
     */
    void sleep(BooleanSupplier stillIdle) {
        sleeping = true;
        if (stillIdle.getAsBoolean()) {
            LockSupport.park(this);
        }
        sleeping = false;
    }

    /** Unparks the thread if it sleeps; many callers at once cost one unpark. */
    void wake() {
        if (sleeping && SLEEPING.compareAndSet(this, true, false)) {
            LockSupport.unpark(thread);
        }
    }

    /** Unparks the thread whether it sleeps or not: it is to stop. */
    void rouse() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
