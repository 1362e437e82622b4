package io.microflask;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HooksTest {
    static final List<String> events = new CopyOnWriteArrayList<>();
    private RunningServer server;

    public static class AppWide {
        @BeforeRequest
        public void open(Request request) {
            events.add("before:app");
            request.attribute("user", "alice");
        }

        @AfterRequest
        public Response stamp(Response response) {
            events.add("after:app");
            return response.header("X-App", "seen");
        }

        @TeardownRequest
        public void close(Throwable failure) {
            events.add("teardown:app:" + (failure == null ? "none" : failure.getClass().getSimpleName()));
        }

        @Route("/plain")
        public String plain(Request request) {
            events.add("handler");
            return "hello " + request.attribute("user");
        }
    }

    @Route("/admin")
    public static class Admin {
        @BeforeRequest
        public Response guard(Request request) {
            events.add("before:admin");
            if (request.query("token") == null) {
                return Response.redirect("/login");
            }
            return null;
        }

        @AfterRequest
        public void mark(Request request, Response response) {
            events.add("after:admin");
            response.header("X-Admin", "seen");
        }

        @TeardownRequest
        public void close(Request request, Throwable failure) {
            events.add("teardown:admin:" + (failure == null ? "none" : failure.getClass().getSimpleName()));
        }

        @Route("/boom")
        public String boom() {
            events.add("handler");
            throw new IllegalStateException("boom");
        }

        @Route("/ok")
        public String ok() {
            events.add("handler");
            return "admin ok";
        }

        @ErrorHandler(exception = IllegalStateException.class)
        public Response failed(IllegalStateException e) {
            events.add("errorhandler");
            return Response.text("handled " + e.getMessage()).status(500);
        }
    }

    @BeforeEach
    void start() {
        events.clear();
        App app = App.withoutExtensionDiscovery().register(new AppWide(), new Admin());
        app.beforeRequest(request -> {
            events.add("before:code");
            return null;
        });
        app.afterRequest((request, response) -> {
            events.add("after:code");
            return response;
        });
        app.teardownRequest((request, failure) -> events.add("teardown:code"));
        app.beforeRequest("/admin", request -> {
            events.add("before:code-admin");
            return null;
        });
        server = app.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void hooksRunAroundAHandlerThatThrowsInFlaskOrder() {
        given().baseUri(server.url()).get("/admin/boom?token=t").then().statusCode(500)
                .body(equalTo("handled boom")).header("X-Admin", "seen").header("X-App", "seen");
        assertEquals(List.of("before:code", "before:app", "before:code-admin", "before:admin", "handler",
                "errorhandler", "after:admin", "after:app", "after:code",
                "teardown:admin:IllegalStateException", "teardown:app:IllegalStateException", "teardown:code"),
                events);
    }

    @Test
    void appWideHooksSeeEveryRequestAndTheAttributeBagCarriesValues() {
        given().baseUri(server.url()).get("/plain").then().statusCode(200).body(equalTo("hello alice"))
                .header("X-App", "seen").header("X-Admin", nullValue());
        assertEquals(List.of("before:code", "before:app", "handler", "after:app", "after:code", "teardown:app:none",
                "teardown:code"), events);
    }

    @Test
    void aBeforeHookCanAnswerEarlyAndAfterHooksStillRun() {
        given().baseUri(server.url()).redirects().follow(false).get("/admin/ok").then().statusCode(302)
                .header("Location", "/login").header("X-Admin", "seen");
        assertEquals(List.of("before:code", "before:app", "before:code-admin", "before:admin", "after:admin",
                "after:app", "after:code", "teardown:admin:none", "teardown:app:none", "teardown:code"), events);
        events.clear();
        given().baseUri(server.url()).get("/admin/ok?token=t").then().statusCode(200).body(equalTo("admin ok"));
        assertEquals("handler", events.get(4));
    }

    @Test
    void hooksRunForUnknownPathsToo() {
        given().baseUri(server.url()).get("/nowhere").then().statusCode(404).header("X-App", "seen");
        assertEquals(List.of("before:code", "before:app", "after:app", "after:code", "teardown:app:HttpException",
                "teardown:code"), events);
    }

    public static class BadHook {
        @AfterRequest
        public String wrong(Response response) {
            return "x";
        }
    }

    @Test
    void aHookThatCannotBeCalledIsRejectedAtRegister() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> App.withoutExtensionDiscovery().register(new BadHook()));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("BadHook.wrong(Response)"),
                e.getMessage());
    }
}
