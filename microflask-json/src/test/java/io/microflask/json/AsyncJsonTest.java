package io.microflask.json;

import io.microflask.App;
import io.microflask.NonBlocking;
import io.microflask.Route;
import io.microflask.TestResponse;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A CompletionStage of an object is JSON when it completes, on both kinds of handler. */
class AsyncJsonTest {
    public record Person(String name, int age) {
    }

    public static class People {
        @Route("/person")
        public CompletionStage<Person> person() {
            return CompletableFuture.supplyAsync(() -> new Person("Ada", 36));
        }

        @NonBlocking
        @Route("/fast/person")
        public CompletionStage<Person> fastPerson() {
            return CompletableFuture.completedFuture(new Person("Grace", 45));
        }
    }

    @Test
    void theValueIsWrittenAsJson() {
        App app = new App().register(new People());
        TestResponse later = app.testClient().get("/person");
        assertEquals(200, later.status());
        assertEquals("application/json", later.contentType());
        assertEquals("{\"name\":\"Ada\",\"age\":36}", later.text());
        assertEquals("{\"name\":\"Grace\",\"age\":45}", app.testClient().get("/fast/person").text());
    }
}
