package io.microflask;

import io.microflask.testsupport.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an app puts in a header is checked when it is set: a cookie cannot gain attributes, and no
 * value can end the header, so the mistake is a 500 naming the code at fault, never a connection
 * closed without an answer.
 */
class HeaderInjectionTest {

    private static void assertRefused(String expectedMessage, Executable setting) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, setting);
        assertEquals(expectedMessage, e.getMessage());
    }

    @Test
    void aCookieValueWithSeparatorsControlsOrNonAsciiIsRefusedNamingTheCharacterAndPosition() {
        String rule = "a cookie value may hold only printable ASCII other than space, '\"', ',', ';' and '\\'. "
                + "Encode the value first, e.g. with URLEncoder.encode(value, StandardCharsets.UTF_8) or "
                + "Base64.getUrlEncoder()";
        assertRefused("the value of cookie 'theme' has ';' (U+003B) at position 4; " + rule,
                () -> new Cookie("theme", "dark; Domain=evil.example"));
        assertRefused("the value of cookie 'theme' has a carriage return (U+000D) at position 4; " + rule,
                () -> new Cookie("theme", "dark\r\nSet-Cookie: admin=1"));
        assertRefused("the value of cookie 'theme' has ',' (U+002C) at position 1; " + rule,
                () -> new Cookie("theme", "a,b"));
        assertRefused("the value of cookie 'theme' has a space (U+0020) at position 1; " + rule,
                () -> new Cookie("theme", "a b"));
        assertRefused("the value of cookie 'theme' has a tab (U+0009) at position 1; " + rule,
                () -> new Cookie("theme", "a\tb"));
        assertRefused("the value of cookie 'theme' has '\"' (U+0022) at position 0; " + rule,
                () -> new Cookie("theme", "\"quoted\""));
        assertRefused("the value of cookie 'theme' has '\\' (U+005C) at position 1; " + rule,
                () -> new Cookie("theme", "a\\b"));
        assertRefused("the value of cookie 'theme' has a NUL (U+0000) at position 1; " + rule,
                () -> new Cookie("theme", "a\0"));
        assertRefused("the value of cookie 'theme' has a control character (U+007F) at position 0; " + rule,
                () -> new Cookie("theme", "\u007f"));
        assertRefused("the value of cookie 'theme' has the non-ASCII character 'é' (U+00E9) at position 3; " + rule,
                () -> new Cookie("theme", "caf\u00e9"));
        // What RFC 6265 allows passes, '=' included (base64 padding, key=value payloads).
        for (String fine : List.of("", "dark", "a=b", "eyJ1c2VyIjoiYWRhIn0.MTcwMDAwMDAwMA.x-y_z", "!#$%&'()*+-./:<=>?@[]^_`{|}~")) {
            assertEquals("theme=" + fine, new Cookie("theme", fine).toSetCookieHeader().split("; ")[0]);
        }
    }

    @Test
    void aCookieNameMustBeAToken() {
        assertRefused("the cookie name 'a=b' has '=' (U+003D) at position 1; a name may hold only ASCII letters, "
                + "digits and !#$%&'*+-.^_`|~", () -> new Cookie("a=b", "v"));
        assertRefused("the cookie name 'a;b' has ';' (U+003B) at position 1; a name may hold only ASCII letters, "
                + "digits and !#$%&'*+-.^_`|~", () -> new Cookie("a;b", "v"));
        assertRefused("the cookie name 'x?y' has a line feed (U+000A) at position 1; a name may hold only ASCII "
                + "letters, digits and !#$%&'*+-.^_`|~", () -> new Cookie("x\ny", "v"));
        assertRefused("the cookie name 'n o' has a space (U+0020) at position 1; a name may hold only ASCII "
                + "letters, digits and !#$%&'*+-.^_`|~", () -> new Cookie("n o", "v"));
        assertRefused("a cookie needs a name", () -> new Cookie("", "v"));
        assertEquals("__Host-id=1", new Cookie("__Host-id", "1").toSetCookieHeader().split("; ")[0]);
    }

    @Test
    void pathAndDomainAttributesAreCheckedLikeValues() {
        assertRefused("the cookie Path '/a;Secure' has ';' (U+003B) at position 2; a Path may hold only printable "
                + "ASCII other than space, '\"', ',', ';' and '\\' (percent-encode the others)",
                () -> new Cookie("c", "v").path("/a;Secure"));
        assertRefused("the cookie Path '/a??b' has a carriage return (U+000D) at position 2; a Path may hold only "
                + "printable ASCII other than space, '\"', ',', ';' and '\\' (percent-encode the others)",
                () -> new Cookie("c", "v").path("/a\r\nb"));
        assertRefused("the cookie Domain 'example.com; Secure' has ';' (U+003B) at position 11; a Domain is a host "
                + "name of ASCII letters, digits, '-' and '.' (write an internationalised name in its xn-- form)",
                () -> new Cookie("c", "v").domain("example.com; Secure"));
        assertRefused("the cookie Domain 'bücher.example' has the non-ASCII character 'ü' (U+00FC) at position 1; a "
                + "Domain is a host name of ASCII letters, digits, '-' and '.' (write an internationalised name in "
                + "its xn-- form)", () -> new Cookie("c", "v").domain("b\u00fccher.example"));
        assertEquals("c=v; Path=/app/x; Domain=.shop.example; HttpOnly; SameSite=Lax",
                new Cookie("c", "v").path("/app/x").domain(".shop.example").toSetCookieHeader());
        assertEquals("c=v; HttpOnly; SameSite=Lax", new Cookie("c", "v").path(null).domain(null).toSetCookieHeader());
    }

    @Test
    void theSessionCookieSettingsAreCheckedWhenSet() {
        Settings settings = new Settings();
        assertRefused("sessionCookiePath: the cookie Path '/a b' has a space (U+0020) at position 2; a Path may hold "
                + "only printable ASCII other than space, '\"', ',', ';' and '\\' (percent-encode the others)",
                () -> settings.sessionCookiePath("/a b"));
        assertRefused("sessionCookieDomain: the cookie Domain 'a,b' has ',' (U+002C) at position 1; a Domain is a "
                + "host name of ASCII letters, digits, '-' and '.' (write an internationalised name in its xn-- form)",
                () -> settings.sessionCookieDomain("a,b"));
        assertRefused("sessionCookieName: the cookie name 'my session' has a space (U+0020) at position 2; a name may "
                + "hold only ASCII letters, digits and !#$%&'*+-.^_`|~", () -> settings.sessionCookieName("my session"));
        assertEquals("/", settings.sessionCookiePath());
        assertEquals(null, settings.sessionCookieDomain());
        assertEquals("session", settings.sessionCookieName());
    }

    @Test
    void aHeaderNameOrValueThatCouldEndTheHeaderIsRefusedWhenSet() {
        String valueRule = "; a header value may not hold CR, LF, NUL or other control characters, nor characters "
                + "beyond Latin-1 (percent-encode them, or use RFC 8187's UTF-8'' form where the header allows it)";
        assertRefused("the value of header 'X-Trace' has a carriage return (U+000D) at position 3" + valueRule,
                () -> Response.text("x").header("X-Trace", "abc\r\nSet-Cookie: admin=1"));
        assertRefused("the value of header 'X-Trace' has a line feed (U+000A) at position 0" + valueRule,
                () -> Response.text("x").addHeader("X-Trace", "\nx"));
        assertRefused("the value of header 'X-Trace' has a NUL (U+0000) at position 1" + valueRule,
                () -> Response.text("x").header("X-Trace", "a\0"));
        assertRefused("the value of header 'Location' has a line feed (U+000A) at position 2" + valueRule,
                () -> Response.redirect("/a\nb"));
        assertRefused("the value of header 'Content-Type' has a line feed (U+000A) at position 10" + valueRule,
                () -> Response.text("x").contentType("text/plain\n"));
        assertRefused("the value of header 'X-Name' has the non-ASCII character 'Ċ' (U+010A) at position 0" + valueRule,
                () -> Response.text("x").header("X-Name", "\u010a"));
        assertRefused("the header name 'X-Evil?Set-Cookie' has a line feed (U+000A) at position 6; a name may hold "
                + "only ASCII letters, digits and !#$%&'*+-.^_`|~",
                () -> Response.text("x").header("X-Evil\nSet-Cookie", "a"));
        assertRefused("the header name 'X Y' has a space (U+0020) at position 1; a name may hold only ASCII letters, "
                + "digits and !#$%&'*+-.^_`|~", () -> Response.text("x").addHeader("X Y", "a"));
        assertRefused("the header name '' is empty; a name needs at least one character",
                () -> Response.text("x").header("", "a"));
        // A tab and Latin-1 are valid in a field value.
        Response fine = Response.text("x").header("X-Tab", "a\tb").header("X-Latin", "caf\u00e9").addHeader("X-N", 5);
        assertEquals("a\tb", fine.header("X-Tab"));
        assertEquals("5", fine.header("X-N"));
    }

    public static class Careless {
        @Route("/cookie")
        public Response cookie(Request request) {
            return Response.text("set").cookie("theme", request.query("theme"));
        }

        @Route("/header")
        public Response header(Request request) {
            return Response.text("set").header("X-Echo", request.query("echo"));
        }
    }

    @Test
    void aHandlerThatPutsInputIntoACookieOrHeaderGetsA500AndTheLogNamesTheCause() {
        App app = App.withoutExtensionDiscovery().register(new Careless());
        try (LogCapture log = LogCapture.of("io.microflask")) {
            TestResponse cookie = app.testClient().get("/cookie?theme=dark%3B%20Domain%3Devil.example");
            assertEquals(500, cookie.status());
            assertTrue(cookie.headerAll("Set-Cookie").isEmpty(), cookie.headers().toString());
            TestResponse header = app.testClient().get("/header?echo=a%0D%0ASet-Cookie:%20admin=1");
            assertEquals(500, header.status());
            assertFalse(header.headers().contains("Set-Cookie"), header.headers().toString());
            StringBuilder logged = new StringBuilder(log.text());
            log.events().stream().filter(event -> event.getThrowableProxy() != null)
                    .forEach(event -> logged.append('\n').append(event.getThrowableProxy().getMessage()));
            assertTrue(logged.toString().contains("the value of cookie 'theme' has ';' (U+003B) at position 4"),
                    logged.toString());
            assertTrue(logged.toString().contains(
                    "the value of header 'X-Echo' has a carriage return (U+000D) at position 1"), logged.toString());
        }
        assertEquals("set", app.testClient().get("/cookie?theme=dark").text());
    }
}
