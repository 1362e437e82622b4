package io.microflask.dispatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Names an event-loop handler that blocks, as Vert.x's blocked-thread checker does: while a
 * {@code @NonBlocking} route runs, its event-loop thread holds a slot with the number of the run;
 * one watchdog thread for the whole JVM looks at the slots every few milliseconds (a quarter of the
 * lowest threshold) and, for a run it has seen for longer than the threshold, logs the route and
 * the thread's stack at that moment.
 *
 * <p>The fast path is a thread-local look-up and a few release stores, which are plain stores on
 * x86. It reads no clock: the watchdog times a run from the first poll that sees it, so a run is
 * reported up to one poll late, and its reported time is a lower bound. {@code
 * BlockedLoopGuardBenchmark} in bench/ measures what the guard costs a dispatch.
 */
final class BlockedLoopGuard {
    /**
     * False only with {@code -Dmicroflask.internal.noBlockedLoopGuard=true}, which exists for the JMH benchmark
     * that measures the guard's own cost on the fast path (bench's {@code BlockedLoopGuardBenchmark}). It is
     * not a setting: a constant, so that the JIT drops the guard's code entirely when it is off.
     */
    static final boolean ENABLED = !Boolean.getBoolean("microflask.internal.noBlockedLoopGuard");
    private static final Logger log = LoggerFactory.getLogger(BlockedLoopGuard.class);
    /**
     * The watchdog polls a quarter of the lowest threshold in use, between these bounds: 2.5 ms for
     * debug mode's 10 ms, 25 ms for production's 100 ms, so that it wakes 40 times a second rather than
     * 200 on a server whose core the event loop needs.
     */
    private static final long MIN_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(2500);
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    private static final long PRODUCTION_QUIET_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final List<Slot> slots = new CopyOnWriteArrayList<>();
    private static final ThreadLocal<Slot> current = ThreadLocal.withInitial(BlockedLoopGuard::newSlot);
    private static volatile Thread watchdog;

    private final AppRuntime app;
    private final Map<String, Long> lastWarned = new ConcurrentHashMap<>();

    BlockedLoopGuard(AppRuntime app) {
        this.app = app;
    }

    private static final VarHandle RUN;
    private static final VarHandle ROUTE;
    private static final VarHandle GUARD;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RUN = lookup.findVarHandle(Slot.class, "run", long.class);
            ROUTE = lookup.findVarHandle(Slot.class, "route", String.class);
            GUARD = lookup.findVarHandle(Slot.class, "guard", BlockedLoopGuard.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * What one event-loop thread is running. The loop thread writes {@code route}, {@code guard} and
     * {@code run} with release stores (0 while nothing runs, else the run's number); the watchdog
     * reads them with acquire loads and trusts what it read only if {@code run} has not changed since.
     */
    private static final class Slot {
        final Thread thread = Thread.currentThread();
        /** The loop thread's own count of runs; only it reads and writes this. */
        long runs;
        long run;
        String route;
        BlockedLoopGuard guard;
        /** The watchdog's own fields: the run it last saw, when it first saw it, the run it reported. */
        long seenRun;
        long seenAt;
        long reportedFor;
    }

    private static Slot newSlot() {
        Slot slot = new Slot();
        slots.add(slot);
        startWatchdog();
        return slot;
    }

    /** A non-blocking route starts running on this thread; returns the slot to pass to {@link #exit}. */
    Object enter(String route) {
        Slot slot = current.get();
        ROUTE.setRelease(slot, route);
        GUARD.setRelease(slot, this);
        RUN.setRelease(slot, ++slot.runs);
        return slot;
    }

    /** The route that {@link #enter} started has returned. */
    void exit(Object token) {
        RUN.setRelease((Slot) token, 0L);
    }

    private long thresholdNanos() {
        Duration threshold = app.debug() ? Duration.ofMillis(10) : app.settings().blockedLoopThreshold();
        return threshold.toNanos();
    }

    private void report(Slot slot, String route, long elapsedNanos, StackTraceElement[] stack) {
        boolean debug = app.debug();
        long now = System.nanoTime();
        if (!debug) {
            Long last = lastWarned.get(route);
            if (last != null && now - last < PRODUCTION_QUIET_NANOS) {
                return;
            }
            lastWarned.put(route, now);
        }
        StringBuilder trace = new StringBuilder();
        for (StackTraceElement frame : stack) {
            trace.append("\n        at ").append(frame);
        }
        String fix = debug ? "\n  It is marked @NonBlocking, so it runs on the event loop, where every other request of "
                + "this connection's loop waits for it. Remove @NonBlocking from it (it then runs on a handler "
                + "thread, where blocking is fine), or return a CompletionStage and do the waiting elsewhere, e.g. "
                + "CompletableFuture.supplyAsync(() -> ..., executor)." : " (settings().blockedLoopThreshold(); this "
                + "route is warned about at most once a minute)";
        log.warn("{} has been running on event loop {} for at least {} ms, blocking it{}\n  {} stack:{}", route,
                slot.thread.getName(), TimeUnit.NANOSECONDS.toMillis(elapsedNanos), fix, slot.thread.getName(),
                trace);
    }

    private static synchronized void startWatchdog() {
        if (watchdog != null) {
            return;
        }
        Thread thread = new Thread(BlockedLoopGuard::watch, "microflask-blocked-loop-guard");
        thread.setDaemon(true);
        thread.start();
        watchdog = thread;
    }

    private static void watch() {
        long poll = MIN_POLL_NANOS;
        while (true) {
            LockSupport.parkNanos(poll);
            long now = System.nanoTime();
            long lowest = Long.MAX_VALUE;
            for (Slot slot : slots) {
                // run first: the guard and route read after it are at least as new as that run's (release order).
                long run = (long) RUN.getAcquire(slot);
                BlockedLoopGuard guard = (BlockedLoopGuard) GUARD.getAcquire(slot);
                if (guard == null) {
                    continue;
                }
                long threshold = guard.thresholdNanos();
                lowest = Math.min(lowest, threshold);
                if (run == 0) {
                    continue;
                }
                if (run != slot.seenRun) {
                    slot.seenRun = run;
                    slot.seenAt = now;
                    continue;
                }
                String route = (String) ROUTE.getAcquire(slot);
                long elapsed = now - slot.seenAt;
                if (slot.reportedFor == run || elapsed < threshold) {
                    continue;
                }
                StackTraceElement[] stack = slot.thread.getStackTrace();
                if ((long) RUN.getAcquire(slot) == run) { // still the same run: the route and the stack are its own
                    slot.reportedFor = run;
                    try {
                        guard.report(slot, route, elapsed, stack);
                    } catch (RuntimeException e) {
                        // A logging failure must not stop the guard.
                    }
                }
            }
            if (!slots.isEmpty()) {
                slots.removeIf(slot -> !slot.thread.isAlive());
            }
            poll = Math.max(MIN_POLL_NANOS, Math.min(MAX_POLL_NANOS, lowest / 4));
        }
    }
}
