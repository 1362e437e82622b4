package io.microflask.server;

import java.util.AbstractQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The handler pool's queue: bounded, and sparing with wake-ups. {@link java.util.concurrent.ArrayBlockingQueue}
 * wakes a parked handler thread for every task; an event loop that reads twenty requests in one batch wakes
 * twenty threads, each a system call and a context switch, though one thread could take them in turn. Here a
 * task wakes a parked thread only when no woken thread is still on its way to the queue; a thread that takes a
 * task and leaves others behind wakes the next one before it runs its own. So while tasks wait, one thread more
 * than those running is always awake to take them: a handler that blocks never strands the tasks behind it, and
 * threads still join one by one up to the pool's size when handlers block (the go scheduler's "spinning
 * thread" rule).
 */
final class HandoffQueue extends AbstractQueue<Runnable> implements BlockingQueue<Runnable> {
    private final int capacity;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    /** Threads parked in {@link #take} or {@link #poll(long, TimeUnit)}. */
    private int parked;
    /** Parked threads signalled and not yet back: each of them takes a task, or leaves. */
    private int waking;

    HandoffQueue(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /** Under the lock: wakes one parked thread if tasks wait and none is already on its way. */
    private void wakeOneIfNeeded() {
        if (!tasks.isEmpty() && waking == 0 && parked > 0) {
            waking++;
            notEmpty.signal();
        }
    }

    @Override
    public boolean offer(Runnable task) {
        Objects.requireNonNull(task, "task");
        lock.lock();
        try {
            if (tasks.size() >= capacity) {
                return false;
            }
            tasks.addLast(task);
            wakeOneIfNeeded();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean offer(Runnable task, long timeout, TimeUnit unit) {
        return offer(task); // the pool offers without waiting; a full queue is a 503
    }

    @Override
    public void put(Runnable task) throws InterruptedException {
        if (!offer(task)) {
            throw new IllegalStateException("the handler queue is full (" + capacity + " tasks)");
        }
    }

    @Override
    public Runnable take() throws InterruptedException {
        return await(false, 0);
    }

    @Override
    public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
        return await(true, unit.toNanos(timeout));
    }

    /** Waits for a task, for at most {@code nanos} when {@code timed}; {@code null} when the time ran out. */
    private Runnable await(boolean timed, long nanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (tasks.isEmpty()) {
                if (timed && nanos <= 0) {
                    return null;
                }
                nanos = park(timed ? nanos : -1);
            }
            return takeFirst();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: waits for a signal ({@code nanos} < 0: without a time limit); returns the time left. */
    private long park(long nanos) throws InterruptedException {
        parked++;
        boolean interrupted = true;
        try {
            long left = -1;
            if (nanos < 0) {
                notEmpty.await();
            } else {
                left = notEmpty.awaitNanos(nanos);
            }
            interrupted = false;
            return left;
        } finally {
            parked--;
            // Whether signalled or not (a time-out, an interrupt), a thread that comes back is no longer
            // on its way; counting one too few only costs a wake-up more.
            if (waking > 0) {
                waking--;
            }
            if (interrupted) {
                // It may have been the one woken for a task: pass the wake-up on before leaving.
                wakeOneIfNeeded();
            }
        }
    }

    /** Under the lock, with a task there: takes it, and passes the wake-up on if others wait. */
    private Runnable takeFirst() {
        Runnable task = tasks.pollFirst();
        wakeOneIfNeeded();
        return task;
    }

    @Override
    public Runnable poll() {
        lock.lock();
        try {
            return tasks.isEmpty() ? null : takeFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Runnable peek() {
        lock.lock();
        try {
            return tasks.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return tasks.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int remainingCapacity() {
        lock.lock();
        try {
            return capacity - tasks.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean remove(Object task) {
        lock.lock();
        try {
            return tasks.remove(task);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int drainTo(Collection<? super Runnable> into) {
        return drainTo(into, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super Runnable> into, int max) {
        Objects.requireNonNull(into, "into");
        if (into == this) {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        lock.lock();
        try {
            int moved = 0;
            while (moved < max && !tasks.isEmpty()) {
                into.add(tasks.pollFirst());
                moved++;
            }
            return moved;
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot; its {@code remove} removes from the queue (the pool's {@code purge} uses it). */
    @Override
    public Iterator<Runnable> iterator() {
        Iterator<Runnable> snapshot;
        lock.lock();
        try {
            snapshot = new ArrayList<>(tasks).iterator();
        } finally {
            lock.unlock();
        }
        return new Iterator<>() {
            private Runnable last;

            @Override
            public boolean hasNext() {
                return snapshot.hasNext();
            }

            @Override
            public Runnable next() {
                last = snapshot.next();
                return last;
            }

            @Override
            public void remove() {
                if (last == null) {
                    throw new IllegalStateException("next() first");
                }
                HandoffQueue.this.remove(last);
                last = null;
            }
        };
    }
}
