package io.microflask.session;

import io.microflask.FlashMessage;
import io.microflask.App;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;
import io.microflask.RunningServer;
import io.restassured.filter.cookie.CookieFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

class FlashTest {
    private RunningServer server;

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

    @BeforeEach
    void start() {
        App app = App.withoutExtensionDiscovery().register(new Pages());
        app.settings().secretKey(SessionTest.KEY);
        server = app.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void flashedMessagesShowOnceWithTheirCategories() {
        CookieFilter browser = new CookieFilter();
        given().baseUri(server.url()).filter(browser).redirects().follow(false).post("/save").then().statusCode(303);
        given().baseUri(server.url()).filter(browser).get("/").then().statusCode(200)
                .body(equalTo("message:Saved.|info:Check your e-mail.|warning:Disk almost full."));
        given().baseUri(server.url()).filter(browser).get("/").then().statusCode(200).body(equalTo(""));
    }

    @Test
    void flashesCanBeFilteredByCategory() {
        CookieFilter browser = new CookieFilter();
        given().baseUri(server.url()).filter(browser).redirects().follow(false).post("/save").then().statusCode(303);
        given().baseUri(server.url()).filter(browser).get("/warnings").then().body(equalTo("Disk almost full."));
        given().baseUri(server.url()).filter(browser).get("/").then().body(equalTo(""));
    }
}
