package io.microflask.samples;

import io.microflask.App;
import io.microflask.Route;

/** The smallest microflask app: {@code mvn -pl samples -am compile exec:java}, then open http://127.0.0.1:5000. */
public class HelloApp {

    @Route("/")
    public String index() {
        return "<h1>Hello, World!</h1>";
    }

    @Route("/hello/<name>")
    public String hello(String name) {
        return "<p>Hello, " + io.microflask.Html.escape(name) + "!</p>";
    }

    public static void main(String[] args) {
        new App().register(new HelloApp()).run("127.0.0.1", 5000, false);
    }
}
