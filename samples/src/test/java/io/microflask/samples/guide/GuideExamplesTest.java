package io.microflask.samples.guide;

import io.microflask.App;
import io.microflask.TestClient;
import io.microflask.TestResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's examples do what the README says. */
class GuideExamplesTest {
    private final TestClient client = new App()
            .register(new Shop(), new Search(), new Responses(), new Errors(), new Hooks())
            .testClient();

    @Test
    void routing() {
        assertEquals("item 42", client.get("/shop/items/42").text());
        assertEquals(404, client.get("/shop/items/forty-two").status());
        assertEquals("saved pen", client.postForm("/shop/items", Map.of("name", "pen")).text());
        TestResponse wrongMethod = client.delete("/shop/items");
        assertEquals(405, wrongMethod.status());
        assertEquals("OPTIONS, POST, PUT", wrongMethod.header("Allow"));
        assertEquals("price 9.5", client.get("/shop/price/9.5").text());
        assertEquals("file a/b.txt", client.get("/shop/files/a/b.txt").text());
        UUID key = UUID.randomUUID();
        assertEquals("order " + key, client.get("/shop/orders/" + key).text());
        TestResponse redirect = client.get("/shop/docs");
        assertEquals(308, redirect.status());
        assertEquals("/shop/docs/", redirect.header("Location"));
    }

    @Test
    void binding() {
        assertEquals("cats page 2 tags [a, b] lang ko from 127.0.0.1",
                client.get("/search?q=cats&page=2&tag=a&tag=b&lang=ko").text());
        assertEquals("dogs page 1 tags [] lang any from 127.0.0.1", client.get("/search?q=dogs").text());
        assertEquals("&lt;script&gt;alert(1)&lt;/script&gt; page 1 tags [&lt;b&gt;] lang &quot;x&quot; from 127.0.0.1",
                client.get("/search?q=%3Cscript%3Ealert(1)%3C/script%3E&tag=%3Cb%3E&lang=%22x%22").text());
        TestResponse bad = client.get("/search?q=x&page=two");
        assertEquals(400, bad.status());
        assertTrue(bad.text().contains("must be an integer"), bad.text());
    }

    @Test
    void responses() {
        TestResponse moved = client.get("/old-page");
        assertEquals(301, moved.status());
        assertEquals("/new-page", moved.header("Location"));
        TestResponse plain = client.get("/plain");
        assertEquals("text/plain; charset=utf-8", plain.contentType());
        assertEquals("abc123", plain.header("X-Trace"));
        assertEquals(403, client.get("/notes/1/secret").status());
        TestResponse theme = client.get("/theme/dark");
        assertTrue(theme.header("Set-Cookie").startsWith("theme=dark"), theme.header("Set-Cookie"));
        assertEquals(400, client.get("/theme/dark%3B%20Domain%3Devil.example").status());
        assertEquals("secret 1", client.get("/notes/1/secret").text());
    }

    @Test
    void errorHandlers() {
        TestResponse missing = client.get("/nowhere");
        assertEquals(404, missing.status());
        assertTrue(missing.text().startsWith("<h1>Nothing here</h1>"), missing.text());
        TestResponse conflict = client.get("/buy/pens");
        assertEquals(409, conflict.status());
        assertEquals("pens is out of stock", conflict.text());
    }

    @Test
    void hooks() {
        TestResponse refused = client.get("/admin/stats");
        assertEquals(303, refused.status());
        assertNull(refused.header("X-Elapsed-Micros"));
        TestResponse allowed = client.request("GET", "/admin/stats").header("X-Admin-Token", "letmein").send();
        assertEquals("all good", allowed.text());
        assertNotNull(allowed.header("X-Elapsed-Micros"));
    }

    @Test
    void fastPaths() {
        TestClient fast = new App().register(new FastPaths()).testClient();
        assertEquals("Hello, World!", fast.get("/plaintext").text());
        TestResponse report = fast.get("/report");
        assertEquals(200, report.status());
        assertEquals("{\"title\":\"daily\",\"lines\":[\"all systems normal\"]}", report.text());
    }

    @Test
    void loginRequiredGuard() {
        App app = new App().register(new Guards());
        app.settings().secretKey("guide-test-key-0123456789abcdef0123456789");
        TestClient browser = app.testClient();
        TestResponse refused = browser.get("/drafts");
        assertEquals(302, refused.status());
        assertEquals("/auth/login?next=%2Fdrafts", refused.header("Location"));
        TestResponse loggedIn = browser.postForm("/auth/login?next=%2Fdrafts", Map.of("username", "ada"));
        assertEquals(303, loggedIn.status());
        assertEquals("/drafts", loggedIn.header("Location"));
        assertEquals("drafts of ada", browser.get("/drafts").text());
        TestResponse elsewhere = app.testClient().postForm("/auth/login?next=//evil.example", Map.of("username", "x"));
        assertEquals("/drafts", elsewhere.header("Location"));
    }
}
