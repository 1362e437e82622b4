package io.microflask;

import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forwarded headers are believed only from trusted proxies: then the client's address, the scheme
 * and the host are the ones the proxy reports, in {@link Request} and in absolute redirects;
 * otherwise they are ignored, since any client can send them.
 */
class TrustedProxiesTest {
    private RunningServer server;

    public static class Probe {
        @Route("/whoami")
        public String whoami(Request request) {
            return request.remoteIp() + " " + request.scheme() + " " + request.host() + " " + request.url()
                    + " local=" + request.isLocalClient();
        }

        @Route("/old")
        public Response old(Request request) {
            return Response.redirect(request.baseUrl() + "/new");
        }

        @Route(value = "/login", methods = "POST")
        public String login(Request request) {
            request.session().put("user", "ada");
            return "welcome";
        }
    }

    /** Starts a server with these settings; each call of the supplier is a fresh request (specs are mutable). */
    private Supplier<RequestSpecification> client(Consumer<Settings> settings) {
        App app = new App();
        // Probe uses the session, so a production start needs a key (SecretKeyAtStartTest).
        app.settings().secretKey(KEY);
        settings.accept(app.settings());
        server = app.register(new Probe()).start("127.0.0.1", 0);
        int port = server.port();
        // As a browser sends for a page of the app's own: the logins below pass CSRF protection.
        return () -> given().baseUri("http://127.0.0.1").port(port).header("Sec-Fetch-Site", "same-origin")
                .config(RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig().followRedirects(false)));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static RequestSpecification withEveryForwardedHeader(RequestSpecification spec) {
        return spec.header("X-Forwarded-For", "203.0.113.7")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "shop.example.com")
                .header("Host", "10.0.0.2:8080");
    }

    @Test
    void withoutTheSettingForwardedHeadersAreIgnored() {
        Supplier<RequestSpecification> client = client(settings -> { });
        String expected = "127.0.0.1 http 10.0.0.2:8080 http://10.0.0.2:8080/whoami local=true";
        withEveryForwardedHeader(client.get()).get("/whoami").then().statusCode(200).body(equalTo(expected));
        withEveryForwardedHeader(client.get())
                .header("Forwarded", "for=198.51.100.1;proto=https;host=evil.example")
                .get("/whoami").then().body(equalTo(expected));
    }

    @Test
    void fromAnUntrustedPeerForwardedHeadersAreIgnored() {
        Supplier<RequestSpecification> client = client(settings -> settings.trustedProxies("10.0.0.0/8", "fd00::/8"));
        withEveryForwardedHeader(client.get()).get("/whoami").then()
                .body(equalTo("127.0.0.1 http 10.0.0.2:8080 http://10.0.0.2:8080/whoami local=true"));
    }

    @Test
    void fromATrustedProxyTheClientSchemeAndHostAreTheForwardedOnes() {
        Supplier<RequestSpecification> client = client(settings -> settings.trustedProxies("127.0.0.1"));
        withEveryForwardedHeader(client.get()).get("/whoami").then().statusCode(200)
                .body(equalTo("203.0.113.7 https shop.example.com https://shop.example.com/whoami local=false"));
    }

    @Test
    void absoluteRedirectsUseTheForwardedSchemeAndHost() {
        Supplier<RequestSpecification> trusting = client(settings -> settings.trustedProxies("127.0.0.0/8"));
        withEveryForwardedHeader(trusting.get()).get("/old").then().statusCode(302)
                .header("Location", "https://shop.example.com/new");
        server.close();
        Supplier<RequestSpecification> ignoring = client(settings -> { });
        withEveryForwardedHeader(ignoring.get()).get("/old").then().statusCode(302)
                .header("Location", "http://10.0.0.2:8080/new");
    }

    @Test
    void theForwardedForChainIsFollowedOnlyThroughTrustedHops() {
        Supplier<RequestSpecification> client = client(settings -> settings.trustedProxies("127.0.0.1", "10.0.0.0/8"));
        // 6.6.6.6 was written by the client itself: the first untrusted hop from the right is the client.
        client.get().header("X-Forwarded-For", "6.6.6.6, 198.51.100.9, 10.1.2.3").get("/whoami").then()
                .body(equalTo("198.51.100.9 http 127.0.0.1:" + server.port() + " http://127.0.0.1:" + server.port()
                        + "/whoami local=false"));
        // Two headers are one list, in order.
        client.get().header("X-Forwarded-For", "198.51.100.9").header("X-Forwarded-For", "10.9.9.9")
                .get("/whoami").then().body(org.hamcrest.Matchers.startsWith("198.51.100.9 "));
        // A hop that is not an address ends the walk at the last trusted one.
        client.get().header("X-Forwarded-For", "unknown, 10.1.2.3").get("/whoami").then()
                .body(org.hamcrest.Matchers.startsWith("10.1.2.3 "));
    }

    @Test
    void onlyTheValueTheTrustedProxyAppendedIsBelieved() {
        Supplier<RequestSpecification> client = client(settings -> settings.trustedProxies("127.0.0.1"));
        client.get().header("X-Forwarded-Proto", "https, http").header("X-Forwarded-Host", "evil.example, good.example")
                .get("/whoami").then()
                .body(org.hamcrest.Matchers.startsWith("127.0.0.1 http good.example "));
    }

    @Test
    void invalidForwardedValuesAreIgnored() {
        Supplier<RequestSpecification> client = client(settings -> settings.trustedProxies("127.0.0.1"));
        client.get().header("Host", "app.example").header("X-Forwarded-Proto", "javascript")
                .header("X-Forwarded-Host", "evil.example/path?x").header("X-Forwarded-For", "not-an-ip")
                .get("/whoami").then()
                .body(equalTo("127.0.0.1 http app.example http://app.example/whoami local=true"));
    }

    @Test
    void rfc7239ForwardedIsUnderstoodAndWinsOverXForwarded() {
        Supplier<RequestSpecification> client = client(settings -> settings.trustedProxies("127.0.0.1", "10.0.0.0/8"));
        client.get().header("Forwarded", "for=192.0.2.60;proto=https;host=example.org, for=10.0.0.9")
                .header("X-Forwarded-For", "203.0.113.7").header("X-Forwarded-Host", "other.example")
                .get("/whoami").then()
                .body(equalTo("192.0.2.60 https example.org https://example.org/whoami local=false"));
        client.get().header("Forwarded", "For=\"[2001:db8:cafe::17]:4711\";Proto=HTTPS").get("/whoami").then()
                .body(org.hamcrest.Matchers.startsWith("2001:db8:cafe:0:0:0:0:17 https "));
        // An element added by an untrusted hop (here 198.51.100.1 itself) is not believed.
        client.get().header("Forwarded", "for=6.6.6.6;host=evil.example, for=198.51.100.1;proto=https")
                .get("/whoami").then()
                .body(org.hamcrest.Matchers.startsWith("198.51.100.1 https 127.0.0.1:"));
    }

    private static final String KEY = "test-key-0123456789abcdef0123456789abcdef";

    @Test
    void theSessionCookieIsSecureWhenATrustedProxySaysTheRequestCameOverHttps() {
        Supplier<RequestSpecification> client = client(settings -> settings.trustedProxies("127.0.0.1").secretKey(KEY));
        String viaHttps = client.get().header("X-Forwarded-Proto", "https").post("/login").then().statusCode(200)
                .extract().header("Set-Cookie");
        assertTrue(viaHttps.startsWith("session=") && viaHttps.contains("; Secure"), viaHttps);
        String viaForwarded = client.get().header("Forwarded", "for=203.0.113.7;proto=https").post("/login")
                .then().extract().header("Set-Cookie");
        assertTrue(viaForwarded.contains("; Secure"), viaForwarded);
        String plain = client.get().post("/login").then().extract().header("Set-Cookie");
        assertTrue(plain.startsWith("session=") && !plain.contains("Secure"), plain);
    }

    @Test
    void anUntrustedPeerCannotClaimHttpsAndSessionCookieSecureMeansAlways() {
        Supplier<RequestSpecification> untrusting = client(settings -> settings.secretKey(KEY));
        String claimed = untrusting.get().header("X-Forwarded-Proto", "https").post("/login").then()
                .extract().header("Set-Cookie");
        assertTrue(claimed.startsWith("session=") && !claimed.contains("Secure"), claimed);
        server.close();
        Supplier<RequestSpecification> always = client(settings -> settings.secretKey(KEY).sessionCookieSecure(true));
        String plain = always.get().post("/login").then().extract().header("Set-Cookie");
        assertTrue(plain.contains("; Secure"), plain);
    }

    @Test
    void aPredicateCanDecideWhichPeersAreTrusted() {
        Supplier<RequestSpecification> client = client(settings -> settings.trustedProxies(InetAddress::isLoopbackAddress));
        client.get().header("X-Forwarded-For", "203.0.113.7").get("/whoami").then()
                .body(org.hamcrest.Matchers.startsWith("203.0.113.7 http "));
    }

    @Test
    void badRangesAreRejectedWithTheSettingNamed() {
        Settings settings = new App().settings();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings.trustedProxies("proxy.internal"));
        assertTrue(e.getMessage().contains("trustedProxies") && e.getMessage().contains("proxy.internal"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> settings.trustedProxies("10.0.0.0/33"));
        assertTrue(e.getMessage().contains("0-32"), e.getMessage());
        assertEquals(java.util.List.of("10.0.0.0/8", "::1/128"),
                settings.trustedProxies("10.1.2.3/8", "::1").trustedProxyRanges());
    }
}
