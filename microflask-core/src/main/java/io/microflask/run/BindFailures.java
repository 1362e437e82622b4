package io.microflask.run;

import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Turns the operating system's terse bind errors ("Address already in use", "Permission denied")
 * into a {@link ServerStartException} that says what happened and how to fix it.
 */
public final class BindFailures {
    private BindFailures() {
    }

    /**
     * The exception to throw for a failure to bind {@code host:port}: a {@link PortInUseException},
     * a {@link PrivilegedPortException}, another {@link ServerStartException}, or {@code failure}
     * itself (wrapped if checked) when it is not a bind failure.
     */
    public static RuntimeException explain(String host, int port, Throwable failure) {
        return explain(host, port, failure, new PortHolderLookup());
    }

    static RuntimeException explain(String host, int port, Throwable failure, PortHolderLookup lookup) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return new ServerStartException(host, port, "Cannot start: the host name '" + host
                        + "' given to run(...) cannot be resolved to an address. Use 127.0.0.1 (this machine only), "
                        + "0.0.0.0 (every interface) or one of this machine's addresses"
                        + knownAddresses() + ".", failure);
            }
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("address already in use") || message.contains("eaddrinuse")) {
                OptionalInt free = Ports.nearestFree(host, port);
                return new PortInUseException(host, port, lookup.find(port).orElse(null), free, failure);
            }
            if (message.contains("permission denied") || message.contains("eacces")) {
                if (port < Ports.FIRST_UNPRIVILEGED_PORT) {
                    return new PrivilegedPortException(host, port, failure);
                }
                return new ServerStartException(host, port, "Cannot start: permission denied to listen on "
                        + Hosts.hostPort(host, port) + " (a security policy such as SELinux, AppArmor or a sandbox "
                        + "forbids it). Try another port with --port, or check the policy.", failure);
            }
            if (message.contains("cannot assign requested address") || message.contains("eaddrnotavail")) {
                return new ServerStartException(host, port, "Cannot start: " + host + " is not an address of this "
                        + "machine, so nothing can listen on it. Use 127.0.0.1 (this machine only), 0.0.0.0 (every "
                        + "interface) or one of this machine's addresses" + knownAddresses() + ".", failure);
            }
        }
        if (isBindFailure(failure)) {
            return new ServerStartException(host, port, "Cannot start: could not listen on "
                    + Hosts.hostPort(host, port) + ": " + failure.getMessage(), failure);
        }
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }

    private static boolean isBindFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException || (cause instanceof java.io.IOException
                    && String.valueOf(cause.getMessage()).startsWith("bind("))) {
                return true;
            }
        }
        return false;
    }

    private static String knownAddresses() {
        String listed = LanAddresses.find().stream().map(LanAddresses.LanAddress::address)
                .collect(Collectors.joining(", "));
        return listed.isEmpty() ? "" : " (" + listed + ")";
    }
}
