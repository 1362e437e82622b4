package io.microflask;

import io.microflask.testsupport.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** authorization(), accepts(...), isSecure() and cookies with Expires, Partitioned and a scoped delete; through a real server. */
class RequestHelpersTest {

    public static class Probe {
        @Route("/auth")
        public String auth(Request request) {
            Authorization auth = request.authorization();
            if (auth == null) {
                return "none";
            }
            if (auth.isBasic()) {
                return "basic " + auth.username() + " " + auth.password();
            }
            return auth.isBearer() ? "bearer " + auth.token() : "other " + auth.scheme() + " " + auth.credentials();
        }

        @Route("/negotiate")
        public String negotiate(Request request) {
            return String.valueOf(request.accepts("application/json", "text/html"));
        }

        @Route("/secure")
        public String secure(Request request) {
            return "secure=" + request.isSecure();
        }

        @Route("/cookies")
        public Response cookies() {
            return Response.text("set")
                    .cookie(new Cookie("until", "x").expires(Instant.parse("2030-01-02T03:04:05Z")))
                    .cookie(new Cookie("widget", "y").partitioned(true).sameSite(Cookie.SameSite.NONE))
                    .deleteCookie("prefs", "/app", "example.com");
        }
    }

    @RegisterExtension
    static final RunningApp server = RunningApp.of(() -> {
        App app = new App().register(new Probe());
        app.settings().trustedProxies("127.0.0.1/32");
        return app;
    });

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void authorizationParsesBasicAndBearer() {
        given().baseUri(server.url()).header("Authorization", basic("ada:s3cr:et")).get("/auth")
                .then().body(equalTo("basic ada s3cr:et"));
        given().baseUri(server.url()).header("Authorization", basic("jörg:")).get("/auth")
                .then().body(equalTo("basic jörg "));
        given().baseUri(server.url()).header("Authorization", "bearer abc.DEF-123_~+/=").get("/auth")
                .then().body(equalTo("bearer abc.DEF-123_~+/="));
        given().baseUri(server.url()).header("Authorization", "Digest username=\"x\"").get("/auth")
                .then().body(equalTo("other Digest username=\"x\""));
        given().baseUri(server.url()).get("/auth").then().body(equalTo("none"));
        given().baseUri(server.url()).header("Authorization", "Basic !!!").get("/auth").then().body(equalTo("none"));
        given().baseUri(server.url()).header("Authorization", basic("no-colon")).get("/auth").then().body(equalTo("none"));
        given().baseUri(server.url()).header("Authorization", "Bearer a b").get("/auth").then().body(equalTo("none"));
        assertEquals("Authorization[basic user=ada]", Authorization.parse(basic("ada:pw")).toString(),
                "the password never reaches a log line");
    }

    @Test
    void acceptsPicksTheBestOfferedTypeByQualityAndSpecificity() {
        String[][] cases = {
                {null, "application/json"},
                {"text/html", "text/html"},
                {"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"},
                {"application/json;q=0.5, text/html;q=0.9", "text/html"},
                {"*/*", "application/json"},
                {"text/*", "text/html"},
                {"text/*;q=0.3, application/json;q=0.2", "text/html"},
                {"application/*;q=0.1, */*;q=0", "application/json"},
                {"image/png", "null"},
                {"text/html;q=0, */*", "application/json"},
                {"application/json;q=abc, text/html", "text/html"},
        };
        for (String[] c : cases) {
            var spec = given().baseUri(server.url());
            if (c[0] != null) {
                spec.header("Accept", c[0]);
            }
            spec.get("/negotiate").then().body(equalTo(c[1]));
        }
    }

    @Test
    void isSecureFollowsTheSchemeAndATrustedProxy() {
        given().baseUri(server.url()).get("/secure").then().body(equalTo("secure=false"));
        given().baseUri(server.url()).header("X-Forwarded-Proto", "https").get("/secure").then().body(equalTo("secure=true"));
    }

    @Test
    void cookiesWithExpiresPartitionedAndADeleteWithPathAndDomain() {
        java.util.List<String> set = given().baseUri(server.url()).get("/cookies").then().statusCode(200)
                .extract().headers().getValues("Set-Cookie");
        assertEquals(java.util.List.of(
                "until=x; Path=/; Expires=Wed, 02 Jan 2030 03:04:05 GMT; HttpOnly; SameSite=Lax",
                "widget=y; Path=/; Secure; HttpOnly; SameSite=None; Partitioned",
                "prefs=; Path=/app; Domain=example.com; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; "
                        + "SameSite=Lax"), set);
    }

    @Test
    void aDeleteOverridesAnExpiresGivenBefore() {
        Cookie both = new Cookie("a", "b").expires(Instant.parse("2030-01-01T00:00:00Z")).maxAge(Duration.ZERO);
        assertTrue(both.toSetCookieHeader().contains("Max-Age=0"), both.toSetCookieHeader());
        assertTrue(!both.toSetCookieHeader().contains("2030"), both.toSetCookieHeader());
        assertNull(new Cookie("a", "b").expires());
        assertThrows(IllegalArgumentException.class, () -> Cookie.expired("a", "/x", "bad domain"));
    }
}
