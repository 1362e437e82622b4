package io.microflask.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.microflask.App;
import io.microflask.Route;
import io.microflask.TestClient;
import io.microflask.TestResponse;
import io.microflask.spi.Extension;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Installation, configuration and register-time checks, through the in-process test client. */
class SetupTest {

    public record Person(String firstName, int age) {
    }

    public static class PeopleApi {
        @Route("/person")
        public Person person() {
            return new Person("Ada", 36);
        }

        @Route(value = "/person", methods = "POST")
        public Person echo(@Body Person person) {
            return person;
        }
    }

    @Test
    void addingTheDependencyInstallsIt() {
        App app = new App();
        assertNotNull(app.extension(JsonExtension.class));
        List<String> names = app.extensions().stream().map(e -> ((Extension) e).name()).toList();
        assertTrue(names.contains("microflask-json"), names.toString());
        assertEquals(1, names.stream().filter(name -> name.startsWith("microflask-json")).count(),
                "one extension, its writer and its error renderer at two orders: " + names);

        TestResponse answer = app.register(new PeopleApi()).testClient().get("/person");
        assertEquals(200, answer.status());
        assertEquals("application/json", answer.contentType());
        assertEquals("{\"firstName\":\"Ada\",\"age\":36}", answer.text());
    }

    @Test
    void anAppWithoutDiscoveryCanInstallIt() {
        App bare = App.withoutExtensionDiscovery();
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> JsonExtension.of(bare));
        assertTrue(missing.getMessage().contains("app.install(new JsonExtension())"), missing.getMessage());

        App app = App.withoutExtensionDiscovery().install(new JsonExtension()).register(new PeopleApi());
        TestClient client = app.testClient();
        assertEquals("{\"firstName\":\"Ada\",\"age\":36}", client.get("/person").text());
        TestResponse notFound = client.request("GET", "/nope").header("Accept", "application/json").send();
        assertEquals(404, notFound.status());
        assertEquals("application/json", notFound.contentType());
    }

    @Test
    void theMapperIsConfigurable() {
        App app = new App().register(new PeopleApi());
        TestClient client = app.testClient();
        assertEquals("{\"firstName\":\"Ada\",\"age\":36}", client.get("/person").text());

        JsonExtension json = app.extension(JsonExtension.class);
        json.configure(mapper -> mapper.enable(SerializationFeature.INDENT_OUTPUT));
        // Cached writers were rebuilt: the change applies to routes already registered.
        assertEquals("{\n  \"firstName\" : \"Ada\",\n  \"age\" : 36\n}", client.get("/person").text());
    }

    @Test
    void theAppMayBringItsOwnMapper() {
        App app = new App().register(new PeopleApi());
        ObjectMapper own = JsonExtension.defaultMapper(UnknownProperties.REJECT)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        app.extension(JsonExtension.class).mapper(own);
        TestClient client = app.testClient();
        assertEquals("{\"first_name\":\"Ada\",\"age\":36}", client.get("/person").text());
        TestResponse echoed = client.post("/person", "application/json", "{\"first_name\":\"Grace\",\"age\":85}");
        assertEquals("{\"first_name\":\"Grace\",\"age\":85}", echoed.text());
        assertTrue(app.extension(JsonExtension.class).mapper() == own);
    }

    public static class TwoBodies {
        @Route(value = "/x", methods = "POST")
        public String twice(@Body Person a, @Body Person b) {
            return "";
        }
    }

    public static class OptionalPrimitive {
        @Route(value = "/x", methods = "POST")
        public String count(@Body(required = false) int count) {
            return "";
        }
    }

    public static class Unannotated {
        @Route(value = "/x", methods = "POST")
        public String create(Person person) {
            return "";
        }
    }

    @Test
    void mistakesAreReportedAtRegister() {
        App app = new App();
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                () -> app.register(new TwoBodies()));
        assertTrue(two.getMessage().contains("TwoBodies.twice(Person, Person)"), two.getMessage());
        assertTrue(two.getMessage().contains("both 'a' and 'b' are annotated @Body; keep @Body on one parameter"),
                two.getMessage());

        IllegalArgumentException primitive = assertThrows(IllegalArgumentException.class,
                () -> app.register(new OptionalPrimitive()));
        assertTrue(primitive.getMessage().contains("declare it as Integer or Optional<Integer>"),
                primitive.getMessage());

        IllegalArgumentException unannotated = assertThrows(IllegalArgumentException.class,
                () -> app.register(new Unannotated()));
        assertTrue(unannotated.getMessage().contains("@Body T (microflask-json)"), unannotated.getMessage());
        assertTrue(unannotated.getMessage().contains("annotate it with @Body"), unannotated.getMessage());
    }

    /** Private fields, no getters: Jackson finds nothing to write. */
    public static class Opaque {
        @SuppressWarnings("unused")
        private final String secret = "s3cret";
    }

    /** No constructor Jackson can use. */
    public static class NoCreator {
        public NoCreator(String name, int age) {
        }
    }

    public static class DeveloperMistakes {
        @Route("/opaque")
        public Opaque opaque() {
            return new Opaque();
        }

        @Route(value = "/no-creator", methods = "POST")
        public String noCreator(@Body NoCreator body) {
            return "unreachable";
        }
    }

    @Test
    void typesJacksonCannotHandleAreServerErrorsThatLeakNothing() {
        TestClient client = new App().register(new DeveloperMistakes()).testClient();
        TestResponse opaque = client.get("/opaque");
        assertEquals(500, opaque.status());
        assertEquals("{\"status\":500,\"error\":\"Internal Server Error\",\"message\":\"The server hit an internal "
                + "error and could not complete your request.\"}", opaque.text());

        TestResponse noCreator = client.post("/no-creator", "application/json", "{\"name\":\"x\",\"age\":1}");
        assertEquals(500, noCreator.status());
        assertEquals("application/json", noCreator.contentType());
    }
}
