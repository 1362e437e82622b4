package io.microflask.run;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Another socket already listens on the port. Carries what a program needs to react: the port,
 * the process holding it (when it could be found) and a port that was free when checked.
 */
public final class PortInUseException extends ServerStartException {
    private static final long serialVersionUID = 1L;

    private final transient PortHolder holder;
    private final int suggestedPort;

    public PortInUseException(String host, int port, PortHolder holder, OptionalInt suggestedPort, Throwable cause) {
        super(host, port, explain(host, port, holder, suggestedPort), cause);
        this.holder = holder;
        this.suggestedPort = suggestedPort.orElse(-1);
    }

    /** The process listening on the port, when it could be found. */
    public Optional<PortHolder> holder() {
        return Optional.ofNullable(holder);
    }

    /** The nearest port that was free when checked, if any of those tried was. */
    public OptionalInt suggestedPort() {
        return suggestedPort < 0 ? OptionalInt.empty() : OptionalInt.of(suggestedPort);
    }

    private static String explain(String host, int port, PortHolder holder, OptionalInt suggested) {
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
