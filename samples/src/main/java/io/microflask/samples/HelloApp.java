package io.microflask.samples;

import io.microflask.App;
import io.microflask.Route;
import io.microflask.run.ServerStartException;

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

    /**
     * {@code --host}, {@code --port}, {@code --debug}/{@code --no-debug} and the MICROFLASK_HOST,
     * MICROFLASK_PORT and MICROFLASK_DEBUG variables override the values below, e.g.
     * {@code mvn -pl samples exec:java -Dexec.args="--port 8080"}.
     */
    public static void main(String[] args) {
        try {
            new App().register(new HelloApp()).run(args, "127.0.0.1", 5000, false);
        } catch (ServerStartException | IllegalArgumentException e) {
            // The message already says what is wrong and how to fix it; a stack trace would bury it.
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
