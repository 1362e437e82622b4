package io.microflask.server;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandoffQueueTest {
    private static ThreadPoolExecutor pool(int threads, int queue) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new HandoffQueue(queue), runnable -> {
                    Thread thread = new Thread(runnable, "handoff-test");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** A task that says it runs, then blocks until {@code release}. */
    private static Runnable blocking(CountDownLatch running, CountDownLatch release) {
        return () -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void handlersThatBlockDoNotStrandTheTasksBehindThem() throws Exception {
        ThreadPoolExecutor pool = pool(4, 1000);
        try {
            pool.prestartAllCoreThreads(); // every task goes through the queue, as under load
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch blockersRunning = new CountDownLatch(3);
            CountDownLatch othersDone = new CountDownLatch(200);
            for (int i = 0; i < 3; i++) {
                pool.execute(blocking(blockersRunning, release));
            }
            for (int i = 0; i < 200; i++) {
                pool.execute(othersDone::countDown);
            }
            // Three threads block; the fourth must still be woken to run the 200 queued behind them.
            assertTrue(blockersRunning.await(30, TimeUnit.SECONDS), "the three blocking tasks all started");
            assertTrue(othersDone.await(30, TimeUnit.SECONDS), "the tasks behind the blocked ones ran");
            release.countDown();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyThreadJoinsWhenEveryHandlerBlocks() throws Exception {
        ThreadPoolExecutor pool = pool(8, 1000);
        try {
            pool.prestartAllCoreThreads();
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch running = new CountDownLatch(8);
            for (int i = 0; i < 8; i++) {
                pool.execute(blocking(running, release));
            }
            assertTrue(running.await(30, TimeUnit.SECONDS), "eight blocking tasks ran at once on eight threads");
            release.countDown();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tasksSubmittedFromManyThreadsAllRunOnce() throws Exception {
        ThreadPoolExecutor pool = pool(4, 100_000);
        try {
            AtomicInteger ran = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(4 * 5_000);
            List<Thread> submitters = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                Thread submitter = new Thread(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        pool.execute(() -> {
                            ran.incrementAndGet();
                            done.countDown();
                        });
                    }
                });
                submitters.add(submitter);
                submitter.start();
            }
            for (Thread submitter : submitters) {
                submitter.join();
            }
            assertTrue(done.await(60, TimeUnit.SECONDS), "every task ran");
            assertEquals(20_000, ran.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFullQueueRefusesAndShutdownNowHandsBackWhatWaited() throws Exception {
        ThreadPoolExecutor pool = pool(1, 2);
        try {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch running = new CountDownLatch(1);
            pool.execute(blocking(running, release));
            assertTrue(running.await(30, TimeUnit.SECONDS));
            pool.execute(() -> { });
            pool.execute(() -> { });
            assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }));
            assertEquals(2, pool.getQueue().size());
            assertEquals(2, pool.shutdownNow().size());
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "the interrupted worker left");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pollTimesOutAndTheIteratorRemovesFromTheQueue() throws Exception {
        HandoffQueue queue = new HandoffQueue(4);
        assertNull(queue.poll(1, TimeUnit.MILLISECONDS));
        Runnable a = () -> { };
        Runnable b = () -> { };
        assertTrue(queue.offer(a));
        assertTrue(queue.offer(b));
        var it = queue.iterator();
        it.next();
        it.remove();
        assertEquals(1, queue.size());
        assertEquals(b, queue.take());
        assertFalse(queue.remove(a));
        assertEquals(4, queue.remainingCapacity());
    }
}
