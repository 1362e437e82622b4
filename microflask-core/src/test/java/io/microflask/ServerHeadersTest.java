package io.microflask;

import io.microflask.testsupport.RunningApp;
import io.microflask.util.HttpDates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Date on every answer (RFC 9110 6.6.1), Server only when set, over a real socket. */
class ServerHeadersTest {
    public static class Pages {
        @Route("/")
        public String index() {
            return "hi";
        }

        @Route("/own")
        public Response own() {
            return Response.text("own").header("Server", "handler").header("Date", "Mon, 01 Jan 2001 00:00:00 GMT");
        }
    }

    @RegisterExtension
    final RunningApp plain = RunningApp.of(() -> new App().register(new Pages()));

    @RegisterExtension
    final RunningApp named = RunningApp.of(() -> {
        App app = new App().register(new Pages());
        app.settings().serverHeader("microflask");
        return app;
    });

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyAnswerCarriesADateAndNoServerByDefault() throws Exception {
        for (String path : new String[] {"/", "/missing"}) {
            HttpResponse<String> answer = get(plain.url() + path);
            String date = answer.headers().firstValue("Date").orElseThrow();
            assertTrue(date.matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"), date);
            long skew = Math.abs(HttpDates.parseSeconds(date) - Instant.now().getEpochSecond());
            assertTrue(skew < Duration.ofMinutes(5).toSeconds(), date);
            assertFalse(answer.headers().firstValue("Server").isPresent());
        }
    }

    @Test
    void theServerHeaderIsASettingAndAHandlersOwnHeadersWin() throws Exception {
        assertEquals("microflask", get(named.url() + "/").headers().firstValue("Server").orElseThrow());
        HttpResponse<String> own = get(named.url() + "/own");
        assertEquals("handler", own.headers().firstValue("Server").orElseThrow());
        assertEquals("Mon, 01 Jan 2001 00:00:00 GMT", own.headers().firstValue("Date").orElseThrow());
    }

    @Test
    void aBadServerValueIsRefusedAtOnce() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Settings().serverHeader("a\r\nX-Injected: 1"));
        assertTrue(e.getMessage().contains("Server"), e.getMessage());
    }
}
