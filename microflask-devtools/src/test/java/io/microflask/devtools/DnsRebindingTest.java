package io.microflask.devtools;

import example.app.ErrorApp;
import io.microflask.App;
import io.microflask.testsupport.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DNS rebinding, over a real socket from 127.0.0.1 in debug mode: a page on {@code evil.example}
 * whose name now resolves to 127.0.0.1 sends {@code Host: evil.example}. It gets the production
 * error page, the plain 404 without the route list, no live-reload script and no live-reload
 * stream; the same requests with a loopback Host get all of them.
 */
class DnsRebindingTest {
    @RegisterExtension
    static final RunningApp debugServer = RunningApp.debug(() -> {
        App app = new App().register(new ErrorApp());
        app.extension(DevTools.class).reload(false);
        return app;
    });

    /** One GET with exactly this Host (java.net.http refuses to set it), read until the server closes. */
    static String get(int port, String path, String host, String accept) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: " + accept
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
            }
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    private static String get(String path, String host, String accept) throws IOException {
        return get(debugServer.port(), path, host, accept);
    }

    private static String loopbackHost() {
        return "localhost:" + debugServer.port();
    }

    @Test
    void theErrorPageIsPlainForAnotherHostAndDetailedForALoopbackHost() throws IOException {
        String rebound = get("/notes/5", "evil.example", "text/html");
        assertTrue(rebound.startsWith("HTTP/1.1 500 "), rebound);
        assertFalse(rebound.contains("note 5 could not be loaded"), rebound);
        assertFalse(rebound.contains("frame app"), rebound);
        assertFalse(rebound.contains("ErrorApp"), rebound);
        assertFalse(rebound.contains(LiveReloadScript.MARKER), rebound);
        String reboundJson = get("/notes/5", "evil.example:" + debugServer.port(), "application/json");
        assertFalse(reboundJson.contains("note 5 could not be loaded"), reboundJson);
        assertFalse(reboundJson.contains("traceback"), reboundJson);

        for (String host : new String[] {loopbackHost(), "127.0.0.1:" + debugServer.port(), "[::1]"}) {
            String local = get("/notes/5", host, "text/html");
            assertTrue(local.startsWith("HTTP/1.1 500 "), local);
            assertTrue(local.contains("note 5 could not be loaded"), host + ": " + local);
            assertTrue(local.contains("<div class=\"frame app\">"), local);
            assertTrue(local.contains(LiveReloadScript.MARKER), local);
        }
    }

    @Test
    void theRouteListIsShownOnlyToALoopbackHost() throws IOException {
        String rebound = get("/nots/1", "evil.example", "text/html");
        assertTrue(rebound.startsWith("HTTP/1.1 404 "), rebound);
        assertFalse(rebound.contains("errorApp.note"), rebound);
        assertFalse(rebound.contains("Routes of this app"), rebound);

        String local = get("/nots/1", loopbackHost(), "text/html");
        assertTrue(local.startsWith("HTTP/1.1 404 "), local);
        assertTrue(local.contains("<code>/notes/&lt;int:id&gt;</code></td><td>errorApp.note</td>"), local);
    }

    @Test
    void liveReloadIsOnlyForALoopbackHost() throws IOException {
        String reboundPage = get("/fine", "evil.example", "text/html");
        assertTrue(reboundPage.startsWith("HTTP/1.1 200 "), reboundPage);
        assertFalse(reboundPage.contains(LiveReloadScript.MARKER), reboundPage);
        String reboundStream = get(LiveReloadEndpoint.PATH + "?since=0", "evil.example", "text/event-stream");
        assertTrue(reboundStream.startsWith("HTTP/1.1 404 "), reboundStream);
        assertFalse(reboundStream.contains("event: reload"), reboundStream);
        assertFalse(reboundStream.contains("text/event-stream"), reboundStream);

        assertTrue(get("/fine", loopbackHost(), "text/html").contains(LiveReloadScript.MARKER));
        String stream = get(LiveReloadEndpoint.PATH + "?since=0", loopbackHost(), "text/event-stream");
        assertTrue(stream.startsWith("HTTP/1.1 200 "), stream);
        assertTrue(stream.contains("event: reload\ndata: 1\n\n"), stream);
    }

    @Test
    void aHostListedInDebugHostsGetsTheDetailsToo() {
        App app = new App().register(new ErrorApp());
        app.debug(true);
        assertFalse(app.testClient().request("GET", "/notes/5").header("Host", "dev.test").send().text()
                .contains("note 5 could not be loaded"));
        app.settings().debugHosts("dev.test");
        assertTrue(app.testClient().request("GET", "/notes/5").header("Host", "dev.test").send().text()
                .contains("note 5 could not be loaded"));
    }
}
