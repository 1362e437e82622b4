package io.microflask.json;

import io.microflask.App;
import io.microflask.testsupport.RunningApp;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

/** A whole CRUD API over a real socket, as a client sees it. */
class NotesApiTest {
    /** A fresh server, with no notes, for each test. */
    @RegisterExtension
    final RunningApp server = RunningApp.of(() -> new App().register(new NotesApi()));

    private RequestSpecification api() {
        return given().baseUri(server.url()).accept(ContentType.JSON);
    }

    @Test
    void createReadUpdateDelete() {
        String location = api().contentType(ContentType.JSON)
                .body("{\"title\":\"Groceries\",\"body\":\"milk\",\"tags\":[\"home\"]}")
                .post("/api/notes")
                .then().statusCode(201)
                .contentType(startsWith("application/json"))
                .header("Location", "/api/notes/1")
                .body("id", equalTo(1))
                .body("title", equalTo("Groceries"))
                .body("tags", contains("home"))
                // java.time values are ISO-8601 strings, not numbers.
                .body("created", matchesPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z"))
                .extract().header("Location");

        api().get(location).then().statusCode(200).body("title", equalTo("Groceries"));

        api().contentType(ContentType.JSON).body("{\"title\":\"Groceries\",\"body\":\"milk, eggs\"}")
                .put(location)
                .then().statusCode(200).body("body", equalTo("milk, eggs")).body("tags", hasSize(0));

        api().get("/api/notes").then().statusCode(200).body("", hasSize(1)).body("[0].body", equalTo("milk, eggs"));

        api().delete(location).then().statusCode(204).body(emptyString());
        api().get(location).then().statusCode(404)
                .contentType(startsWith("application/json"))
                .body("status", equalTo(404))
                .body("error", equalTo("Not Found"))
                .body("message", equalTo("The requested URL /api/notes/1 was not found on this server."));
        api().delete(location).then().statusCode(404).body("message", equalTo("There is no note 1."));
    }

    @Test
    void genericListBodyRoundTrips() {
        api().contentType(ContentType.JSON)
                .body("[{\"title\":\"a\"},{\"title\":\"b\",\"tags\":[\"x\",\"y\"]}]")
                .post("/api/notes/batch")
                .then().statusCode(200)
                .body("title", contains("a", "b"))
                .body("[1].tags", contains("x", "y"));
        api().get("/api/notes").then().body("id", contains(1, 2));
    }

    @Test
    void validationInTheRecordConstructorIsA400() {
        api().contentType(ContentType.JSON).body("{\"title\":\"  \"}")
                .post("/api/notes")
                .then().statusCode(400)
                .body("message", equalTo("The JSON body is invalid: title must not be blank"));
        api().contentType(ContentType.JSON).body("[{\"title\":\"ok\"},{\"body\":\"no title\"}]")
                .post("/api/notes/batch")
                .then().statusCode(400)
                .body("message", equalTo("Field '[1]' is invalid: title must not be blank"))
                .body("field", equalTo("[1]"));
    }
}
