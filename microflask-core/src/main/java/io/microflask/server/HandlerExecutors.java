package io.microflask.server;

import io.microflask.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where handlers run: never on the event loop. Virtual threads when the running JVM has them
 * (found by reflection, so the code still compiles for Java 17), else a bounded pool whose full
 * queue makes the server answer 503 instead of piling up work.
 */
public final class HandlerExecutors {
    private static final Logger log = LoggerFactory.getLogger(HandlerExecutors.class);

    private HandlerExecutors() {
    }

    /** Whether this JVM can create virtual threads. */
    public static boolean virtualThreadsAvailable() {
        return virtualThreadFactory() != null;
    }

    /** The executor handlers run on, as the settings and the JVM allow. */
    public static ExecutorService create(Settings settings) {
        if (settings.useVirtualThreads()) {
            ThreadFactory factory = virtualThreadFactory();
            if (factory != null) {
                log.debug("handlers run on virtual threads");
                return newThreadPerTask(factory);
            }
        }
        AtomicInteger count = new AtomicInteger();
        ThreadFactory platform = runnable -> {
            Thread thread = new Thread(runnable, "microflask-handler-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(settings.workerThreads(), settings.workerThreads(),
                60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(settings.workerQueue()), platform,
                new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        log.debug("handlers run on a pool of {} threads (virtual threads need Java 21+)", settings.workerThreads());
        return pool;
    }

    private static ThreadFactory virtualThreadFactory() {
        try {
            Method ofVirtual = Thread.class.getMethod("ofVirtual");
            Object builder = ofVirtual.invoke(null);
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            builder = builderType.getMethod("name", String.class, long.class).invoke(builder, "microflask-handler-", 1L);
            return (ThreadFactory) builderType.getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static ExecutorService newThreadPerTask(ThreadFactory factory) {
        try {
            Method method = java.util.concurrent.Executors.class.getMethod("newThreadPerTaskExecutor",
                    ThreadFactory.class);
            return (ExecutorService) method.invoke(null, factory);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads were found but no executor could be made for them", e);
        }
    }
}
