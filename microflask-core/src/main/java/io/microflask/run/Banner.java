package io.microflask.run;

import io.microflask.util.ClientAllowList;
import io.microflask.util.Version;
import io.microflask.RunningServer;
import io.microflask.Settings;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code run} logs once the server listens: the mode, every URL it answers at and who can use
 * each, the warnings that binding every interface (or debug mode on a network) deserves, and how
 * to stop it. Logged through the {@code io.microflask.run.Banner} logger, one line per event, or
 * printed to the console when there is no SLF4J binding ({@link ConsoleLog}).
 */
public final class Banner {
    private static final ConsoleLog log = ConsoleLog.of(Banner.class);

    private Banner() {
    }

    /** One line of the banner; {@code warning} lines are logged at WARN. */
    public record Line(boolean warning, String text) {
    }

    /** Logs the banner for a server started without overrides. */
    public static void print(RunningServer server, Settings settings) {
        print(server, settings, RunOptions.of(server.host(), server.port(), server.debug()));
    }

    /** Logs the banner for a server started from {@code options}. */
    public static void print(RunningServer server, Settings settings, RunOptions options) {
        for (Line line : lines(server, settings, options, LanAddresses.find())) {
            if (line.warning()) {
                log.warn(line.text());
            } else {
                log.info(line.text());
            }
        }
    }

    /** The banner's lines, given this machine's LAN addresses. */
    public static List<Line> lines(RunningServer server, Settings settings, RunOptions options,
                                   List<LanAddresses.LanAddress> lanAddresses) {
        List<Line> lines = new ArrayList<>();
        String host = server.host();
        int port = server.port();
        boolean debug = server.debug();
        lines.add(info("microflask " + Version.current() + " in " + (debug
                ? "debug mode: detailed error pages for this machine, reload on change. Never use it in production."
                : "production mode (debug off). For debug mode: --debug or " + Environment.DEBUG_VARIABLE + "=1.")));
        if (!options.overrides().isEmpty()) {
            lines.add(info(" * Set outside the code: " + String.join(", ", options.overrides())));
        }
        if (options.port() == 0) {
            lines.add(info(" * Port 0 was asked: the operating system picked port " + port));
        }
        boolean reachableFromNetwork;
        if (Hosts.isWildcard(host)) {
            reachableFromNetwork = true;
            boolean ipv6 = host.contains(":");
            lines.add(info(" * Running on all addresses (" + (host.isBlank() ? "0.0.0.0" : host) + "), port " + port
                    + ":"));
            lines.add(info(" *   " + Hosts.url(ipv6 ? "::1" : "127.0.0.1", port) + "  - from this machine only"));
            for (LanAddresses.LanAddress lan : lanAddresses) {
                lines.add(info(" *   " + Hosts.url(lan.address(), port)
                        + "  - from other devices on the same network (" + lan.interfaceName() + ")"));
            }
            if (lanAddresses.isEmpty()) {
                lines.add(info(" *   (no network interface but loopback is up: other devices cannot reach this "
                        + "machine now)"));
            }
            if (settings.clientAllowList().isEmpty()) {
                lines.add(warn(" * WARNING: any device that can reach this machine can reach this server. To restrict "
                        + "it: bind 127.0.0.1 (--host 127.0.0.1) to keep it on this machine, block port " + port
                        + " in a firewall, or accept only some clients with "
                        + "app.settings().allowClients(ClientAllowList.localNetworks())."));
            }
        } else if (Hosts.isLoopback(host)) {
            reachableFromNetwork = false;
            lines.add(info(" * Running on " + Hosts.url(host, port) + "  - from this machine only; for other "
                    + "devices bind 0.0.0.0 (--host 0.0.0.0)"));
        } else {
            reachableFromNetwork = true;
            lines.add(info(" * Running on " + Hosts.url(host, port) + "  - from devices that can reach " + host
                    + " (not via 127.0.0.1)"));
        }
        settings.clientAllowList().ifPresent(allowList -> lines.add(info(" * Client allow-list active: only "
                + allowList + " may send requests; other clients get 403 and their connection is closed.")));
        if (debug && reachableFromNetwork) {
            lines.add(warn(" * !!! DEBUG MODE ON A NETWORK ADDRESS: debug mode reloads code and its error pages show "
                    + "stack traces, source code and request data."));
            if (settings.showDebugToRemoteClients()) {
                lines.add(warn(" * !!! settings().showDebugToRemoteClients(true) shows those pages to EVERY client: "
                        + "anyone who can reach this server can read your code. Never do this on a network you do "
                        + "not trust."));
            } else {
                lines.add(warn(" * !!! Detailed error pages go to clients on this machine only; other clients get the "
                        + "production page. Bind 127.0.0.1 unless other devices must reach this server."));
            }
        }
        lines.add(info(" * Press Ctrl+C to stop (requests in flight get up to " + describe(settings.shutdownTimeout()) + " to finish)"));
        return lines;
    }

    static String describe(java.time.Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static Line info(String text) {
        return new Line(false, text);
    }

    private static Line warn(String text) {
        return new Line(true, text);
    }
}
