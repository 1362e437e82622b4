package io.microflask;

import io.microflask.testsupport.LogCapture;
import io.microflask.testsupport.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debug details need a client on this machine and a Host that names it: a page on
 * {@code evil.example} whose name resolves to 127.0.0.1 (DNS rebinding) reaches the server from
 * a loopback address, but its requests say {@code Host: evil.example}, and get the plain page.
 * Core's own page (without devtools) shows the stack trace; devtools' pages are tested there.
 */
class DebugHostTest {
    public static class Crash {
        @Route("/boom")
        public String boom() {
            throw new IllegalStateException("the secret internals");
        }

        @Route("/may")
        public String may(Request request) {
            return String.valueOf(request.mayShowDebugDetails());
        }
    }

    @RegisterExtension
    static final RunningApp debug = RunningApp.debug(() -> {
        App app = new App().register(new Crash());
        app.settings().debugHosts("dev.test", ".box.test");
        return app;
    });

    private static String get(String path, String host) throws IOException {
        try (RawHttp http = new RawHttp(debug.port())) {
            return http.send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .readUntilClosed();
        }
    }

    @Test
    void aRebindingHostFromLoopbackGetsThePlainPageAndTheLogSaysWhy() throws IOException {
        String answer;
        try (LogCapture log = LogCapture.of("io.microflask")) {
            answer = get("/boom", "evil.example");
            assertTrue(log.messages().stream().anyMatch(m -> m.startsWith("debug details of this error were not shown "
                    + "to 127.0.0.1: the request asked for host 'evil.example'") && m.contains("settings().debugHosts(")),
                    log.text());
        }
        assertTrue(answer.startsWith("HTTP/1.1 500 "), answer);
        assertTrue(answer.contains("The server hit an internal error"), answer);
        assertFalse(answer.contains("IllegalStateException"), answer);
        assertFalse(answer.contains("the secret internals"), answer);
        assertTrue(get("/may", "evil.example").endsWith("false"));
        assertTrue(get("/may", "evil.example:" + debug.port()).endsWith("false"));
    }

    @Test
    void aLoopbackHostGetsTheStackTrace() throws IOException {
        for (String host : List.of("localhost:" + debug.port(), "127.0.0.1:" + debug.port(), "[::1]:" + debug.port(),
                "localhost", "LOCALHOST")) {
            String answer = get("/boom", host);
            assertTrue(answer.startsWith("HTTP/1.1 500 "), answer);
            assertTrue(answer.contains("java.lang.IllegalStateException: the secret internals"), host + ": " + answer);
            assertTrue(get("/may", host).endsWith("true"), host);
        }
    }

    @Test
    void hostsListedInDebugHostsGetDetailsToo() throws IOException {
        assertTrue(get("/boom", "dev.test:8080").contains("the secret internals"));
        assertTrue(get("/boom", "pc.box.test").contains("the secret internals"));
        assertFalse(get("/boom", "dev.test.evil.example").contains("the secret internals"));
        assertFalse(get("/boom", "127.0.0.2").contains("the secret internals"));
    }

    @Test
    void showDebugToRemoteClientsLiftsThePeerCheckOnlyNotTheHostCheck() {
        App app = new App().register(new Crash());
        app.debug(true);
        TestResponse remote = app.testClient().request("GET", "/boom").remoteAddress("203.0.113.9").send();
        assertFalse(remote.text().contains("the secret internals"), remote.text());

        app.settings().showDebugToRemoteClients(true);
        remote = app.testClient().request("GET", "/boom").remoteAddress("203.0.113.9").send();
        assertTrue(remote.text().contains("the secret internals"), "Host localhost: " + remote.text());
        TestResponse rebound = app.testClient().request("GET", "/boom").header("Host", "evil.example")
                .remoteAddress("203.0.113.9").send();
        assertEquals(500, rebound.status());
        assertFalse(rebound.text().contains("the secret internals"), rebound.text());
        app.settings().debugHosts("192.168.1.23");
        TestResponse lan = app.testClient().request("GET", "/boom").header("Host", "192.168.1.23:5000")
                .remoteAddress("192.168.1.40").send();
        assertTrue(lan.text().contains("the secret internals"), lan.text());
    }

    @Test
    void badDebugHostEntriesAreRejectedNamingTheSetting() {
        Settings settings = new App().settings();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings.debugHosts("dev.test", "evil.example/"));
        assertTrue(e.getMessage().startsWith("settings().debugHosts(...): 'evil.example/' is not a host entry"),
                e.getMessage());
        assertEquals(List.of("dev.test", ".box.test:8080"), settings.debugHosts("DEV.test", ".box.test:8080").debugHosts());
        assertTrue(settings.isDebugHost("localhost:5000") && settings.isDebugHost("a.box.test:8080"));
        assertFalse(settings.isDebugHost("a.box.test") || settings.isDebugHost("evil.example"));
    }

    @Test
    void withoutDebugModeNobodyGetsDetails() {
        App app = new App().register(new Crash());
        assertEquals("false", app.testClient().get("/may").text());
        assertFalse(app.testClient().get("/boom").text().contains("the secret internals"));
    }
}
