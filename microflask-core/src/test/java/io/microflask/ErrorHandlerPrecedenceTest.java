package io.microflask;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Blueprint-local error handlers (a class's @Route prefix) win over app-wide ones for their paths. */
class ErrorHandlerPrecedenceTest {
    public static class Site {
        @Route("/number")
        public String number() {
            throw new NumberFormatException("site");
        }

        @Route("/argument")
        public String argument() {
            throw new IllegalArgumentException("site");
        }

        @ErrorHandler(exception = NumberFormatException.class)
        public Response badNumber(NumberFormatException e) {
            return Response.text("app-wide NumberFormatException").status(400);
        }

        @ErrorHandler(exception = IllegalArgumentException.class)
        public Response badArgument(IllegalArgumentException e) {
            return Response.text("app-wide IllegalArgumentException").status(422);
        }

        @ErrorHandler(status = 404)
        public Response notFound(Request request) {
            return Response.text("app-wide 404 for " + request.path()).status(404);
        }
    }

    @Route("/api")
    public static class Api {
        @Route("/number")
        public String number() {
            throw new NumberFormatException("api");
        }

        @Route("/state")
        public String state() {
            throw new IllegalStateException("api");
        }

        @Route("/other")
        public String other() {
            throw new ArrayStoreException("api");
        }

        @ErrorHandler(exception = IllegalArgumentException.class)
        public Response badArgument(IllegalArgumentException e) {
            return Response.text("api IllegalArgumentException: " + e.getMessage()).status(400);
        }

        @ErrorHandler(exception = IllegalStateException.class)
        public Response state(IllegalStateException e) {
            return Response.text("api IllegalStateException").status(409);
        }

        @ErrorHandler(status = {404, 500})
        public Response byStatus(int status) {
            return Response.text("api " + status).status(status);
        }
    }

    private final TestClient client = App.withoutExtensionDiscovery().register(new Site(), new Api()).testClient();

    private void assertAnswer(String path, int status, String body) {
        TestResponse response = client.get(path);
        assertEquals(status, response.status(), path + ": " + response.text());
        assertEquals(body, response.text(), path);
    }

    @Test
    void theClosestExceptionHandlerWinsWithinAScope() {
        assertAnswer("/number", 400, "app-wide NumberFormatException");
        assertAnswer("/argument", 422, "app-wide IllegalArgumentException");
        assertAnswer("/api/state", 409, "api IllegalStateException");
    }

    @Test
    void aPrefixLocalHandlerWinsOverAnAppWideOneEvenIfLessSpecific() {
        // As Flask looks at the blueprint's handlers before the app's, whatever the class distance.
        assertAnswer("/api/number", 400, "api IllegalArgumentException: api");
    }

    @Test
    void statusHandlersFollowThePrefixToo() {
        assertAnswer("/api/missing", 404, "api 404");
        assertAnswer("/api/other", 500, "api 500");
        assertAnswer("/missing", 404, "app-wide 404 for /missing");
        assertAnswer("/apix", 404, "app-wide 404 for /apix");
    }
}
