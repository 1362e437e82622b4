package io.microflask.dispatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Names an event-loop handler that blocks, as Vert.x's blocked-thread checker does: while a
 * {@code @NonBlocking} route runs, its event-loop thread holds a slot with the start time; one
 * watchdog thread for the whole JVM looks at the slots and, for a run longer than the threshold,
 * logs the route and the thread's stack at that moment. The fast path costs a thread-local look-up
 * and two volatile writes.
 */
final class BlockedLoopGuard {
    private static final Logger log = LoggerFactory.getLogger(BlockedLoopGuard.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long PRODUCTION_QUIET_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final List<Slot> slots = new CopyOnWriteArrayList<>();
    private static final ThreadLocal<Slot> current = ThreadLocal.withInitial(BlockedLoopGuard::newSlot);
    private static volatile Thread watchdog;

    private final AppRuntime app;
    private final Map<String, Long> lastWarned = new ConcurrentHashMap<>();

    BlockedLoopGuard(AppRuntime app) {
        this.app = app;
    }

    /** What one event-loop thread is running. */
    private static final class Slot {
        final Thread thread = Thread.currentThread();
        volatile long started;
        volatile String route;
        volatile BlockedLoopGuard guard;
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
        slot.route = route;
        slot.guard = this;
        slot.started = System.nanoTime();
        return slot;
    }

    /** The route that {@link #enter} started has returned. */
    void exit(Object token) {
        ((Slot) token).started = 0;
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
        log.warn("{} has been running on event loop {} for {} ms, blocking it{}\n  {} stack:{}", route,
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
        while (true) {
            LockSupport.parkNanos(POLL_NANOS);
            long now = System.nanoTime();
            for (Slot slot : slots) {
                long started = slot.started;
                BlockedLoopGuard guard = slot.guard;
                if (started == 0 || guard == null || slot.reportedFor == started) {
                    continue;
                }
                long elapsed = now - started;
                if (elapsed >= guard.thresholdNanos()) {
                    StackTraceElement[] stack = slot.thread.getStackTrace();
                    if (slot.started == started) { // still the same run: the stack is its own
                        slot.reportedFor = started;
                        try {
                            guard.report(slot, slot.route, elapsed, stack);
                        } catch (RuntimeException e) {
                            // A logging failure must not stop the guard.
                        }
                    }
                }
            }
            if (!slots.isEmpty()) {
                slots.removeIf(slot -> !slot.thread.isAlive());
            }
        }
    }
}
