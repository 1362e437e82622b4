package io.microflask.run;

import io.microflask.RunningServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ctrl+C (SIGINT) and SIGTERM stop a running server gracefully: no new connections, requests in
 * flight finish within {@code Settings.shutdownTimeout()}, then {@code run} returns and the
 * program ends with exit code 0. A second signal (half a second or more later) stops at once, with
 * exit code 128 + the signal's number.
 *
 * <p>Why signal handlers and not only a shutdown hook: the JVM ends a process killed by a signal
 * with exit code 130 or 143 even when every hook finished cleanly, and a clean stop should
 * look clean to scripts and IDEs. {@code sun.misc.Signal} is the only JDK API for that; where it
 * is refused (e.g. {@code -Xrs}) the shutdown hook that {@code run} also installs still drains.
 */
public final class ShutdownSignals implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ShutdownSignals.class);
    private static final ConsoleLog console = ConsoleLog.of(ShutdownSignals.class);
    private static final Map<String, String> SIGNALS = Map.of("INT", "Ctrl+C", "TERM", "SIGTERM");
    /** A second signal sooner than a person can press Ctrl+C twice is a duplicate delivery. */
    private static final long REPEAT_IS_THE_SAME_REQUEST = TimeUnit.MILLISECONDS.toNanos(500);

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    private ShutdownSignals() {
    }

    /** Makes SIGINT and SIGTERM close {@code server}; {@link #close()} puts the previous handlers back. */
    public static ShutdownSignals install(RunningServer server, java.time.Duration shutdownTimeout) {
        ShutdownSignals installed = new ShutdownSignals();
        AtomicLong firstSignalAt = new AtomicLong();
        SignalHandler handler = signal -> {
            String name = SIGNALS.getOrDefault(signal.getName(), "SIG" + signal.getName());
            long now = System.nanoTime();
            if (firstSignalAt.compareAndSet(0, now)) {
                console.info("{} received: stopping. No new connections; requests in flight get up to {} to finish "
                        + "(press Ctrl+C again to stop at once)", name, Banner.describe(shutdownTimeout));
                Thread closer = new Thread(server::close, "microflask-shutdown");
                closer.start();
            } else if (now - firstSignalAt.get() < REPEAT_IS_THE_SAME_REQUEST) {
                // Wrappers such as timeout(1) signal both the process and its group: one request, not two.
                log.debug("{} received again at once; taken as the same request to stop", name);
            } else {
                console.warn("{} received again: stopping now, without waiting for requests in flight", name);
                System.exit(128 + signal.getNumber());
            }
        };
        for (String signalName : SIGNALS.keySet()) {
            try {
                Signal signal = new Signal(signalName);
                installed.previous.put(signal, Signal.handle(signal, handler));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                log.debug("cannot handle SIG{} ({}); the shutdown hook drains requests instead", signalName,
                        e.toString());
            }
        }
        return installed;
    }

    @Override
    public void close() {
        previous.forEach((signal, handler) -> {
            try {
                Signal.handle(signal, handler);
            } catch (IllegalArgumentException e) {
                log.debug("could not restore the handler of SIG{}", signal.getName());
            }
        });
    }
}
