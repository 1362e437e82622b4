package io.microflask.json;

import io.microflask.App;
import io.microflask.RunningServer;
import io.microflask.TestClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every way a client can get a body wrong is a 4xx JSON answer that says what to fix. */
class BadBodyTest {
    private final App app = new App().register(new ShapesApi());
    private final TestClient api = app.testClient();

    /** POSTs {@code json} as application/json. */
    private Answer postJson(String path, String json) {
        return Answer.of(api.post(path, "application/json", json));
    }

    @Test
    void bodyThatIsNotJsonByContentTypeIs415() {
        Answer.of(api.post("/orders", "text/plain", "{\"name\":\"pen\",\"qty\":1}")).statusCode(415)
                .contentType("application/json")
                .body("status", equalTo(415))
                .body("error", equalTo("Unsupported Media Type"))
                .body("message", startsWith("The request body must be JSON: send it with Content-Type: "
                        + "application/json (got text/plain"))
                .body("expected", equalTo("application/json"));
        // A browser form post to a JSON endpoint gets the same answer.
        Answer.of(api.postForm("/orders", Map.of("name", "pen"))).statusCode(415).contentType("application/json");
    }

    @Test
    void bodyWithoutContentTypeIs415() throws Exception {
        // Over a socket: the test client names a Content-Type with every body; the JDK's client
        // sends none unless told.
        HttpResponse<String> answer;
        try (RunningServer server = app.start("127.0.0.1", 0)) {
            answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/orders"))
                            // A POST without Content-Type is CSRF-checked first; a browser's own page passes.
                            .header("Sec-Fetch-Site", "same-origin")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"count\":1}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        assertEquals(415, answer.statusCode());
        assertEquals("application/json", answer.headers().firstValue("Content-Type").orElse(null));
        assertEquals("{\"status\":415,\"error\":\"Unsupported Media Type\",\"message\":\"The request body must be "
                + "JSON: send it with Content-Type: application/json (no Content-Type was sent).\","
                + "\"expected\":\"application/json\"}", answer.body());
    }

    @Test
    void malformedJsonIs400WithLineAndColumn() {
        postJson("/orders", "{\n  \"count\": 2,\n  \"due\" \"2024-01-31\"\n}").statusCode(400)
                .contentType("application/json")
                .body("status", equalTo(400))
                .body("error", equalTo("Bad Request"))
                .body("message", equalTo("Malformed JSON at line 3, column 9: Unexpected character ('\"' "
                        + "(code 34)): was expecting a colon to separate field name and value"))
                .body("line", equalTo(3))
                .body("column", equalTo(9));
    }

    @Test
    void truncatedAndTrailingJsonAre400() {
        postJson("/orders", "{\"count\": 2, \"items\": [").statusCode(400)
                .body("message", equalTo("Malformed JSON at line 1, column 24: Unexpected end-of-input: expected "
                        + "close marker for Array (start marker at [line: 1, column: 23])"))
                .body("line", equalTo(1))
                .body("column", equalTo(24))
                .body("field", equalTo("items"));
        postJson("/orders", "{\"count\": 2} {\"count\": 3}").statusCode(400)
                .body("message", equalTo("Malformed JSON: the body goes on after its JSON value; send one JSON value "
                        + "(wrap several in an array)."))
                .body("line", equalTo(1))
                .body("column", equalTo(14));
    }

    @Test
    void aDuplicateKeyIs400NamingTheKey() {
        postJson("/orders", "{\"count\": 1, \"count\": 2}").statusCode(400)
                .contentType("application/json")
                .body("message", equalTo("The JSON body has the key 'count' twice (at line 1, column 21); send each "
                        + "key once."))
                .body("key", equalTo("count"))
                .body("line", equalTo(1))
                .body("column", equalTo(21));
        // Inside a nested object, the path to the object is named too.
        postJson("/orders", "{\"items\": [{\"name\": \"a\", \"qty\": 1, \"name\": \"b\"}]}").statusCode(400)
                .body("message", equalTo("The JSON body has the key 'name' twice in items[0] (at line 1, column 42); "
                        + "send each key once."))
                .body("key", equalTo("name"))
                .body("field", equalTo("items[0]"));
        // Whatever the handler reads the body as: a map, a tree, a record.
        postJson("/echo", "{\"a\": \"1\", \"a\": \"2\"}").statusCode(400).body("key", equalTo("a"));
        postJson("/node", "{\"a\": 1, \"b\": {\"c\": 1, \"c\": 2}}").statusCode(400).body("key", equalTo("c"))
                .body("field", equalTo("b"));
        postJson("/tree", "{\"a\": 1, \"a\": 1}").statusCode(400).body("key", equalTo("a"));
        // The same key in two different objects is no duplicate.
        postJson("/orders", "{\"items\": [{\"name\": \"a\", \"qty\": 1}, {\"name\": \"b\", \"qty\": 2}]}")
                .statusCode(200);
    }

    @Test
    void missingRequiredBodyIs400() {
        postJson("/orders", "").statusCode(400)
                .contentType("application/json")
                .body("message", equalTo("The request has no body; this endpoint expects JSON (an object) sent "
                        + "with Content-Type: application/json."));
        postJson("/items", "  \n").statusCode(400)
                .body("expected", equalTo("an array"));
        postJson("/orders", "null").statusCode(400)
                .body("message", equalTo("The JSON body is null; this endpoint expects an object."));
        postJson("/tree", "").statusCode(400);
    }

    @Test
    void wrongTypeIs400NamingTheField() {
        postJson("/orders", "{\"count\":\"two\"}").statusCode(400)
                .contentType("application/json")
                .body("message", equalTo("Field 'count' must be an integer, got the string \"two\"."))
                .body("field", equalTo("count"))
                .body("expected", equalTo("an integer"))
                .body("line", equalTo(1));
        // Types are strict: a number in a string and a number for a string are both mistakes.
        postJson("/orders", "{\"count\":\"2\"}").statusCode(400)
                .body("message", equalTo("Field 'count' must be an integer, got the string \"2\"."))
                .body("field", equalTo("count"));
        postJson("/orders", "{\"items\":[{\"name\":5,\"qty\":1}]}").statusCode(400)
                .body("message", equalTo("Field 'items[0].name' must be a string, got the number 5."))
                .body("field", equalTo("items[0].name"));
        postJson("/orders", "{\"items\":[{\"name\":\"a\",\"qty\":1},{\"name\":\"b\",\"qty\":[]}]}").statusCode(400)
                .body("message", equalTo("Field 'items[1].qty' must be an integer, got an array."))
                .body("field", equalTo("items[1].qty"));
        postJson("/orders", "{\"due\":\"31/01/2024\"}").statusCode(400)
                .body("message", equalTo("Field 'due' must be an ISO-8601 date such as \"2024-01-31\", "
                        + "got the string \"31/01/2024\"."));
        postJson("/orders", "{\"priority\":\"URGENT\"}").statusCode(400)
                .body("message", equalTo("Field 'priority' must be one of LOW, HIGH, got the string \"URGENT\"."));
        postJson("/orders", "[1, 2]").statusCode(400)
                .body("message", equalTo("The JSON body must be an object, got an array."));
        postJson("/orders", "{\"count\":12345678901234567890}").statusCode(400)
                .body("message", startsWith("Field 'count' is out of range: Numeric value (12345678901234567890) "
                        + "out of range of int"))
                .body("field", equalTo("count"));
        postJson("/people", "{\"name\":\"Ada\",\"age\":\"old\"}").statusCode(400)
                .body("field", equalTo("age"));
    }

    @Test
    void unknownPropertiesAreRejectedByDefault() {
        postJson("/orders", "{\"count\":1,\"cuont\":2}").statusCode(400)
                .contentType("application/json")
                .body("message", equalTo("Unknown field 'cuont'; the known fields are count, due, items, "
                        + "priority. Check its spelling, or leave it out."))
                .body("field", equalTo("cuont"))
                .body("known", contains("count", "due", "items", "priority"));
    }

    @Test
    void unknownPropertiesCanBeIgnored() {
        postJson("/orders", "{\"count\":1,\"cuont\":2}").statusCode(400);
        JsonExtension json = app.extension(JsonExtension.class);
        json.unknownProperties(UnknownProperties.IGNORE);
        // The route's reader, built by the first request, follows the new setting.
        postJson("/orders", "{\"count\":1,\"cuont\":2}").statusCode(200).body("count", equalTo(1));
    }
}
