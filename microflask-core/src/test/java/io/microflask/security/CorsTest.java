package io.microflask.security;

import io.microflask.App;
import io.microflask.BeforeRequest;
import io.microflask.Cors;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;
import io.microflask.testsupport.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CORS through a real server: preflights, the headers of answers, scopes by prefix. */
class CorsTest {

    @Route("/api")
    public static class Api {
        @Route("/notes")
        public String list() {
            return "[]";
        }

        @Route(value = "/notes", methods = "POST")
        public String add(Request request) {
            return "added " + request.form("text");
        }

        @BeforeRequest
        public Response loginRequired(Request request) {
            // A login hook that would redirect everything without a cookie: preflights come before it.
            return request.header("Cookie") == null && !request.method().equals("GET")
                    ? Response.redirect("/login", 303) : null;
        }
    }

    public static class Pages {
        @Route("/page")
        public String page() {
            return "page";
        }

        @Route("/public/feed")
        public String feed() {
            return "feed";
        }
    }

    @RegisterExtension
    static final RunningApp server = RunningApp.of(() -> {
        App app = new App().register(new Api(), new Pages());
        app.settings()
                .cors("/api", Cors.allowOrigins("https://app.example.com", "https://*.example.org")
                        .allowMethods("GET", "POST", "DELETE")
                        .allowHeaders("Content-Type", "X-CSRF-Token")
                        .exposeHeaders("X-Total")
                        .allowCredentials(true)
                        .maxAge(Duration.ofMinutes(5)))
                .cors("/public", Cors.allowOrigins("*"));
        return app;
    });

    @Test
    void aPreflightIsAnsweredBeforeRoutingAndTheHooks() {
        given().baseUri(server.url()).header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "DELETE")
                .header("Access-Control-Request-Headers", "content-type, x-csrf-token")
                .options("/api/notes").then().statusCode(204)
                .header("Access-Control-Allow-Origin", "https://app.example.com")
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Allow-Methods", "GET, POST, DELETE")
                .header("Access-Control-Allow-Headers", "content-type, x-csrf-token")
                .header("Access-Control-Max-Age", "300")
                .header("Vary", containsString("Origin"))
                .body(emptyString());
        // DELETE has no route: the preflight is answered all the same, not with routing's 405.
        given().baseUri(server.url()).header("Origin", "https://deep.sub.example.org")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/notes").then().statusCode(204)
                .header("Access-Control-Allow-Origin", "https://deep.sub.example.org");
    }

    @Test
    void aPreflightOutsideThePolicyIsRefusedSayingWhy() {
        given().baseUri(server.url()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/notes").then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue())
                .body(containsString("the origin https://evil.example is not allowed"));
        given().baseUri(server.url()).header("Origin", "https://example.org")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/notes").then().statusCode(403);
        given().baseUri(server.url()).header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "PUT")
                .options("/api/notes").then().statusCode(403).body(containsString("the method PUT"));
        given().baseUri(server.url()).header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-secret")
                .options("/api/notes").then().statusCode(403).body(containsString("x-secret"));
    }

    @Test
    void answersToAnAllowedOriginCarryTheHeadersAndEveryAnswerVariesByOrigin() {
        given().baseUri(server.url()).header("Origin", "https://app.example.com").get("/api/notes")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://app.example.com")
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Expose-Headers", "X-Total")
                .header("Vary", containsString("Origin"));
        given().baseUri(server.url()).header("Origin", "https://evil.example").get("/api/notes")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Vary", containsString("Origin"));
        given().baseUri(server.url()).get("/api/notes").then().header("Vary", containsString("Origin"));
        given().baseUri(server.url()).header("Origin", "https://app.example.com").get("/page")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Vary", not(containsString("Origin")));
        given().baseUri(server.url()).header("Origin", "https://anyone.example").get("/public/feed")
                .then().header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Credentials", nullValue());
        // An ordinary OPTIONS (no preflight) is still routing's answer.
        given().baseUri(server.url()).cookie("session", "x").options("/api/notes").then().statusCode(200)
                .header("Allow", containsString("POST"));
    }

    @Test
    void anOriginAllowedWithCredentialsPassesCsrfProtectionOthersDoNot() {
        given().baseUri(server.url()).header("Origin", "https://app.example.com").header("Sec-Fetch-Site", "cross-site")
                .cookie("session", "x").contentType("application/x-www-form-urlencoded").body("text=hi")
                .post("/api/notes").then().statusCode(200).body(equalTo("added hi"));
        given().baseUri(server.url()).header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site")
                .cookie("session", "x").contentType("application/x-www-form-urlencoded").body("text=hi")
                .post("/api/notes").then().statusCode(400);
    }

    @Test
    void policiesAreCheckedWhenTheyAreMade() {
        assertThrows(IllegalArgumentException.class, () -> Cors.allowOrigins("*").allowCredentials(true));
        assertThrows(IllegalArgumentException.class, () -> Cors.allowOrigins("app.example.com"));
        assertThrows(IllegalArgumentException.class, () -> Cors.allowOrigins("https://app.example.com/path"));
        assertThrows(IllegalArgumentException.class, () -> Cors.allowOrigins("https://*"));
        assertThrows(IllegalArgumentException.class, () -> Cors.allowOrigins());
        assertThrows(IllegalArgumentException.class, () -> Cors.allowOrigins("https://a.com").allowMethods("GE T"));
        assertThrows(IllegalArgumentException.class, () -> new App().settings().cors("api", Cors.allowOrigins("*")));
        Cors policy = Cors.allowOrigins("https://App.Example.com:443", "http://localhost:3000");
        assertTrue(policy.allowsOrigin("https://app.example.com"));
        assertTrue(policy.allowsOrigin("http://localhost:3000"));
        assertFalse(policy.allowsOrigin("http://localhost:3001"));
        assertFalse(policy.allowsOrigin("null"));
        Cors matching = Cors.allowOriginsMatching(Pattern.compile("https://(app|admin)\\.example\\.com"));
        assertTrue(matching.allowsOrigin("https://admin.example.com"));
        assertFalse(matching.allowsOrigin("https://evil.example.com"));
        Cors sub = Cors.allowOrigins("https://*.example.com");
        assertTrue(sub.allowsOrigin("https://a.example.com"));
        assertFalse(sub.allowsOrigin("https://example.com"));
        assertFalse(sub.allowsOrigin("https://a.example.com.evil.net"));
        assertFalse(sub.allowsOrigin("http://a.example.com"));
    }
}
