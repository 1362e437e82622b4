package io.microflask;

import io.microflask.testsupport.RunningApp;
import io.netty.util.AsciiString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Known header names become cached AsciiStrings spelled as asked; nothing about headers changes for the app. */
class KnownHeaderNamesTest {
    public static class Pages {
        @Route("/")
        public Response index() {
            return Response.text("hi").header("Cache-Control", "no-store").header("X-App-Thing", "custom");
        }
    }

    @RegisterExtension
    final RunningApp server = RunningApp.of(() -> new App().register(new Pages()));

    @Test
    void knownNamesAreAsciiStringsSpelledAsGivenAndUnknownOnesPassThrough() {
        CharSequence train = KnownHeaderNames.of("Content-Type");
        assertTrue(train instanceof AsciiString);
        assertEquals("Content-Type", train.toString(), "the spelling of the answer's header is kept");
        assertEquals("content-type", KnownHeaderNames.of("content-type").toString());
        assertEquals("ETag", KnownHeaderNames.of("ETag").toString());
        assertSame(train, KnownHeaderNames.of(new String("Content-Type")), "found by content, not only by identity");
        String unknown = "X-App-Thing";
        assertSame(unknown, KnownHeaderNames.of(unknown));
        assertFalse(KnownHeaderNames.isKnown(unknown));
        assertThrows(NullPointerException.class, () -> KnownHeaderNames.of(null));
    }

    @Test
    void lookupsStayCaseInsensitiveAndBadNamesAreStillRefused() {
        Response response = new Response(200).header("content-type", "text/plain").header("X-Odd-Name", "1");
        assertEquals("text/plain", response.header("Content-Type"));
        assertEquals("text/plain", response.header("CONTENT-TYPE"));
        assertEquals("1", response.header("x-odd-name"));
        response.addHeader("Vary", "Origin").vary("Accept-Encoding").vary("origin");
        assertEquals("Origin, Accept-Encoding", response.header("Vary"));
        assertThrows(IllegalArgumentException.class, () -> response.header("Bad Name", "x"));
        assertThrows(IllegalArgumentException.class, () -> response.header("Content-Type", "a\r\nInjected: 1"));
        assertNull(response.header("Missing"));
    }

    @Test
    void answersOverASocketSpellHeadersAsTheAppDid() throws Exception {
        try (RawHttp client = new RawHttp(server.port())) {
            client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(client.readUntilContains("hi"), client.text());
            String text = client.text();
            assertTrue(text.contains("\r\nContent-Type: text/plain; charset=utf-8\r\n"), text);
            assertTrue(text.contains("\r\nCache-Control: no-store\r\n"), text);
            assertTrue(text.contains("\r\nX-App-Thing: custom\r\n"), text);
            assertTrue(text.contains("\r\nX-Frame-Options: SAMEORIGIN\r\n"), text);
        }
    }
}
