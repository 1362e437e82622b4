package io.microflask.security;

import io.microflask.App;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;
import io.microflask.RunningServer;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The security headers by default, each a setting, and HSTS only over HTTPS; through a real server. */
class SecurityHeadersTest {

    public static class Pages {
        @Route("/")
        public String index() {
            return "<p>hi</p>";
        }

        @Route("/embeddable")
        public Response embeddable() {
            return Response.html("<p>frame me</p>").header("X-Frame-Options", "DENY");
        }

        @Route("/secure")
        public String secure(Request request) {
            return "secure=" + request.isSecure();
        }
    }

    private static RunningServer start(App app) {
        return app.register(new Pages()).start("127.0.0.1", 0, false);
    }

    @Test
    void everyAnswerCarriesTheDefaults() {
        try (RunningServer server = start(new App())) {
            given().baseUri(server.url()).get("/").then().statusCode(200)
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "strict-origin-when-cross-origin")
                    .header("X-Frame-Options", "SAMEORIGIN")
                    .header("Content-Security-Policy", nullValue())
                    .header("Strict-Transport-Security", nullValue());
            given().baseUri(server.url()).get("/missing").then().statusCode(404)
                    .header("X-Content-Type-Options", "nosniff");
            given().baseUri(server.url()).get("/embeddable").then().header("X-Frame-Options", "DENY");
        }
    }

    @Test
    void eachIsASetting() {
        App app = new App();
        app.settings().contentTypeNosniff(false).referrerPolicy("no-referrer").frameOptions(null)
                .contentSecurityPolicy("default-src 'self'; frame-ancestors 'self' https://partner.example");
        try (RunningServer server = start(app)) {
            given().baseUri(server.url()).get("/").then()
                    .header("X-Content-Type-Options", nullValue())
                    .header("Referrer-Policy", "no-referrer")
                    .header("X-Frame-Options", nullValue())
                    .header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'self' https://partner.example");
        }
        assertThrows(IllegalArgumentException.class, () -> new App().settings().frameOptions("ALLOW-FROM x"));
        assertThrows(IllegalArgumentException.class, () -> new App().settings().referrerPolicy("a\r\nb"));
    }

    @Test
    void hstsOnlyOverHttpsAsATrustedProxyReportsItAndNeverForLocalhost() {
        App app = new App();
        app.settings().trustedProxies("127.0.0.1/32");
        try (RunningServer server = start(app)) {
            given().baseUri(server.url()).header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "shop.example.com")
                    .get("/secure").then().statusCode(200)
                    .header("Strict-Transport-Security", "max-age=31536000");
            given().baseUri(server.url()).header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "localhost:8443")
                    .get("/secure").then().header("Strict-Transport-Security", nullValue());
            given().baseUri(server.url()).header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "192.0.2.7")
                    .get("/secure").then().header("Strict-Transport-Security", nullValue());
            given().baseUri(server.url()).header("X-Forwarded-Host", "shop.example.com")
                    .get("/secure").then().header("Strict-Transport-Security", nullValue());
        }
        App untrusting = new App();
        try (RunningServer server = start(untrusting)) {
            given().baseUri(server.url()).header("X-Forwarded-Proto", "https").header("Host", "shop.example.com")
                    .get("/secure").then().header("Strict-Transport-Security", nullValue());
        }
    }
}
