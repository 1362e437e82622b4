package io.microflask.run;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.OptionalInt;

/** What a TCP port may be, and whether one is free to listen on. */
public final class Ports {
    /** Largest TCP port number. */
    public static final int MAX_PORT = 65535;
    /** Ports below this are privileged: binding them needs root or CAP_NET_BIND_SERVICE on Linux. */
    public static final int FIRST_UNPRIVILEGED_PORT = 1024;
    /** How many ports above (then below) a busy one are tried when looking for a free one. */
    static final int SEARCH_DISTANCE = 20;

    private Ports() {
    }

    /**
     * Checks that {@code port} is a TCP port number; an {@link IllegalArgumentException} naming the
     * valid range otherwise. Nothing is bound.
     */
    public static int validate(int port) {
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("port " + port + " is outside the valid range 0-" + MAX_PORT
                    + ": use 1024-49151 for a development server (5000 and 8080 are common), or 0 to let the "
                    + "operating system pick a free port");
        }
        return port;
    }

    /** Whether a server could listen on {@code host:port} right now (checked by binding and closing a socket). */
    public static boolean isFree(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1);
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * The nearest port to {@code busyPort} that is free on {@code host}: the ports above it first
     * (5001, 5002, ... as developers expect), then those below it, never crossing into the
     * privileged range from above it. Empty when none of the ports tried is free.
     */
    public static OptionalInt nearestFree(String host, int busyPort) {
        for (int candidate = busyPort + 1; candidate <= Math.min(MAX_PORT, busyPort + SEARCH_DISTANCE); candidate++) {
            if (isFree(host, candidate)) {
                return OptionalInt.of(candidate);
            }
        }
        int lowest = busyPort >= FIRST_UNPRIVILEGED_PORT ? FIRST_UNPRIVILEGED_PORT : 1;
        for (int candidate = busyPort - 1; candidate >= Math.max(lowest, busyPort - SEARCH_DISTANCE); candidate--) {
            if (isFree(host, candidate)) {
                return OptionalInt.of(candidate);
            }
        }
        return OptionalInt.empty();
    }
}
