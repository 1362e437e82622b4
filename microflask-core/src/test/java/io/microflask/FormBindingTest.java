package io.microflask;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code @Form} binds form fields as {@code @Query} binds arguments; a missing field is a 400 naming it. */
class FormBindingTest {

    enum Kind { NOTE, TASK }

    public static class Posts {
        @Route(value = "/create", methods = "POST")
        public String create(@Form("title") String title, @Form(value = "body", defaultValue = "(empty)") String body) {
            return title + "|" + body;
        }

        @Route(value = "/typed", methods = "POST")
        public String typed(@Form int count, @Form("kind") Kind kind, @Form("due") Optional<LocalDate> due,
                            @Form("tag") List<String> tags, @Form(value = "note", required = false) String note) {
            return count + 1 + "|" + kind + "|" + due.map(LocalDate::toString).orElse("none") + "|" + tags + "|" + note;
        }

        @Route(value = "/plain", methods = "POST")
        public String plain(Request request) {
            return "title=" + request.requireForm("title");
        }
    }

    private final TestClient client = new App().register(new Posts()).testClient();

    @Test
    void bindsFieldsAndDefaults() {
        assertEquals("Hello|(empty)", client.postForm("/create", Map.of("title", "Hello")).text());
        assertEquals("Hello|text", client.postForm("/create", Map.of("title", "Hello", "body", "text")).text());
        // An empty value is there: it is not the default.
        assertEquals("|", client.postForm("/create", Map.of("title", "", "body", "")).text());
    }

    @Test
    void missingRequiredFieldIs400NamingIt() {
        TestResponse response = client.postForm("/create", Map.of("body", "text"));
        assertEquals(400, response.status());
        assertTrue(response.text().contains("missing form field &#39;title&#39;")
                || response.text().contains("missing form field 'title'"), response.text());
    }

    @Test
    void convertsLikeQuery() {
        TestResponse response = client.post("/typed", "application/x-www-form-urlencoded",
                "count=41&kind=task&due=2024-05-01&tag=a&tag=b");
        assertEquals("42|TASK|2024-05-01|[a, b]|null", response.text());
        TestResponse defaults = client.post("/typed", "application/x-www-form-urlencoded", "count=1&kind=note");
        assertEquals("2|NOTE|none|[]|null", defaults.text());
        TestResponse bad = client.post("/typed", "application/x-www-form-urlencoded", "count=many&kind=note");
        assertEquals(400, bad.status());
        assertTrue(bad.text().contains("form field") && bad.text().contains("count") && bad.text().contains("integer"),
                bad.text());
    }

    @Test
    void readsMultipartFieldsToo() {
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nFrom multipart\r\n--"
                + boundary + "--\r\n";
        TestResponse response = client.post("/create", "multipart/form-data; boundary=" + boundary, body);
        assertEquals("From multipart|(empty)", response.text());
    }

    @Test
    void requireFormAnswers400WhenMissing() {
        assertEquals("title=x", client.postForm("/plain", Map.of("title", "x")).text());
        TestResponse missing = client.postForm("/plain", Map.of("other", "x"));
        assertEquals(400, missing.status());
        assertTrue(missing.text().contains("title"), missing.text());
    }

    public static class BadDefault {
        @Route(value = "/bad", methods = "POST")
        public String bad(@Form(value = "n", defaultValue = "seven") int n) {
            return "" + n;
        }
    }

    @Test
    void badDefaultIsAnErrorAtRegister() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new App().register(new BadDefault()));
        assertTrue(e.getMessage().contains("BadDefault.bad") && e.getMessage().contains("form field 'n'"), e.getMessage());
    }
}
