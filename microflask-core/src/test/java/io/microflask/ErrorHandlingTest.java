package io.microflask;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** @ErrorHandler precedence: exception class by closeness, then status; prefix-local before app-wide. */
class ErrorHandlingTest {

    static class BaseFailure extends RuntimeException {
        BaseFailure(String m) {
            super(m);
        }
    }

    static class SpecificFailure extends BaseFailure {
        SpecificFailure(String m) {
            super(m);
        }
    }

    public static class Pages {
        @Route("/specific")
        public String specific() {
            throw new SpecificFailure("s");
        }

        @Route("/base")
        public String base() {
            throw new BaseFailure("b");
        }

        @Route("/other")
        public String other() {
            throw new IllegalStateException("o");
        }

        @Route("/teapot")
        public String teapot() {
            throw new HttpException(418, "short and stout");
        }

        @ErrorHandler(exception = SpecificFailure.class)
        public Response onSpecific(SpecificFailure e) {
            return new Response(409).body("specific:" + e.getMessage());
        }

        @ErrorHandler(exception = BaseFailure.class)
        public String onBase(BaseFailure e, Request request) {
            return "base:" + e.getMessage() + " at " + request.path();
        }

        @ErrorHandler(status = 500)
        public String on500(int status, String message) {
            return "custom " + status + ": " + message;
        }

        @ErrorHandler(status = {404, 418})
        public String onClientError(int status, String message) {
            return "app-wide " + status + " " + message;
        }
    }

    @Route("/shop")
    public static class Shop {
        @Route("/items/<int:id>")
        public String item(int id) {
            throw new HttpException(404, "no item " + id);
        }

        @ErrorHandler(status = 404)
        public String shopNotFound(String message) {
            return "shop says: " + message;
        }
    }

    public static class Failing {
        @Route("/fails")
        public String fails() {
            throw new IllegalArgumentException("first");
        }

        @ErrorHandler(exception = IllegalArgumentException.class)
        public String brokenHandler() {
            throw new IllegalStateException("the handler itself fails");
        }
    }

    private final TestClient client = new App().register(new Pages(), new Shop()).testClient();

    @Test
    void mostSpecificExceptionHandlerWins() {
        TestResponse r = client.get("/specific");
        assertEquals(409, r.status());
        assertEquals("specific:s", r.text());
    }

    @Test
    void superclassHandlerGetsTheExceptionAndTheErrorStatus() {
        TestResponse r = client.get("/base");
        assertEquals(500, r.status(), "a body returned from an error handler keeps the error's status");
        assertEquals("base:b at /base", r.text());
    }

    @Test
    void unhandledExceptionFallsBackToTheStatusHandler() {
        TestResponse r = client.get("/other");
        assertEquals(500, r.status());
        assertTrue(r.text().startsWith("custom 500: "), r.text());
        assertTrue(!r.text().contains("IllegalStateException"), r.text());
    }

    @Test
    void statusHandlersCoverAbortAndUnknownPaths() {
        assertEquals("app-wide 418 short and stout", client.get("/teapot").text());
        TestResponse missing = client.get("/nowhere");
        assertEquals(404, missing.status());
        assertTrue(missing.text().startsWith("app-wide 404"), missing.text());
    }

    @Test
    void prefixLocalHandlerWinsInsideItsPrefixOnly() {
        TestResponse inShop = client.get("/shop/items/3");
        assertEquals(404, inShop.status());
        assertEquals("shop says: no item 3", inShop.text());
        TestResponse unknownInShop = client.get("/shop/unknown");
        assertEquals("shop says: The requested URL /shop/unknown was not found on this server.", unknownInShop.text());
        assertTrue(client.get("/elsewhere").text().startsWith("app-wide 404"));
    }

    @Test
    void failingErrorHandlerGivesThePlain500() {
        TestResponse r = new App().register(new Failing()).testClient().get("/fails");
        assertEquals(500, r.status());
        assertTrue(r.text().contains("500 Internal Server Error"), r.text());
    }

    public static class CatchAll {
        @Route("/boom")
        public String boom() {
            throw new IllegalStateException("x");
        }

        @ErrorHandler(exception = RuntimeException.class)
        public String anyRuntime(RuntimeException e) {
            return "runtime handler";
        }

        @ErrorHandler(status = 404)
        public String notFound() {
            return "not found handler";
        }
    }

    @Test
    void httpErrorsGoToStatusHandlersBeforeExceptionHandlersAsInFlask() {
        TestClient catchAll = new App().register(new CatchAll()).testClient();
        TestResponse missing = catchAll.get("/missing");
        assertEquals(404, missing.status());
        assertEquals("not found handler", missing.text());
        TestResponse boom = catchAll.get("/boom");
        assertEquals(500, boom.status());
        assertEquals("runtime handler", boom.text());
        TestResponse wrongMethod = catchAll.request("POST", "/boom").send();
        assertEquals(405, wrongMethod.status(), "no 405 handler: the RuntimeException handler takes it");
        assertEquals("runtime handler", wrongMethod.text());
        assertEquals("GET, HEAD, OPTIONS", wrongMethod.header("Allow"));
    }
}
