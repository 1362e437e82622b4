package io.microflask.session;

import io.microflask.run.Environment;

import io.microflask.util.JsonValues;
import io.microflask.Session;
import io.microflask.App;
import io.microflask.ErrorHandler;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;
import io.microflask.RunningServer;
import io.restassured.response.ExtractableResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionTest {
    static final String KEY = "test-secret-key-0123456789abcdef";

    private final List<RunningServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(RunningServer::close);
    }

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

    private String start(App app) {
        RunningServer server = app.start("127.0.0.1", 0);
        servers.add(server);
        return server.url();
    }

    private App app() {
        App app = App.withoutExtensionDiscovery().register(new Accounts());
        app.settings().secretKey(KEY);
        return app;
    }

    private static ExtractableResponse<io.restassured.response.Response> login(String url, String user) {
        return given().baseUri(url).formParam("user", user).post("/login").then().statusCode(200).extract();
    }

    @Test
    void sessionSurvivesInASignedHttpOnlyLaxCookieAndKeepsJsonTypes() {
        String url = start(app());
        ExtractableResponse<io.restassured.response.Response> login = login(url, "alice");
        String setCookie = login.header("Set-Cookie");
        assertNotNull(setCookie);
        assertTrue(setCookie.startsWith("session="), setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
        assertTrue(setCookie.contains("Path=/"), setCookie);
        assertFalse(setCookie.contains("Secure"), setCookie);
        assertFalse(setCookie.contains("Max-Age"), "not permanent: a browser-session cookie; " + setCookie);
        String cookie = login.cookie("session");
        assertEquals(3, cookie.split("\\.").length, cookie);
        String payload = new String(Base64.getUrlDecoder().decode(cookie.split("\\.")[0]));
        assertTrue(payload.contains("\"user\":\"alice\""), "the session is readable JSON, not Java serialization: "
                + payload);

        given().baseUri(url).cookie("session", cookie).get("/whoami").then().statusCode(200)
                .body(equalTo("alice 1 [admin, editor] true 7.0 Double"))
                .header("Set-Cookie", nullValue())
                .header("Vary", containsString("Cookie"));
    }

    @Test
    void aChangeRewritesTheCookieAndClearDeletesIt() {
        String url = start(app());
        String cookie = login(url, "bob").cookie("session");
        ExtractableResponse<io.restassured.response.Response> visit = given().baseUri(url).cookie("session", cookie)
                .post("/visit").then().statusCode(200).body(equalTo("2")).extract();
        String updated = visit.cookie("session");
        assertNotNull(updated);
        given().baseUri(url).cookie("session", updated).post("/visit").then().body(equalTo("3"));

        String deleted = given().baseUri(url).cookie("session", updated).post("/logout").then().statusCode(200)
                .extract().header("Set-Cookie");
        assertTrue(deleted.startsWith("session=;"), deleted);
        assertTrue(deleted.contains("Max-Age=0"), deleted);
    }

    @Test
    void secureFlagAndPermanentMaxAgeFollowTheSettings() {
        App app = app();
        app.settings().sessionCookieSecure(true).sessionMaxAge(Duration.ofDays(2));
        String url = start(app);
        String setCookie = given().baseUri(url).post("/remember").then().statusCode(200).extract()
                .header("Set-Cookie");
        assertTrue(setCookie.contains("; Secure"), setCookie);
        assertTrue(setCookie.contains("Max-Age=172800"), setCookie);
    }

    @Test
    void aPermanentSessionIsRefreshedWhenReadUnlessTurnedOff() {
        String url = start(app());
        String cookie = given().baseUri(url).post("/remember").then().extract().cookie("session");
        String refreshed = given().baseUri(url).cookie("session", cookie).get("/name").then().statusCode(200)
                .body(equalTo("kim")).extract().header("Set-Cookie");
        assertNotNull(refreshed, "a permanent session that was read is signed again");
        assertTrue(refreshed.contains("Max-Age=" + Duration.ofDays(31).toSeconds()), refreshed);

        App quiet = app();
        quiet.settings().refreshSessionEachRequest(false);
        given().baseUri(start(quiet)).cookie("session", cookie).get("/name").then().statusCode(200)
                .body(equalTo("kim")).header("Set-Cookie", nullValue());
    }

    @Test
    void aTamperedCookieGivesAnEmptySessionNotAnError() {
        String url = start(app());
        String cookie = login(url, "alice").cookie("session");
        String[] parts = cookie.split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"user\":\"root\",\"visits\":1}".getBytes());
        String forged = forgedPayload + "." + parts[1] + "." + parts[2];
        given().baseUri(url).cookie("session", forged).get("/whoami").then().statusCode(200)
                .body(equalTo("anonymous"));

        char last = parts[2].charAt(parts[2].length() - 1);
        String flippedMac = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 1)
                + (last == 'A' ? 'B' : 'A');
        given().baseUri(url).cookie("session", flippedMac).get("/whoami").then().statusCode(200)
                .body(equalTo("anonymous"));
    }

    @Test
    void malformedCookiesGiveAnEmptySession() {
        String url = start(app());
        for (String garbage : List.of("garbage", "a.b.c", "..", "%%%.***.!!!", "e30.MTIz", "x".repeat(3000),
                "e30.LTE.AAAA")) {
            given().baseUri(url).cookie("session", garbage).get("/whoami").then().statusCode(200)
                    .body(equalTo("anonymous"));
        }
    }

    @Test
    void anExpiredCookieGivesAnEmptySession() {
        App app = app();
        app.settings().sessionMaxAge(Duration.ofDays(31));
        String url = start(app);
        CookieSigner signer = new CookieSigner(KEY, List.of());
        String json = "{\"user\":\"alice\",\"visits\":1,\"roles\":[],\"prefs\":{\"dark\":false,\"ratio\":2.0}}";
        long now = Instant.now().getEpochSecond();
        String expired = signer.sign(json, now - Duration.ofDays(32).toSeconds());
        given().baseUri(url).cookie("session", expired).get("/whoami").then().statusCode(200)
                .body(equalTo("anonymous"));

        String fresh = signer.sign(json, now - Duration.ofDays(30).toSeconds());
        given().baseUri(url).cookie("session", fresh).get("/whoami").then().statusCode(200)
                .body(equalTo("alice 1 [] false 7.0 Double"));
    }

    @Test
    void previousKeysAreAcceptedForReadingButNeverSign() {
        App oldApp = App.withoutExtensionDiscovery().register(new Accounts());
        oldApp.settings().secretKey("the-old-key-0123456789abcdefghij");
        String oldCookie = login(start(oldApp), "carol").cookie("session");

        App rotated = app();
        rotated.settings().previousSecretKeys("the-old-key-0123456789abcdefghij");
        String url = start(rotated);
        given().baseUri(url).cookie("session", oldCookie).get("/whoami").then().statusCode(200)
                .body(containsString("carol 1"));
        String resigned = given().baseUri(url).cookie("session", oldCookie).post("/visit").then()
                .body(equalTo("2")).extract().cookie("session");
        long now = Instant.now().getEpochSecond();
        assertTrue(new CookieSigner(KEY, List.of()).unsign(resigned, 60, now).valid(),
                "written with the current key");
        assertFalse(new CookieSigner("the-old-key-0123456789abcdefghij", List.of()).unsign(resigned, 60, now)
                .valid(), "never signed with a previous key");

        App forgotten = app();
        given().baseUri(start(forgotten)).cookie("session", oldCookie).get("/whoami").then()
                .body(equalTo("anonymous"));
    }

    @Test
    void instancesSharingTheKeyServeTheSameUsers() {
        String first = start(app());
        String second = start(app());
        String cookie = login(first, "dana").cookie("session");
        given().baseUri(second).cookie("session", cookie).get("/whoami").then().body(containsString("dana 1"));
    }

    @Test
    void withoutASecretKeyTheErrorSaysHowToSetOne() {
        App app = App.withoutExtensionDiscovery().register(new Accounts());
        String url = start(app);
        if (System.getenv(Environment.SECRET_KEY_VARIABLE) != null) {
            return;
        }
        given().baseUri(url).get("/whoami").then().statusCode(500)
                .body(allOf(containsString("MICROFLASK_SECRET_KEY"), containsString("secretKey(")));
    }

    @Test
    void storingAnObjectIsRefusedWithItsType() {
        String url = start(app());
        given().baseUri(url).post("/store-object").then().statusCode(500)
                .body(allOf(containsString("java.lang.Object"), containsString("session value 'thing'")))
                .header("Set-Cookie", nullValue());
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
}
