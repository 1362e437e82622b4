package io.microflask.dispatch;

import io.microflask.Request;
import io.microflask.Settings;
import io.microflask.util.LogSafe;

/**
 * The one decision whether a request may be shown debug details, behind
 * {@link Request#mayShowDebugDetails()}: debug mode, a client on this machine (or
 * {@code showDebugToRemoteClients}), and a Host that names this machine (or one of
 * {@code debugHosts}). Werkzeug 3.0.3 added the Host half against DNS rebinding.
 */
final class DebugAccess {
    private DebugAccess() {
    }

    /** {@code null} when {@code request} may see debug details, else why not, for the log. */
    static String refusal(boolean debug, Settings settings, Request request) {
        if (!debug) {
            return "debug mode is off";
        }
        if (request == null) {
            return "the request could not be parsed";
        }
        if (!request.isLocalClient() && !settings.showDebugToRemoteClients()) {
            return "only clients on this machine see them (settings().showDebugToRemoteClients(true) changes that)";
        }
        if (!settings.isDebugHost(request.host())) {
            return "the request asked for host '" + LogSafe.text(request.host()) + "', and only localhost, "
                    + "127.0.0.1, [::1] and the hosts in settings().debugHosts(...) get them (a page on another "
                    + "site could reach this server through DNS rebinding; add the host there if you browse by it)";
        }
        return null;
    }
}
