package io.microflask.session;

import io.microflask.run.Environment;

import io.microflask.util.JsonValues;
import io.microflask.Session;
import io.microflask.App;
import io.microflask.ErrorHandler;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;
import io.microflask.TestClient;
import io.microflask.TestResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionTest {
    static final String KEY = "test-secret-key-0123456789abcdef";

    public static class Accounts {
        @Route(value = "/login", methods = "POST")
        public String login(Request request) {
            Session session = request.session();
            session.put("user", request.form("user"));
            session.put("visits", 1);
            session.put("roles", List.of("admin", "editor"));
            session.put("prefs", Map.of("dark", true, "ratio", 1.5));
            return "welcome";
        }

        @Route("/whoami")
        public String whoami(Session session) {
            String user = session.getString("user");
            return user == null ? "anonymous" : user + " " + session.getLong("visits", 0) + " "
                    + session.getList("roles") + " " + session.getMap("prefs").get("dark") + " "
                    + session.getDouble("ratio-missing", 7.0) + " " + session.getMap("prefs").get("ratio").getClass()
                    .getSimpleName();
        }

        @Route(value = "/visit", methods = "POST")
        public String visit(Session session) {
            int visits = session.getInt("visits", 0) + 1;
            session.put("visits", visits);
            return Integer.toString(visits);
        }

        @Route(value = "/logout", methods = "POST")
        public String logout(Request request) {
            request.session().clear();
            return "bye";
        }

        @Route(value = "/remember", methods = "POST")
        public String remember(Session session) {
            session.put("user", "kim");
            session.permanent(true);
            return "ok";
        }

        @Route("/name")
        public String name(Session session) {
            return String.valueOf(session.getString("user"));
        }

        @Route(value = "/store-object", methods = "POST")
        public String storeObject(Session session) {
            session.put("thing", new Object());
            return "stored";
        }

        @ErrorHandler(exception = IllegalStateException.class)
        public Response noKey(IllegalStateException e) {
            return Response.text(e.getMessage()).status(500);
        }

        @ErrorHandler(exception = IllegalArgumentException.class)
        public Response notJson(IllegalArgumentException e) {
            return Response.text(e.getMessage()).status(500);
        }
    }

    private App app() {
        App app = App.withoutExtensionDiscovery().register(new Accounts());
        app.settings().secretKey(KEY);
        return app;
    }

    private static TestResponse login(App app, String user) {
        TestResponse response = app.testClient().postForm("/login", Map.of("user", user));
        assertEquals(200, response.status(), response.text());
        return response;
    }

    /**
     * Sends a request with exactly this session cookie, or none: each request comes from a fresh
     * client, so no cookie is sent back unless the test says so.
     */
    private static TestResponse send(App app, String method, String path, String sessionCookie) {
        TestClient.RequestBuilder request = app.testClient().request(method, path);
        if (sessionCookie != null) {
            request.header("Cookie", "session=" + sessionCookie);
        }
        return request.send();
    }

    /** The value a response's Set-Cookie gives the cookie {@code name}, or null if it sets none. */
    private static String cookie(TestResponse response, String name) {
        for (String setCookie : response.headerAll("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static void assertAnswer(TestResponse response, int status, String body) {
        assertEquals(status, response.status(), response.text());
        assertEquals(body, response.text());
    }

    private static void assertContains(String text, String part) {
        assertNotNull(text, "expected '" + part + "'");
        assertTrue(text.contains(part), "expected '" + part + "' in: " + text);
    }

    @Test
    void sessionSurvivesInASignedHttpOnlyLaxCookieAndKeepsJsonTypes() {
        App app = app();
        TestResponse login = login(app, "alice");
        String setCookie = login.header("Set-Cookie");
        assertNotNull(setCookie);
        assertTrue(setCookie.startsWith("session="), setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
        assertTrue(setCookie.contains("Path=/"), setCookie);
        assertFalse(setCookie.contains("Secure"), setCookie);
        assertFalse(setCookie.contains("Max-Age"), "not permanent: a browser-session cookie; " + setCookie);
        String cookie = cookie(login, "session");
        assertEquals(3, cookie.split("\\.").length, cookie);
        String payload = new String(Base64.getUrlDecoder().decode(cookie.split("\\.")[0]));
        assertTrue(payload.contains("\"user\":\"alice\""), "the session is readable JSON, not Java serialization: "
                + payload);

        TestResponse whoami = send(app, "GET", "/whoami", cookie);
        assertAnswer(whoami, 200, "alice 1 [admin, editor] true 7.0 Double");
        assertNull(whoami.header("Set-Cookie"));
        assertContains(whoami.header("Vary"), "Cookie");
    }

    @Test
    void aChangeRewritesTheCookieAndClearDeletesIt() {
        App app = app();
        String cookie = cookie(login(app, "bob"), "session");
        TestResponse visit = send(app, "POST", "/visit", cookie);
        assertAnswer(visit, 200, "2");
        String updated = cookie(visit, "session");
        assertNotNull(updated);
        assertEquals("3", send(app, "POST", "/visit", updated).text());

        TestResponse logout = send(app, "POST", "/logout", updated);
        assertEquals(200, logout.status());
        String deleted = logout.header("Set-Cookie");
        assertTrue(deleted.startsWith("session=;"), deleted);
        assertTrue(deleted.contains("Max-Age=0"), deleted);
    }

    @Test
    void secureFlagAndPermanentMaxAgeFollowTheSettings() {
        App app = app();
        app.settings().sessionCookieSecure(true).sessionMaxAge(Duration.ofDays(2));
        TestResponse remember = send(app, "POST", "/remember", null);
        assertEquals(200, remember.status());
        String setCookie = remember.header("Set-Cookie");
        assertTrue(setCookie.contains("; Secure"), setCookie);
        assertTrue(setCookie.contains("Max-Age=172800"), setCookie);
    }

    @Test
    void aPermanentSessionIsRefreshedWhenReadUnlessTurnedOff() {
        App app = app();
        String cookie = cookie(send(app, "POST", "/remember", null), "session");
        TestResponse read = send(app, "GET", "/name", cookie);
        assertAnswer(read, 200, "kim");
        String refreshed = read.header("Set-Cookie");
        assertNotNull(refreshed, "a permanent session that was read is signed again");
        assertTrue(refreshed.contains("Max-Age=" + Duration.ofDays(31).toSeconds()), refreshed);

        App quiet = app();
        quiet.settings().refreshSessionEachRequest(false);
        TestResponse quietRead = send(quiet, "GET", "/name", cookie);
        assertAnswer(quietRead, 200, "kim");
        assertNull(quietRead.header("Set-Cookie"));
    }

    @Test
    void aTamperedCookieGivesAnEmptySessionNotAnError() {
        App app = app();
        String cookie = cookie(login(app, "alice"), "session");
        String[] parts = cookie.split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"user\":\"root\",\"visits\":1}".getBytes());
        String forged = forgedPayload + "." + parts[1] + "." + parts[2];
        assertAnswer(send(app, "GET", "/whoami", forged), 200, "anonymous");

        // One bit of the MAC's first byte, decoded and re-encoded: always a different signature,
        // whatever the MAC was (no reliance on which characters carry whole bits).
        byte[] mac = Base64.getUrlDecoder().decode(parts[2]);
        mac[0] ^= 0x01;
        String flippedMac = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
        assertFalse(flippedMac.equals(cookie));
        assertAnswer(send(app, "GET", "/whoami", flippedMac), 200, "anonymous");
        assertEquals("alice 1 [admin, editor] true 7.0 Double", send(app, "GET", "/whoami", cookie).text(),
                "the untouched cookie still works, so the two above were refused for the change alone");
    }

    /** Every character of base64url, in order: index = 6-bit value. */
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /** {@code part} with its last character's spare (ignored) bits set: the same bytes, another spelling. */
    private static String withSpareBitsSet(String part) {
        int spare = switch (part.length() % 4) {
            case 2 -> 0x0F;
            case 3 -> 0x03;
            default -> throw new IllegalArgumentException("no spare bits in a part of length " + part.length());
        };
        int last = ALPHABET.indexOf(part.charAt(part.length() - 1));
        return part.substring(0, part.length() - 1) + ALPHABET.charAt(last | spare);
    }

    @Test
    void aNonCanonicalReEncodingOfAValidCookieIsRefused() {
        App app = app();
        String cookie = cookie(login(app, "alice"), "session");
        String[] parts = cookie.split("\\.");
        assertEquals(43, parts[2].length(), "an HMAC-SHA256 is 32 bytes: 43 characters with 2 spare bits");
        String sameMacOtherSpelling = parts[0] + "." + parts[1] + "." + withSpareBitsSet(parts[2]);
        assertFalse(sameMacOtherSpelling.equals(cookie));
        // The JDK's decoder reads both spellings as the same 32 bytes: only the strict check tells them apart.
        assertTrue(java.util.Arrays.equals(Base64.getUrlDecoder().decode(parts[2]),
                Base64.getUrlDecoder().decode(withSpareBitsSet(parts[2]))));
        assertAnswer(send(app, "GET", "/whoami", sameMacOtherSpelling), 200, "anonymous");
        assertAnswer(send(app, "GET", "/whoami", cookie + "="), 200, "anonymous");
        assertAnswer(send(app, "GET", "/whoami", parts[0] + "=." + parts[1] + "." + parts[2]), 200, "anonymous");
        assertEquals("alice 1 [admin, editor] true 7.0 Double", send(app, "GET", "/whoami", cookie).text());
    }

    @Test
    void theSignerNamesWhatIsNotCanonical() {
        CookieSigner signer = new CookieSigner(KEY, List.of());
        long now = 1_700_000_000L;
        String cookie = signer.sign("{\"user\":\"ada\"}", now);
        assertTrue(signer.unsign(cookie, 60, now).valid());
        String[] parts = cookie.split("\\.");
        assertEquals("the signature is not canonical base64url: its last character has non-zero spare bits",
                signer.unsign(parts[0] + "." + parts[1] + "." + withSpareBitsSet(parts[2]), 60, now).rejection());
        assertEquals("the signature has padding ('=') at position 43",
                signer.unsign(cookie + "=", 60, now).rejection());
        assertEquals("the payload has a character outside base64url ('+') at position 0",
                signer.unsign("+" + cookie.substring(1), 60, now).rejection());
        assertEquals("the payload has a length (1) no base64 encoding has",
                signer.unsign("e." + parts[1] + "." + parts[2], 60, now).rejection());
        // The payload "{"user":"ada"}" is 14 bytes: 19 characters, the last with 4 spare bits.
        assertEquals("the payload is not canonical base64url: its last character has non-zero spare bits",
                signer.unsign(withSpareBitsSet(parts[0]) + "." + parts[1] + "." + parts[2], 60, now).rejection());
        String leadingZero = Base64.getUrlEncoder().withoutPadding().encodeToString(("0" + now).getBytes());
        assertEquals("the timestamp is not plain decimal epoch seconds",
                signer.unsign(parts[0] + "." + leadingZero + "." + parts[2], 60, now).rejection());
        String signed = Base64.getUrlEncoder().withoutPadding().encodeToString(("+" + now).getBytes());
        assertEquals("the timestamp is not plain decimal epoch seconds",
                signer.unsign(parts[0] + "." + signed + "." + parts[2], 60, now).rejection());
    }

    @Test
    void malformedCookiesGiveAnEmptySession() {
        App app = app();
        for (String garbage : List.of("garbage", "a.b.c", "..", "%%%.***.!!!", "e30.MTIz", "x".repeat(3000),
                "e30.LTE.AAAA")) {
            assertAnswer(send(app, "GET", "/whoami", garbage), 200, "anonymous");
        }
    }

    @Test
    void anExpiredCookieGivesAnEmptySession() {
        App app = app();
        app.settings().sessionMaxAge(Duration.ofDays(31));
        CookieSigner signer = new CookieSigner(KEY, List.of());
        String json = "{\"user\":\"alice\",\"visits\":1,\"roles\":[],\"prefs\":{\"dark\":false,\"ratio\":2.0}}";
        long now = Instant.now().getEpochSecond();
        String expired = signer.sign(json, now - Duration.ofDays(32).toSeconds());
        assertAnswer(send(app, "GET", "/whoami", expired), 200, "anonymous");

        String fresh = signer.sign(json, now - Duration.ofDays(30).toSeconds());
        assertAnswer(send(app, "GET", "/whoami", fresh), 200, "alice 1 [] false 7.0 Double");
    }

    @Test
    void previousKeysAreAcceptedForReadingButNeverSign() {
        App oldApp = App.withoutExtensionDiscovery().register(new Accounts());
        oldApp.settings().secretKey("the-old-key-0123456789abcdefghij");
        String oldCookie = cookie(login(oldApp, "carol"), "session");

        App rotated = app();
        rotated.settings().previousSecretKeys("the-old-key-0123456789abcdefghij");
        TestResponse whoami = send(rotated, "GET", "/whoami", oldCookie);
        assertEquals(200, whoami.status());
        assertContains(whoami.text(), "carol 1");
        TestResponse visit = send(rotated, "POST", "/visit", oldCookie);
        assertEquals("2", visit.text());
        String resigned = cookie(visit, "session");
        long now = Instant.now().getEpochSecond();
        assertTrue(new CookieSigner(KEY, List.of()).unsign(resigned, 60, now).valid(),
                "written with the current key");
        assertFalse(new CookieSigner("the-old-key-0123456789abcdefghij", List.of()).unsign(resigned, 60, now)
                .valid(), "never signed with a previous key");

        App forgotten = app();
        assertEquals("anonymous", send(forgotten, "GET", "/whoami", oldCookie).text());
    }

    @Test
    void instancesSharingTheKeyServeTheSameUsers() {
        App first = app();
        App second = app();
        String cookie = cookie(login(first, "dana"), "session");
        assertContains(send(second, "GET", "/whoami", cookie).text(), "dana 1");
    }

    @Test
    void withoutASecretKeyTheErrorSaysHowToSetOne() {
        App app = App.withoutExtensionDiscovery().register(new Accounts());
        if (System.getenv(Environment.SECRET_KEY_VARIABLE) != null) {
            return;
        }
        TestResponse whoami = send(app, "GET", "/whoami", null);
        assertEquals(500, whoami.status());
        assertContains(whoami.text(), "MICROFLASK_SECRET_KEY");
        assertContains(whoami.text(), "secretKey(");
    }

    @Test
    void storingAnObjectIsRefusedWithItsType() {
        TestResponse stored = send(app(), "POST", "/store-object", null);
        assertEquals(500, stored.status());
        assertContains(stored.text(), "java.lang.Object");
        assertContains(stored.text(), "session value 'thing'");
        assertNull(stored.header("Set-Cookie"));
    }

    @Test
    void jsonRoundTripsAndRejectsMalformedOrDeepInput() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("s", "quote \" backslash \\ newline \n tab \t unicode é \u0001");
        value.put("n", 42);
        value.put("big", Long.MAX_VALUE);
        value.put("d", -0.25);
        value.put("whole", 3.0);
        value.put("b", false);
        value.put("nothing", null);
        value.put("list", List.of(1, "two", List.of()));
        Object normalized = JsonValues.normalize(value, "value");
        assertEquals(normalized, JsonValues.parse(JsonValues.encode(normalized)));
        assertEquals(42L, ((Map<?, ?>) normalized).get("n"));

        for (String bad : List.of("", "{", "{\"a\":}", "[1,]", "{\"a\":1,\"a\":2}", "01", "1.", "\"\\x\"", "nul",
                "{\"a\":1} x", "\"unterminated", "{'a':1}", "NaN", "[" .repeat(40) + "]".repeat(40))) {
            assertThrows(JsonValues.MalformedJsonException.class, () -> JsonValues.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> JsonValues.normalize(Map.of(1, "x"), "v"));
        assertThrows(IllegalArgumentException.class, () -> JsonValues.normalize(Double.NaN, "v"));
    }

    public static class Login {
        @Route(value = "/plant", methods = "POST")
        public String plant(Session session) {
            session.put("csrf", "known-to-the-planter");
            session.put("user", "mallory");
            session.permanent(true);
            return "planted";
        }

        @Route(value = "/login", methods = "POST")
        public String login(Request request, Session session) {
            String before = session.id();
            session.regenerate();
            session.put("user", request.form("user"));
            return before + " -> " + (session.id() == null ? "no id" : "id of " + session.id().length()) + " "
                    + session.fromCookie() + " " + session.modified();
        }

        @Route("/state")
        public String state(Session session) {
            return session.keys() + " " + session.getString("user") + " " + session.getString("csrf") + " "
                    + session.permanent();
        }
    }

    @Test
    void regenerateAtLoginDropsWhatAPlantedSessionHeldAndIssuesACookieNeverSeenBefore() {
        App app = App.withoutExtensionDiscovery().register(new Login());
        app.settings().secretKey(KEY);
        String planted = cookie(app.testClient().request("POST", "/plant").send(), "session");
        assertEquals("[csrf, user, _permanent] mallory known-to-the-planter true",
                send(app, "GET", "/state", planted).text());

        TestResponse first = loginAs(app, "ada", planted);
        assertEquals("null -> id of 22 false true", first.text());
        String loggedIn = cookie(first, "session");
        assertNotNull(loggedIn);
        assertEquals("[_id, user] ada null false", send(app, "GET", "/state", loggedIn).text(),
                "nothing the planted session held survives the login; the user is the one who logged in");
        assertFalse(first.header("Set-Cookie").contains("Max-Age"), "not permanent unless set again");

        // The same login from the same planted cookie, in the same second: still another cookie and id.
        String again = cookie(loginAs(app, "ada", planted), "session");
        assertFalse(again.equals(loggedIn));
        String firstId = JsonValues.parse(new String(Base64.getUrlDecoder().decode(loggedIn.split("\\.")[0])))
                .toString();
        String secondId = JsonValues.parse(new String(Base64.getUrlDecoder().decode(again.split("\\.")[0])))
                .toString();
        assertFalse(firstId.equals(secondId), firstId + " vs " + secondId);
        // A session regenerated again gets a new id: the id tells one login from the next.
        String relogin = loginAs(app, "ada", loggedIn).text();
        assertTrue(relogin.matches("[A-Za-z0-9_-]{22} -> id of 22 false true"), relogin);
    }

    private static TestResponse loginAs(App app, String user, String sessionCookie) {
        return app.testClient().request("POST", "/login").header("Cookie", "session=" + sessionCookie)
                .body("application/x-www-form-urlencoded", "user=" + user).send();
    }
}
