package io.microflask;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Blueprint-local error handlers (a class's @Route prefix) win over app-wide ones for their paths. */
class ErrorHandlerPrecedenceTest {
    private RunningServer server;

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

    @BeforeEach
    void start() {
        server = App.withoutExtensionDiscovery().register(new Site(), new Api()).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theClosestExceptionHandlerWinsWithinAScope() {
        given().baseUri(server.url()).get("/number").then().statusCode(400)
                .body(equalTo("app-wide NumberFormatException"));
        given().baseUri(server.url()).get("/argument").then().statusCode(422)
                .body(equalTo("app-wide IllegalArgumentException"));
        given().baseUri(server.url()).get("/api/state").then().statusCode(409).body(equalTo("api IllegalStateException"));
    }

    @Test
    void aPrefixLocalHandlerWinsOverAnAppWideOneEvenIfLessSpecific() {
        // As Flask looks at the blueprint's handlers before the app's, whatever the class distance.
        given().baseUri(server.url()).get("/api/number").then().statusCode(400)
                .body(equalTo("api IllegalArgumentException: api"));
    }

    @Test
    void statusHandlersFollowThePrefixToo() {
        given().baseUri(server.url()).get("/api/missing").then().statusCode(404).body(equalTo("api 404"));
        given().baseUri(server.url()).get("/api/other").then().statusCode(500).body(equalTo("api 500"));
        given().baseUri(server.url()).get("/missing").then().statusCode(404).body(equalTo("app-wide 404 for /missing"));
        given().baseUri(server.url()).get("/apix").then().statusCode(404).body(equalTo("app-wide 404 for /apix"));
    }
}
