package io.microflask.session;

import io.microflask.FlashMessage;
import io.microflask.App;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;
import io.microflask.TestClient;
import io.microflask.TestResponse;
import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FlashTest {
    public static class Pages {
        @Route(value = "/save", methods = "POST")
        public Response save(Request request) {
            request.flash("Saved.");
            request.flash("Check your e-mail.", "info");
            request.flash("Disk almost full.", "warning");
            return Response.redirect("/", 303);
        }

        @Route("/")
        public String index(Request request) {
            String first = render(request);
            String again = render(request);
            return first.equals(again) ? first : "differs";
        }

        @Route("/warnings")
        public String warnings(Request request) {
            return request.flashes("warning", "error").stream().map(FlashMessage::message)
                    .collect(Collectors.joining("|"));
        }

        private static String render(Request request) {
            return request.flashes().stream().map(m -> m.category() + ":" + m.message())
                    .collect(Collectors.joining("|"));
        }
    }

    /** A client that keeps cookies like a browser, on a fresh app for each test. */
    private final TestClient browser = app().testClient();

    private static App app() {
        App app = App.withoutExtensionDiscovery().register(new Pages());
        app.settings().secretKey(SessionTest.KEY);
        return app;
    }

    private static void assertAnswer(TestResponse response, int status, String body) {
        assertEquals(status, response.status(), response.text());
        assertEquals(body, response.text());
    }

    @Test
    void flashedMessagesShowOnceWithTheirCategories() {
        assertEquals(303, browser.request("POST", "/save").send().status());
        assertAnswer(browser.get("/"), 200, "message:Saved.|info:Check your e-mail.|warning:Disk almost full.");
        assertAnswer(browser.get("/"), 200, "");
    }

    @Test
    void flashesCanBeFilteredByCategory() {
        assertEquals(303, browser.request("POST", "/save").send().status());
        assertEquals("Disk almost full.", browser.get("/warnings").text());
        assertEquals("", browser.get("/").text());
    }
}
