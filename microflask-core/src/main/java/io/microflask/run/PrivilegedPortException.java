package io.microflask.run;

import io.microflask.ServerStartException;
/**
 * The operating system refused a port below 1024 to this process: those ports are reserved for
 * root (or, on Linux, a program with the CAP_NET_BIND_SERVICE capability).
 */
public final class PrivilegedPortException extends ServerStartException {
    private static final long serialVersionUID = 1L;

    /** A port below 1024 that this process may not bind. */
    public PrivilegedPortException(String host, int port, Throwable cause) {
        super(host, port, "Cannot start: permission denied to listen on " + Hosts.hostPort(host, port) + ".\n"
                + "  Ports below " + Ports.FIRST_UNPRIVILEGED_PORT + " (80, 443, ...) are privileged: only root, or on "
                + "Linux a program with the CAP_NET_BIND_SERVICE capability, may listen on them.\n"
                + "Fix it one of these ways:\n"
                + "  1. use a port of " + Ports.FIRST_UNPRIVILEGED_PORT + " or above: --port 5000 (or 8080)\n"
                + "  2. grant the capability to java: sudo setcap 'cap_net_bind_service=+ep' "
                + "\"$(readlink -f \"$(command -v java)\")\"\n"
                + "  3. keep the app on a high port and put a reverse proxy (nginx, Caddy) on port " + port,
                cause);
    }
}
