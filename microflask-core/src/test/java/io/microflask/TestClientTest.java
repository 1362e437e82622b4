package io.microflask;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-process test client goes through the same pipeline as a socket: codec, limits, routing, cookies. */
class TestClientTest {

    public static class Pages {
        @Route("/")
        public String index() {
            return "home";
        }

        @Route(value = "/login", methods = "POST")
        public Response login(Request request) {
            return Response.redirect("/me", 303).cookie("user", request.form("name"));
        }

        @Route("/me")
        public String me(Request request) {
            String user = request.cookie("user");
            return user == null ? "nobody" : "me: " + user;
        }

        @Route(value = "/logout", methods = "POST")
        public Response logout() {
            return Response.redirect("/", 303).deleteCookie("user");
        }

        @Route(value = "/size", methods = "POST")
        public String size(Request request) {
            return Integer.toString(request.bodyLength());
        }
    }

    @Test
    void getAndHead() {
        TestClient client = new App().register(new Pages()).testClient();
        TestResponse r = client.get("/");
        assertEquals(200, r.status());
        assertEquals("home", r.text());
        assertEquals("text/html; charset=utf-8", r.contentType());
        TestResponse head = client.head("/");
        assertEquals(200, head.status());
        assertEquals("4", head.header("Content-Length"));
        assertEquals(0, head.body().length);
    }

    @Test
    void cookiesAreKeptAndSentBackLikeABrowser() {
        TestClient client = new App().register(new Pages()).testClient();
        TestResponse login = client.postForm("/login", Map.of("name", "ada"));
        assertEquals(303, login.status());
        assertEquals("/me", login.header("Location"));
        assertTrue(login.header("Set-Cookie").contains("HttpOnly"), login.header("Set-Cookie"));
        assertTrue(login.header("Set-Cookie").contains("SameSite=Lax"), login.header("Set-Cookie"));
        assertEquals("me: ada", client.get("/me").text());
        client.request("POST", "/logout").send();
        assertEquals("nobody", client.get("/me").text());
    }

    @Test
    void limitsApplyInProcessToo() {
        App app = new App().register(new Pages());
        app.settings().maxBodySize(8);
        TestClient client = app.testClient();
        assertEquals("8", client.post("/size", "text/plain", "12345678").text());
        assertEquals(413, client.post("/size", "text/plain", "123456789").status());
        // A body far over the limit arrives in many buffers after the server has answered and closed.
        assertEquals(413, client.post("/size", "text/plain", "x".repeat(200_000)).status());
    }

    @Test
    void aRequestCanComeFromAnotherMachineAndWithoutAContentType() {
        App app = new App().register(new Pages());
        TestClient client = app.testClient();
        assertEquals("3", client.request("POST", "/size").body(null, new byte[3]).send().text());
        assertTrue(client.request("GET", "/").remoteAddress("203.0.113.9").send().text().contains("home"));
        IllegalArgumentException notAnAddress = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> client.request("GET", "/").remoteAddress("example.com"));
        assertTrue(notAnAddress.getMessage().contains("host names are not looked up"), notAnAddress.getMessage());
    }
}
