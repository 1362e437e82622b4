package io.microflask.server;

import io.microflask.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where handlers run: never on the event loop. Virtual threads when the running JVM has them
 * (found by reflection, so the code still compiles for Java 17), else a bounded pool whose full
 * queue makes the server answer 503 instead of piling up work, and whose queue ({@link HandoffQueue})
 * wakes a parked thread only when no woken one is on its way.
 */
public final class HandlerExecutors {
    private static final Logger log = LoggerFactory.getLogger(HandlerExecutors.class);

    private HandlerExecutors() {
    }

    /** Whether this JVM can create virtual threads. */
    public static boolean virtualThreadsAvailable() {
        return virtualThreadFactory("microflask-probe-") != null;
    }

    /** The executor handlers run on, as the settings and the JVM allow. */
    public static ExecutorService create(Settings settings) {
        return create(settings, settings.workerThreads(), "microflask-handler-", "handlers");
    }

    /**
     * The executor streamed bodies run on: apart from the handlers', so that streams whose
     * clients read slowly (each holding a thread until its write timeout) cannot starve ordinary
     * requests.
     */
    public static ExecutorService createForStreams(Settings settings) {
        return create(settings, settings.streamThreads(), "microflask-stream-", "streamed bodies");
    }

    private static ExecutorService create(Settings settings, int threads, String namePrefix, String what) {
        if (settings.useVirtualThreads()) {
            ThreadFactory factory = virtualThreadFactory(namePrefix);
            if (factory != null) {
                log.debug("{} run on virtual threads", what);
                return newThreadPerTask(factory);
            }
        }
        AtomicInteger count = new AtomicInteger();
        ThreadFactory platform = runnable -> {
            Thread thread = new Thread(runnable, namePrefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads,
                60, TimeUnit.SECONDS, new HandoffQueue(settings.workerQueue()), platform,
                new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        log.debug("{} run on a pool of {} threads (virtual threads need Java 21+)", what, threads);
        return pool;
    }

    private static ThreadFactory virtualThreadFactory(String namePrefix) {
        try {
            Method ofVirtual = Thread.class.getMethod("ofVirtual");
            Object builder = ofVirtual.invoke(null);
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            builder = builderType.getMethod("name", String.class, long.class).invoke(builder, namePrefix, 1L);
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
