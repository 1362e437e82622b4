package io.microflask;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class HooksTest {
    static final List<String> events = new CopyOnWriteArrayList<>();
    private TestClient client;

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
        client = app.testClient();
    }

    @Test
    void hooksRunAroundAHandlerThatThrowsInFlaskOrder() {
        TestResponse response = client.get("/admin/boom?token=t");
        assertEquals(500, response.status());
        assertEquals("handled boom", response.text());
        assertEquals("seen", response.header("X-Admin"));
        assertEquals("seen", response.header("X-App"));
        assertEquals(List.of("before:code", "before:app", "before:code-admin", "before:admin", "handler",
                "errorhandler", "after:admin", "after:app", "after:code",
                "teardown:admin:IllegalStateException", "teardown:app:IllegalStateException", "teardown:code"),
                events);
    }

    @Test
    void appWideHooksSeeEveryRequestAndTheAttributeBagCarriesValues() {
        TestResponse response = client.get("/plain");
        assertEquals(200, response.status());
        assertEquals("hello alice", response.text());
        assertEquals("seen", response.header("X-App"));
        assertNull(response.header("X-Admin"));
        assertEquals(List.of("before:code", "before:app", "handler", "after:app", "after:code", "teardown:app:none",
                "teardown:code"), events);
    }

    @Test
    void aBeforeHookCanAnswerEarlyAndAfterHooksStillRun() {
        TestResponse redirect = client.get("/admin/ok");
        assertEquals(302, redirect.status());
        assertEquals("/login", redirect.header("Location"));
        assertEquals("seen", redirect.header("X-Admin"));
        assertEquals(List.of("before:code", "before:app", "before:code-admin", "before:admin", "after:admin",
                "after:app", "after:code", "teardown:admin:none", "teardown:app:none", "teardown:code"), events);
        events.clear();
        TestResponse ok = client.get("/admin/ok?token=t");
        assertEquals(200, ok.status());
        assertEquals("admin ok", ok.text());
        assertEquals("handler", events.get(4));
    }

    @Test
    void hooksRunForUnknownPathsToo() {
        TestResponse missing = client.get("/nowhere");
        assertEquals(404, missing.status());
        assertEquals("seen", missing.header("X-App"));
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
