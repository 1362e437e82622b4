package io.microflask.run;

import io.microflask.PortHolder;
import io.microflask.PortInUseException;
import io.microflask.RunningServer;
import io.microflask.ServerStartException;
import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.function.IntFunction;
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

    /**
     * Binds with {@code bind} (the server's own start, which fails with the transport's
     * exception) and turns a failure into the exception {@link #explain} gives.
     */
    public static RunningServer bind(String host, int port, IntFunction<RunningServer> bind) {
        try {
            return bind.apply(port);
        } catch (Exception e) { // a server start rethrows the checked BindException undeclared
            throw explain(host, port, e);
        }
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
                PortHolder holder = lookup.find(port).orElse(null);
                return new PortInUseException(host, port, portInUse(host, port, holder, free), holder, free, failure);
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

    static String portInUse(String host, int port, PortHolder holder, OptionalInt suggested) {
        StringBuilder text = new StringBuilder();
        text.append("Cannot start: ").append(Hosts.hostPort(host, port))
                .append(" is already in use (another program is listening on port ").append(port).append(").\n");
        if (holder != null) {
            text.append("  Held by: ").append(holder.describe());
            if (holder.pid() == ProcessHandle.current().pid()) {
                text.append(" -- that is this very process: is the server started twice?");
            }
            text.append('\n');
        } else {
            text.append("  Held by: could not find out which process (it may belong to another user, or this system "
                    + "has no /proc). Look it up with:\n")
                    .append("      lsof -i :").append(port).append('\n')
                    .append("      ss -ltnp 'sport = :").append(port).append("'\n")
                    .append("    (prefix them with sudo to see other users' processes; on Windows: netstat -ano | "
                            + "findstr :").append(port).append(")\n");
        }
        if (suggested.isPresent()) {
            text.append("  Port ").append(suggested.getAsInt()).append(" is free (checked just now).\n");
        } else {
            text.append("  None of the ports near ").append(port).append(" is free; port 0 lets the operating system "
                    + "pick one.\n");
        }
        String newPort = suggested.isPresent() ? String.valueOf(suggested.getAsInt()) : "0";
        text.append("Fix it one of two ways:\n")
                .append("  1. use another port: --port ").append(newPort).append(", MICROFLASK_PORT=").append(newPort)
                .append(", or change the port given to run(...)")
                .append(" (app.settings().fallbackToFreePort(true) does this by itself)\n")
                .append("  2. stop the program that holds it: kill ")
                .append(holder != null ? String.valueOf(holder.pid()) : "<PID>")
                .append(holder != null ? "" : " (the PID that lsof or ss shows)");
        return text.toString();
    }
}
