package io.microflask.run;

import io.microflask.util.ClientAllowList;
import io.microflask.util.Version;
import io.microflask.RunningServer;
import io.microflask.Settings;
import io.microflask.server.NettyServer;
import io.microflask.tls.TlsIdentity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code run} logs once the server listens: the mode, every URL it answers at and who can use
 * each, the warnings that binding every interface (or debug mode on a network) deserves, and how
 * to stop it; over HTTPS the certificate's fingerprint and validity, and in a terminal a QR code
 * of each LAN URL for a phone's camera. Logged through the {@code io.microflask.run.Banner}
 * logger, one line per event, or printed to the console when there is no SLF4J binding
 * ({@link ConsoleLog}).
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
        for (Line line : lines(server, settings, options, LanAddresses.find(), tlsOf(server),
                TerminalQrCodes.Terminal.detect())) {
            if (line.warning()) {
                log.warn(line.text());
            } else {
                log.info(line.text());
            }
        }
    }

    /** The banner's lines, given this machine's LAN addresses, as written where no terminal shows them. */
    public static List<Line> lines(RunningServer server, Settings settings, RunOptions options,
                                   List<LanAddresses.LanAddress> lanAddresses) {
        return lines(server, settings, options, lanAddresses, tlsOf(server), TerminalQrCodes.Terminal.none());
    }

    /** The certificate a server started by microflask serves, or {@code null} for cleartext. */
    static TlsIdentity tlsOf(RunningServer server) {
        return server instanceof NettyServer netty && netty.tls() != null ? netty.tls().identity() : null;
    }

    static List<Line> lines(RunningServer server, Settings settings, RunOptions options,
                            List<LanAddresses.LanAddress> lanAddresses, TlsIdentity tls,
                            TerminalQrCodes.Terminal terminal) {
        List<Line> lines = new ArrayList<>();
        String scheme = tls != null ? "https" : "http";
        List<String> lanUrls = new ArrayList<>();
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
            lines.add(info(" *   " + Hosts.url(scheme, ipv6 ? "::1" : "127.0.0.1", port)
                    + "  - from this machine only"));
            for (LanAddresses.LanAddress lan : lanAddresses) {
                lanUrls.add(Hosts.url(scheme, lan.address(), port));
                lines.add(info(" *   " + Hosts.url(scheme, lan.address(), port)
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
            lines.add(info(" * Running on " + Hosts.url(scheme, host, port) + "  - from this machine only; for other "
                    + "devices bind 0.0.0.0 (--host 0.0.0.0)"));
        } else {
            reachableFromNetwork = true;
            lanUrls.add(Hosts.url(scheme, host, port));
            lines.add(info(" * Running on " + Hosts.url(scheme, host, port) + "  - from devices that can reach " + host
                    + " (not via 127.0.0.1)"));
        }
        if (tls != null) {
            int redirectPort = server instanceof NettyServer netty ? netty.redirectPort() : -1;
            HttpsBanner.lines(tls, redirectPort).forEach(text -> lines.add(info(text)));
        }
        qrCodes(lanUrls, settings, terminal, lines);
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

    /**
     * A QR code under each LAN URL when the terminal can show one, else one plain line saying why
     * not; nothing when no URL is for other devices.
     */
    private static void qrCodes(List<String> lanUrls, Settings settings, TerminalQrCodes.Terminal terminal,
                                List<Line> lines) {
        if (lanUrls.isEmpty()) {
            return;
        }
        Optional<String> whyNot = TerminalQrCodes.whyNot(settings.terminalQrCodes(), terminal,
                TerminalQrCodes.libraryPresent());
        if (whyNot.isPresent()) {
            lines.add(info(" * No QR code of the LAN URLs for a phone's camera (" + whyNot.get()
                    + "): type the URL into the phone's browser"));
            return;
        }
        for (String lanUrl : lanUrls) {
            Optional<List<String>> rows = TerminalQrCodes.draw(lanUrl);
            // The rows start on a line of their own so that a log pattern's prefix does not shear the code.
            lines.add(info(rows.map(r -> " * Scan with a phone's camera to open " + lanUrl + "\n"
                    + String.join("\n", r)).orElse(" * (" + lanUrl + " is too long for a QR code)")));
        }
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
