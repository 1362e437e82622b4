package io.microflask.run;

import io.microflask.PortInUseException;
import io.microflask.RunningServer;
import io.microflask.Settings;

import java.util.function.IntFunction;

/**
 * Starts a server on the asked port or, when {@link Settings#fallbackToFreePort()} is on and the
 * port is taken, on the nearest free one. Off by default, as in Flask: a server that quietly moves
 * to another port surprises whoever expects it on the first one.
 */
public final class FreePortFallback {
    private static final ConsoleLog log = ConsoleLog.of(FreePortFallback.class);
    /** A suggested port can be taken between the check and the bind; after this many tries port 0 is used. */
    private static final int ATTEMPTS = 3;

    private FreePortFallback() {
    }

    /** Binds with {@code bind} on {@code port}, falling back as the settings say. */
    public static RunningServer start(Settings settings, int port, IntFunction<RunningServer> bind) {
        try {
            return bind.apply(port);
        } catch (PortInUseException inUse) {
            if (!settings.fallbackToFreePort()) {
                throw inUse;
            }
            PortInUseException last = inUse;
            for (int attempt = 1; ; attempt++) {
                int next = attempt < ATTEMPTS ? last.suggestedPort().orElse(0) : 0;
                log.warn("{} is in use{}; fallbackToFreePort is on, so trying {} instead",
                        Hosts.hostPort(last.host(), last.port()),
                        last.holder().map(holder -> " by " + holder.describe()).orElse(""),
                        next == 0 ? "a port the operating system picks" : "port " + next);
                try {
                    return bind.apply(next);
                } catch (PortInUseException again) {
                    if (next == 0) {
                        throw again;
                    }
                    last = again;
                }
            }
        }
    }
}
