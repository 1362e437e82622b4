package io.microflask.run;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.microflask.RunningServer;
import io.microflask.Settings;
import io.microflask.tls.SelfSignedCertificates;
import io.microflask.tls.TlsIdentity;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The banner over HTTPS (https URLs, fingerprint, validity) and its QR codes: what the terminal
 * shows is decoded back by ZXing, as a phone's camera would read it, and where no QR code can be
 * drawn a plain line says why.
 */
class HttpsBannerTest {
    private static final List<LanAddresses.LanAddress> LAN = List.of(
            new LanAddresses.LanAddress("192.168.1.23", "wlan0"), new LanAddresses.LanAddress("10.0.0.7", "eth0"));
    private static final TerminalQrCodes.Terminal TERMINAL = new TerminalQrCodes.Terminal(true, false);

    /** A server as the banner sees it; nothing listens. */
    private record Bound(String host, int port) implements RunningServer {
        @Override
        public InetSocketAddress address() {
            return new InetSocketAddress(port);
        }

        @Override
        public String url() {
            return "https://127.0.0.1:" + port;
        }

        @Override
        public boolean debug() {
            return false;
        }

        @Override
        public void awaitTermination() {
        }

        @Override
        public void close() {
        }
    }

    private static TlsIdentity identity(Instant start) {
        return SelfSignedCertificates.generate(List.of("localhost", "192.168.1.23"), start, Duration.ofDays(90));
    }

    private static List<String> texts(List<Banner.Line> lines) {
        return lines.stream().map(Banner.Line::text).collect(Collectors.toList());
    }

    private static List<Banner.Line> banner(Settings settings, TlsIdentity tls, TerminalQrCodes.Terminal terminal) {
        return Banner.lines(new Bound("0.0.0.0", 5443), settings, RunOptions.of("0.0.0.0", 5443, false), LAN, tls,
                terminal);
    }

    @Test
    void httpsBannerShowsHttpsUrlsTheFingerprintAndTheValidity() throws Exception {
        TlsIdentity tls = identity(Instant.parse("2026-12-01T10:00:30Z"));
        String text = String.join("\n", texts(banner(new Settings(), tls, TerminalQrCodes.Terminal.none())));
        assertTrue(text.contains(" *   https://127.0.0.1:5443  - from this machine only"), text);
        assertTrue(text.contains(" *   https://192.168.1.23:5443  - from other devices"), text);
        assertTrue(text.contains(" *   https://10.0.0.7:5443  - from other devices"), text);
        assertFalse(text.contains("http://"), text);
        String expected = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(tls.certificate().getEncoded()));
        assertEquals(95, expected.length());
        assertTrue(text.contains("SHA-256 fingerprint " + expected), text);
        // Generated a minute before its start, truncated to the second; valid for 90 days.
        assertTrue(text.contains("valid from 2026-12-01 09:59 UTC until 2027-03-01 09:59 UTC"), text);
        assertTrue(text.contains("self-signed"), text);
    }

    @Test
    void cleartextBannerHasNoCertificateLines() {
        String text = String.join("\n", texts(banner(new Settings(), null, TerminalQrCodes.Terminal.none())));
        assertTrue(text.contains(" *   http://192.168.1.23:5443  - from other devices"), text);
        assertFalse(text.contains("https://"), text);
        assertFalse(text.contains("fingerprint"), text);
    }

    @Test
    void inATerminalEveryLanUrlGetsAQrCodeThatDecodesToIt() throws Exception {
        List<String> texts = texts(banner(new Settings(), identity(Instant.now()), TERMINAL));
        List<String> codes = texts.stream().filter(t -> t.startsWith(" * Scan with a phone's camera"))
                .collect(Collectors.toList());
        assertEquals(2, codes.size(), String.join("\n", texts));
        for (String expectedUrl : List.of("https://192.168.1.23:5443", "https://10.0.0.7:5443")) {
            String code = codes.stream().filter(t -> t.startsWith(" * Scan with a phone's camera to open "
                    + expectedUrl + "\n")).findFirst().orElseThrow();
            List<String> rows = Arrays.asList(code.split("\n")).subList(1, code.split("\n").length);
            assertEquals(expectedUrl, decode(modulesOf(rows)));
        }
        assertFalse(texts.stream().anyMatch(t -> t.contains("No QR code")));
    }

    @Test
    void loopbackOnlyHasNoQrCode() {
        List<Banner.Line> lines = Banner.lines(new Bound("127.0.0.1", 5443), new Settings(),
                RunOptions.of("127.0.0.1", 5443, false), LAN, null, TERMINAL);
        assertFalse(texts(lines).stream().anyMatch(t -> t.contains("QR code") || t.contains("Scan with")));
    }

    @Test
    void withoutATerminalOrWithNoColorOrTheSettingOffAPlainLineSaysWhy() {
        assertPlainLine(banner(new Settings(), null, TerminalQrCodes.Terminal.none()), "the output is not a terminal");
        assertPlainLine(banner(new Settings(), null, new TerminalQrCodes.Terminal(true, true)), "NO_COLOR is set");
        assertPlainLine(banner(new Settings().terminalQrCodes(false), null, TERMINAL),
                "settings().terminalQrCodes(false)");
    }

    @Test
    void theReasonsAreCheckedInOrderAndTheLibraryIsNamedWhenMissing() {
        assertEquals("add io.nayuki:qrcodegen (microflask-devtools brings it) to the class path to get them",
                TerminalQrCodes.whyNot(true, TERMINAL, false).orElseThrow());
        assertTrue(TerminalQrCodes.whyNot(true, TERMINAL, true).isEmpty());
        assertEquals("settings().terminalQrCodes(false)",
                TerminalQrCodes.whyNot(false, TerminalQrCodes.Terminal.none(), false).orElseThrow());
        assertTrue(TerminalQrCodes.libraryPresent(), "qrcodegen is a test dependency of core");
    }

    @Test
    void halfBlocksDrawTwoModuleRowsPerLineInsideTheQuietZone() {
        boolean[][] modules = {
                {true, false, true},
                {true, true, false},
                {false, true, false},
        };
        List<String> rows = TerminalQrCodes.rows(modules);
        int span = 3 + 2 * TerminalQrCodes.QUIET_ZONE;
        assertEquals((span + 1) / 2, rows.size());
        List<String> plain = rows.stream().map(HttpsBannerTest::stripColours).collect(Collectors.toList());
        plain.forEach(row -> assertEquals(span, row.length()));
        assertEquals(" ".repeat(span), plain.get(0));
        assertEquals(" ".repeat(span), plain.get(1));
        // Module rows 0+1, then 2 over the quiet zone's first row.
        assertEquals("    █▄▀    ", plain.get(2));
        assertEquals("     ▀     ", plain.get(3));
        assertTrue(rows.get(0).startsWith("\u001b[30;107m") && rows.get(0).endsWith("\u001b[0m"),
                "black on white, whatever the terminal's colours");
    }

    private static void assertPlainLine(List<Banner.Line> lines, String reason) {
        List<String> texts = texts(lines);
        assertFalse(texts.stream().anyMatch(t -> t.contains("Scan with")), String.join("\n", texts));
        assertEquals(1, texts.stream().filter(t -> t.startsWith(" * No QR code of the LAN URLs for a phone's camera ("
                + reason + ")")).count(), String.join("\n", texts));
    }

    private static String stripColours(String row) {
        return row.replace("\u001b[30;107m", "").replace("\u001b[0m", "");
    }

    /** The module grid (quiet zone included) that terminal rows show, true where dark. */
    private static boolean[][] modulesOf(List<String> rows) {
        List<boolean[]> grid = new ArrayList<>();
        for (String row : rows) {
            String plain = stripColours(row);
            boolean[] top = new boolean[plain.length()];
            boolean[] bottom = new boolean[plain.length()];
            for (int x = 0; x < plain.length(); x++) {
                char c = plain.charAt(x);
                top[x] = c == '█' || c == '▀';
                bottom[x] = c == '█' || c == '▄';
                assertTrue(c == ' ' || top[x] || bottom[x], "unexpected character in a QR row: " + c);
            }
            grid.add(top);
            grid.add(bottom);
        }
        return grid.toArray(new boolean[0][]);
    }

    /** What a camera reads from {@code modules}, drawn 4 pixels a module, black on white. */
    private static String decode(boolean[][] modules) throws Exception {
        int scale = 4;
        int height = modules.length * scale;
        int width = modules[0].length * scale;
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = modules[y / scale][x / scale] ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        Result result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(width, height, pixels))));
        return result.getText();
    }
}
