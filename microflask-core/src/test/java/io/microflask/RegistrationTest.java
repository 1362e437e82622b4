package io.microflask;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A handler that cannot be called as declared fails at register, naming class, method and parameter. */
class RegistrationTest {

    private static String registerFails(Object handlers) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new App().register(handlers));
        return e.getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
        }
    }

    public static class Duplicate {
        @Route("/users/<int:id>")
        public String first(int id) {
            return "";
        }

        @Route("/users/<int:other>")
        public String second(int other) {
            return "";
        }
    }

    @Test
    void twoHandlersForTheSameMethodAndPatternNameBoth() {
        assertMentions(registerFails(new Duplicate()), "two handlers for GET /users/<int:", "Duplicate.first(int)",
                "Duplicate.second(int)");
    }

    public static class UnknownVariable {
        @Route("/users/<int:id>")
        public String user(@PathVar("userId") int id) {
            return "";
        }
    }

    @Test
    void pathVarNamingNoVariable() {
        assertMentions(registerFails(new UnknownVariable()), "UnknownVariable.user(int)", "parameter 1",
                "@PathVar(\"userId\") names no variable", "[id]");
    }

    public static class UnboundParameter {
        @Route("/things")
        public String things(java.util.Locale locale) {
            return "";
        }
    }

    @Test
    void parameterThatNothingProvides() {
        assertMentions(registerFails(new UnboundParameter()), "UnboundParameter.things(Locale)",
                "parameter 1 ('locale'", "cannot be bound", "@Query");
    }

    public static class WrongType {
        @Route("/users/<int:id>")
        public String user(java.util.UUID id) {
            return "";
        }
    }

    @Test
    void pathVariableOfAnIncompatibleType() {
        assertMentions(registerFails(new WrongType()), "WrongType.user(UUID)", "<int:id> cannot be given as UUID",
                "int, long");
    }

    public static class NotPublic {
        @Route("/hidden")
        String hidden() {
            return "";
        }
    }

    @Test
    void annotatedMethodThatIsNotPublic() {
        assertMentions(registerFails(new NotPublic()), "NotPublic.hidden()", "not public");
    }

    static class PackagePrivateClass {
        @Route("/x")
        public String x() {
            return "";
        }
    }

    @Test
    void classThatIsNotPublic() {
        assertMentions(registerFails(new PackagePrivateClass()), "PackagePrivateClass", "must be public");
    }

    public static class BadPattern {
        @Route("/x/<money:m>")
        public String x(String m) {
            return "";
        }
    }

    @Test
    void unknownConverter() {
        assertMentions(registerFails(new BadPattern()), "BadPattern.x(String)", "unknown converter 'money'");
    }

    public static class BadQueryDefault {
        @Route("/x")
        public String x(@Query(value = "n", defaultValue = "many") int n) {
            return "";
        }
    }

    @Test
    void queryDefaultThatDoesNotConvert() {
        assertMentions(registerFails(new BadQueryDefault()), "BadQueryDefault.x(int)", "default value 'many'",
                "an integer");
    }

    public static class BadMethod {
        @Route(value = "/x", methods = "FETCH")
        public String x() {
            return "";
        }
    }

    @Test
    void unknownHttpMethod() {
        assertMentions(registerFails(new BadMethod()), "BadMethod.x()", "unknown HTTP method 'FETCH'");
    }

    public static class NoRoutes {
        public String nothing() {
            return "";
        }
    }

    @Test
    void objectWithoutRoutes() {
        assertMentions(registerFails(new NoRoutes()), "NoRoutes", "no public @Route");
    }

    public static class SameEndpointA {
        @Route(value = "/a", endpoint = "shared")
        public String a() {
            return "";
        }

        @Route(value = "/b", endpoint = "shared")
        public String b() {
            return "";
        }
    }

    @Test
    void endpointNamesAreUnique() {
        assertMentions(registerFails(new SameEndpointA()), "endpoint 'shared'", "SameEndpointA.a()", "SameEndpointA.b()");
    }

    public static class EmptyErrorHandler {
        @ErrorHandler
        public String handle() {
            return "";
        }
    }

    @Test
    void errorHandlerWithoutStatusOrException() {
        assertMentions(registerFails(new EmptyErrorHandler()), "EmptyErrorHandler.handle()", "neither a status");
    }

    public static class ObjectResult {
        @Route("/obj")
        public java.util.Map<String, Integer> obj() {
            return java.util.Map.of("a", 1);
        }
    }

    @Test
    void resultThatNoExtensionWritesIsA500ThatNamesTheModule() {
        TestResponse response = App.withoutExtensionDiscovery().register(new ObjectResult()).testClient().get("/obj");
        assertTrue(response.status() == 500, response.toString());
    }

    @Test
    void installingSomethingThatIsNotAnExtensionNamesItsClassAndTheInterface() {
        App app = App.withoutExtensionDiscovery();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> app.install(new Object()));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertTrue(e.getMessage().contains("io.microflask.spi.Extension"), e.getMessage());
        assertTrue(e.getMessage().contains("app.register"), e.getMessage());
    }

    @Test
    void anExtensionIsFoundByAnyTypeItHasAndAbsentOnesAreNull() {
        App app = App.withoutExtensionDiscovery();
        assertTrue(app.extensions().isEmpty(), app.extensions().toString());
        assertTrue(app.extension(Runnable.class) == null);
    }
}
