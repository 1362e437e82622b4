package ${package};

import io.microflask.Route;
import io.microflask.render.View;

/** The pages: each public method with {@code @Route} answers one URL. */
public class Pages {

    /** A greeting, as JSON (microflask-json writes any record as JSON). */
    public record Greeting(String message) {
    }

    /** The home page, from {@code src/main/resources/templates/index.mustache}. */
    @Route("/")
    public View index() {
        return View.of("index").with("name", "World");
    }

    /** The same page for a name from the path: {@code /hello/Ada}. */
    @Route("/hello/<name>")
    public View hello(String name) {
        return View.of("index").with("name", name);
    }

    /** The greeting as JSON: {@code /api/hello/Ada}. */
    @Route("/api/hello/<name>")
    public Greeting greeting(String name) {
        return new Greeting("Hello, " + name + "!");
    }
}
