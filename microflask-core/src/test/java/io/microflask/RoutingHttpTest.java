package io.microflask;

import io.microflask.util.Html;
import io.restassured.RestAssured;
import io.restassured.config.RedirectConfig;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

/** Routing through a real server on port 0: converters, 404, 405, 308, HEAD, OPTIONS, prefixes, binding. */
class RoutingHttpTest {
    private static RunningServer server;

    public static class Pages {
        @Route("/")
        public String index() {
            return "<h1>home</h1>";
        }

        @Route("/users/<int:id>")
        public String user(int id) {
            return "user " + id + " (" + ((Object) id).getClass().getSimpleName() + ")";
        }

        @Route("/big/<int:id>")
        public String big(long id) {
            return "big " + id;
        }

        @Route("/price/<float:amount>")
        public String price(double amount) {
            return "price " + amount;
        }

        @Route("/files/<path:rest>")
        public String file(String rest) {
            return "file " + rest;
        }

        @Route("/keys/<uuid:key>")
        public String key(UUID key) {
            return "key " + key;
        }

        @Route("/hello/<name>")
        public String hello(@PathVar("name") String who) {
            return "hello " + Html.escape(who);
        }

        @Route("/docs/")
        public String docs() {
            return "docs";
        }

        @Route("/about")
        public String about() {
            return "about";
        }

        @Route(value = "/items", methods = {"POST", "PUT"})
        public Response create(Request request) {
            return new Response(201).contentType(Response.TEXT_UTF8).body(request.method() + ":" + request.text());
        }

        @Route("/search")
        public String search(@Query("q") String q, @Query(value = "page", defaultValue = "1") int page,
                             @Query(value = "tag") List<String> tags) {
            return q + "|" + page + "|" + tags;
        }

        @Route("/bytes")
        public byte[] bytes() {
            return new byte[]{1, 2, 3};
        }

        @Route(value = "/nothing", methods = "DELETE")
        public void nothing() {
        }

        @Route("/agent")
        public String agent(@Header("User-Agent") String agent) {
            return "agent " + agent;
        }

        @Route("/abort")
        public String abort() {
            throw HttpException.abort(418, "I am a teapot, and I refuse.");
        }

        @Route("/crash")
        public String crash() {
            throw new IllegalStateException("secret internal detail");
        }
    }

    @Route("/api/v1")
    public static class Api {
        @Route("/status")
        public String status() {
            return "api ok";
        }

        @Route("/")
        public String root() {
            return "api root";
        }
    }

    @BeforeAll
    static void start() {
        server = new App().register(new Pages(), new Api()).start("127.0.0.1", 0);
        RestAssured.config = RestAssured.config().redirect(RedirectConfig.redirectConfig().followRedirects(false));
    }

    @AfterAll
    static void stop() {
        server.close();
        RestAssured.reset();
    }

    private static RequestSpecification client() {
        return given().baseUri("http://127.0.0.1").port(server.port());
    }

    @Test
    void stringIsHtml() {
        client().get("/").then().statusCode(200)
                .contentType("text/html; charset=utf-8").body(equalTo("<h1>home</h1>"));
    }

    @Test
    void everyConverter() {
        client().get("/users/42").then().statusCode(200).body(equalTo("user 42 (Integer)"));
        client().get("/users/abc").then().statusCode(404);
        client().get("/big/12345678901").then().statusCode(200).body(equalTo("big 12345678901"));
        client().get("/price/9.75").then().statusCode(200).body(equalTo("price 9.75"));
        client().get("/price/9").then().statusCode(404);
        client().get("/files/a/b/c.txt").then().statusCode(200).body(equalTo("file a/b/c.txt"));
        UUID uuid = UUID.randomUUID();
        client().get("/keys/" + uuid).then().statusCode(200).body(equalTo("key " + uuid));
        client().get("/keys/not-a-uuid").then().statusCode(404);
        client().urlEncodingEnabled(false).get("/hello/%3Cb%3E").then().statusCode(200)
                .body(equalTo("hello &lt;b&gt;"));
    }

    @Test
    void intOutOfRangeForAnIntParameterIsNotFound() {
        client().get("/users/99999999999").then().statusCode(404);
    }

    @Test
    void unknownPathIs404() {
        client().get("/missing").then().statusCode(404).body(containsString("404 Not Found"));
    }

    @Test
    void wrongMethodIs405WithAllow() {
        client().delete("/").then().statusCode(405).header("Allow", equalTo("GET, HEAD, OPTIONS"));
        client().get("/items").then().statusCode(405).header("Allow", equalTo("OPTIONS, POST, PUT"));
    }

    @Test
    void optionsAnswersAllow() {
        client().options("/items").then().statusCode(200).header("Allow", equalTo("OPTIONS, POST, PUT"));
    }

    @Test
    void headHasHeadersButNoBody() {
        client().head("/").then().statusCode(200).header("Content-Length", equalTo("13"))
                .contentType("text/html; charset=utf-8").body(emptyString());
    }

    @Test
    void trailingSlashRedirectsWith308AndKeepsTheQuery() {
        client().get("/docs?x=1").then().statusCode(308).header("Location", equalTo("/docs/?x=1"));
        client().get("/docs/").then().statusCode(200).body(equalTo("docs"));
        client().get("/about/").then().statusCode(404);
    }

    @Test
    void classPrefix() {
        client().get("/api/v1/status").then().statusCode(200).body(equalTo("api ok"));
        client().get("/api/v1/").then().statusCode(200).body(equalTo("api root"));
        client().get("/api/v1").then().statusCode(308).header("Location", equalTo("/api/v1/"));
    }

    @Test
    void bodyAndMethodReachTheHandler() {
        client().body("payload").post("/items").then().statusCode(201).body(equalTo("POST:payload"));
        client().body("other").put("/items").then().statusCode(201).body(equalTo("PUT:other"));
    }

    @Test
    void queryArgumentsConvertAndBadOnesAre400NamingTheParameter() {
        client().get("/search?q=cats&tag=a&tag=b").then().statusCode(200).body(equalTo("cats|1|[a, b]"));
        client().get("/search?q=dogs&page=3").then().statusCode(200).body(equalTo("dogs|3|[]"));
        client().get("/search?q=dogs&page=three").then().statusCode(400)
                .body(containsString("query argument &#39;page&#39; must be an integer, got &#39;three&#39;"));
        client().get("/search").then().statusCode(400).body(containsString("missing query argument &#39;q&#39;"));
    }

    @Test
    void headerBinding() {
        client().header("User-Agent", "tester/1.0").get("/agent").then().statusCode(200)
                .body(equalTo("agent tester/1.0"));
    }

    @Test
    void bytesAndVoid() {
        client().get("/bytes").then().statusCode(200).contentType("application/octet-stream");
        client().delete("/nothing").then().statusCode(204).header("Content-Type", nullValue());
    }

    @Test
    void abortAnswersItsStatusAndMessage() {
        client().get("/abort").then().statusCode(418).body(containsString("I am a teapot, and I refuse."));
    }

    @Test
    void handlerExceptionIsAPlain500ThatRevealsNothing() {
        client().get("/crash").then().statusCode(500)
                .body(containsString("500 Internal Server Error"))
                .body(org.hamcrest.Matchers.not(containsString("secret internal detail")))
                .body(org.hamcrest.Matchers.not(containsString("IllegalStateException")));
    }
}
