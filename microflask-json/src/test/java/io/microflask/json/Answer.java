package io.microflask.json;

import io.microflask.TestResponse;
import io.restassured.path.json.JsonPath;
import org.hamcrest.Matcher;
import org.hamcrest.MatcherAssert;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Checks on what the test client received, named as REST Assured's: {@code body(path, matcher)}
 * reads the JSON body with the same (GPath) expressions.
 *
 * <pre>{@code
 * Answer.of(client.get("/person")).statusCode(200).contentType("application/json").body("name", equalTo("Ada"));
 * }</pre>
 */
final class Answer {
    private final TestResponse response;

    private Answer(TestResponse response) {
        this.response = response;
    }

    static Answer of(TestResponse response) {
        return new Answer(response);
    }

    Answer statusCode(int expected) {
        assertEquals(expected, response.status(), this::describe);
        return this;
    }

    Answer contentType(String expected) {
        assertEquals(expected, response.contentType(), this::describe);
        return this;
    }

    Answer contentType(Matcher<? super String> matcher) {
        MatcherAssert.assertThat("Content-Type of " + describe(), response.contentType(), matcher);
        return this;
    }

    Answer header(String name, String expected) {
        assertEquals(expected, response.header(name), () -> name + " of " + describe());
        return this;
    }

    Answer header(String name, Matcher<? super String> matcher) {
        MatcherAssert.assertThat(name + " of " + describe(), response.header(name), matcher);
        return this;
    }

    /** A cookie the answer sets (in a Set-Cookie header). */
    Answer cookie(String name, String expectedValue) {
        String value = null;
        for (String setCookie : response.headerAll("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0].strip();
            if (pair.startsWith(name + "=")) {
                value = pair.substring(name.length() + 1);
            }
        }
        assertEquals(expectedValue, value, () -> "cookie " + name + " of " + describe() + ", Set-Cookie: "
                + response.headerAll("Set-Cookie"));
        return this;
    }

    /** The whole body, as text. */
    Answer body(Matcher<? super String> matcher) {
        MatcherAssert.assertThat("body of " + describe(), response.text(), matcher);
        return this;
    }

    /** A value in the JSON body: {@code "status"}, {@code "items[0].name"}, {@code "$"} for the whole. */
    @SuppressWarnings("unchecked")
    Answer body(String path, Matcher<?> matcher) {
        Object value = JsonPath.from(response.text()).get(path);
        MatcherAssert.assertThat("'" + path + "' of " + describe(), value, (Matcher<Object>) matcher);
        return this;
    }

    TestResponse response() {
        return response;
    }

    private String describe() {
        return response + ": " + response.text();
    }
}
