package io.microflask.run;

import io.microflask.util.ClientAllowList;
import ch.qos.logback.classic.Level;
import io.microflask.App;
import io.microflask.Route;
import io.microflask.RunningServer;
import io.microflask.testsupport.LogCapture;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class BannerTest {

    public static class Hello {
        @Route("/")
        public String index() {
            return "hello";
        }
    }

    private static App app() {
        return App.withoutExtensionDiscovery().register(new Hello());
    }

    /** The addresses the banner must list, found independently of LanAddresses. */
    private static List<String> upNonLoopbackIpv4() throws Exception {
        List<String> addresses = new ArrayList<>();
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp()) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        addresses.add(address.getHostAddress());
                    }
                }
            }
        }
        return addresses;
    }

    @Test
    void loopbackBannerShowsTheUrlAsThisMachineOnlyAndHowToStop() {
        App app = app();
        try (RunningServer server = app.start("127.0.0.1", 0); LogCapture log = LogCapture.of(Banner.class)) {
            Banner.print(server, app.settings());
            String text = log.text();
            assertTrue(text.contains("production mode"), text);
            assertTrue(text.contains("Running on http://127.0.0.1:" + server.port() + "  - from this machine only"),
                    text);
            assertTrue(log.messages().get(log.messages().size() - 1).contains("Press Ctrl+C to stop"), text);
            assertTrue(log.messages(Level.WARN).isEmpty(), "no warning for loopback: " + log.messages(Level.WARN));
            assertFalse(text.contains("all addresses"), text);
        }
    }

    @Test
    void localhostCountsAsThisMachineOnly() {
        App app = app();
        try (RunningServer server = app.start("localhost", 0); LogCapture log = LogCapture.of(Banner.class)) {
            Banner.print(server, app.settings());
            assertTrue(log.text().contains("http://localhost:" + server.port() + "  - from this machine only"),
                    log.text());
            assertTrue(log.messages(Level.WARN).isEmpty(), log.text());
        }
    }

    @Test
    void wildcardBannerListsLoopbackAndEveryLanAddressThenWarns() throws Exception {
        App app = app();
        try (RunningServer server = app.start("0.0.0.0", 0); LogCapture log = LogCapture.of(Banner.class)) {
            Banner.print(server, app.settings());
            String text = log.text();
            int port = server.port();
            assertTrue(text.contains("Running on all addresses (0.0.0.0), port " + port), text);
            assertTrue(text.contains("http://127.0.0.1:" + port + "  - from this machine only"), text);
            for (String address : upNonLoopbackIpv4()) {
                assertTrue(text.contains("http://" + address + ":" + port + "  - from other devices on the same network"),
                        "missing " + address + " in\n" + text);
            }
            List<String> warnings = log.messages(Level.WARN);
            assertEquals(1, warnings.size(), text);
            String warning = warnings.get(0);
            assertTrue(warning.contains("any device that can reach this machine can reach this server"), warning);
            assertTrue(warning.contains("bind 127.0.0.1") && warning.contains("firewall")
                    && warning.contains("allowClients"), warning);
            // The order the issue asks for: mode, URLs, warning, how to stop.
            List<String> lines = log.messages();
            assertTrue(lines.indexOf(warning) > indexOfContaining(lines, "http://127.0.0.1:"), text);
            assertTrue(lines.get(lines.size() - 1).contains("Ctrl+C"), text);
        }
    }

    @Test
    void debugOnAllInterfacesWarnsLouder() {
        App app = app();
        try (RunningServer server = app.start("0.0.0.0", 0, true); LogCapture log = LogCapture.of(Banner.class)) {
            Banner.print(server, app.settings());
            String warnings = String.join("\n", log.messages(Level.WARN));
            assertTrue(log.text().contains("debug mode"), log.text());
            assertTrue(warnings.contains("DEBUG MODE ON A NETWORK ADDRESS"), warnings);
            assertTrue(warnings.contains("clients on this machine only"), warnings);
        }
    }

    @Test
    void debugOnAllInterfacesWithRemoteDebugPagesSaysAnyoneCanReadTheCode() {
        App app = app();
        app.settings().showDebugToRemoteClients(true);
        try (RunningServer server = app.start("0.0.0.0", 0, true); LogCapture log = LogCapture.of(Banner.class)) {
            Banner.print(server, app.settings());
            String warnings = String.join("\n", log.messages(Level.WARN));
            assertTrue(warnings.contains("showDebugToRemoteClients(true) shows those pages to EVERY client"), warnings);
        }
    }

    @Test
    void debugOnLoopbackHasNoNetworkWarning() {
        App app = app();
        try (RunningServer server = app.start("127.0.0.1", 0, true); LogCapture log = LogCapture.of(Banner.class)) {
            Banner.print(server, app.settings());
            assertTrue(log.text().contains("debug mode"), log.text());
            assertFalse(log.text().contains("DEBUG MODE ON A NETWORK ADDRESS"), log.text());
        }
    }

    @Test
    void oneLanAddressShowsThatUrl() throws Exception {
        List<String> lan = upNonLoopbackIpv4();
        assumeFalse(lan.isEmpty(), "this machine has no LAN address");
        App app = app();
        try (RunningServer server = app.start(lan.get(0), 0); LogCapture log = LogCapture.of(Banner.class)) {
            Banner.print(server, app.settings());
            String text = log.text();
            assertTrue(text.contains("Running on http://" + lan.get(0) + ":" + server.port()), text);
            assertTrue(text.contains("not via 127.0.0.1"), text);
            assertFalse(text.contains("all addresses"), text);
        }
    }

    @Test
    void portZeroShowsThePortTheSystemPickedAndOverridesAreNamed() {
        App app = app();
        RunOptions options = RunOptions.resolve(new String[] {"--port", "0"}, Environment.of(java.util.Map.of()), "127.0.0.1", 5000,
                false);
        try (RunningServer server = app.start(options.host(), options.port());
             LogCapture log = LogCapture.of(Banner.class)) {
            Banner.print(server, app.settings(), options);
            String text = log.text();
            assertTrue(server.port() > 0);
            assertTrue(text.contains("the operating system picked port " + server.port()), text);
            assertTrue(text.contains("Set outside the code: port 0 from --port"), text);
            assertTrue(text.contains("http://127.0.0.1:" + server.port()), text);
        }
    }

    @Test
    void activeAllowListIsAnnouncedInsteadOfTheOpenToEveryoneWarning() {
        App app = app();
        app.settings().allowClients(ClientAllowList.localNetworks());
        try (RunningServer server = app.start("0.0.0.0", 0); LogCapture log = LogCapture.of(Banner.class)) {
            Banner.print(server, app.settings());
            String text = log.text();
            assertTrue(text.contains("Client allow-list active: only 127.0.0.0/8, ::1/128, 10.0.0.0/8"), text);
            assertTrue(text.contains("other clients get 403"), text);
            assertTrue(log.messages(Level.WARN).isEmpty(), text);
        }
    }

    @Test
    void noLanAddressSaysOtherDevicesCannotReachThisMachine() {
        App app = app();
        try (RunningServer server = app.start("0.0.0.0", 0)) {
            List<Banner.Line> lines = Banner.lines(server, app.settings(), RunOptions.of("0.0.0.0", 0, false),
                    List.of());
            assertTrue(lines.stream().anyMatch(line -> line.text().contains("other devices cannot reach this machine")),
                    lines.toString());
        }
    }

    @Test
    void runWithMicroflaskHostOnAllInterfacesPrintsLanUrlsAndTheWarning() throws Exception {
        try (ChildJvm child = ChildJvm.start(SampleMain.class,
                java.util.Map.of("MICROFLASK_HOST", "0.0.0.0", "MICROFLASK_PORT", "0"))) {
            child.awaitLine("Press Ctrl+C to stop");
            String out = child.stdout();
            int port = Integer.parseInt(out.replaceAll("(?s).*Running on all addresses \\(0\\.0\\.0\\.0\\), port (\\d+).*",
                    "$1"));
            assertTrue(out.contains("host 0.0.0.0 from MICROFLASK_HOST"), out);
            assertTrue(out.contains("http://127.0.0.1:" + port + "  - from this machine only"), out);
            for (String address : upNonLoopbackIpv4()) {
                assertTrue(out.contains("http://" + address + ":" + port), "missing " + address + " in\n" + out);
            }
            assertTrue(out.contains("WARN") && out.contains("any device that can reach this machine"), out);
            child.process().toHandle().destroy();
            assertEquals(0, child.awaitExit(), child.stdout());
        }
    }

    private static int indexOfContaining(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }
}
