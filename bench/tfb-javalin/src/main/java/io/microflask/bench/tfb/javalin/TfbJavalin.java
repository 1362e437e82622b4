package io.microflask.bench.tfb.javalin;

import io.javalin.Javalin;
import io.javalin.rendering.template.JavalinMustache;
import io.microflask.bench.tfb.Queries;
import io.microflask.bench.tfb.TfbDatabase;
import java.util.Map;

/**
 * TechEmpower's test types on Javalin 7 (Jetty 12), written as its documentation teaches: handlers declared in the
 * config block, {@code ctx.json} through Javalin's Jackson mapper, {@code ctx.render} through the Mustache renderer
 * of javalin-rendering. Handlers run on Jetty's thread pool and block on JDBC, as a Javalin app's do.
 *
 * <p>{@code java -Dtfb.db.url=... -jar tfb-javalin.jar [port]}; see {@link TfbDatabase#fromSystemProperties()}.
 */
public final class TfbJavalin {

    private TfbJavalin() {
    }

    /** The JSON test's answer. */
    public record Message(String message) {
    }

    /** The app over {@code database}, not started. */
    public static Javalin create(TfbDatabase database) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // TechEmpower requires a Server header; Javalin turns off Jetty's, which is one setting away.
            config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(true));
            config.fileRenderer(new JavalinMustache());
            config.routes.get("/plaintext", ctx -> ctx.result("Hello, World!"));
            config.routes.get("/json", ctx -> ctx.json(new Message("Hello, World!")));
            config.routes.get("/db", ctx -> ctx.json(database.randomWorld()));
            config.routes.get("/queries", ctx -> ctx.json(database.worlds(Queries.count(ctx.queryParam("queries")))));
            // ctx.render answers text/html without a charset; TechEmpower requires it, and the page is UTF-8.
            config.routes.get("/fortunes", ctx -> ctx.render("templates/fortunes.mustache",
                    Map.of("fortunes", database.fortunes())).contentType("text/html; charset=utf-8"));
            config.routes.get("/updates",
                    ctx -> ctx.json(database.updateWorlds(Queries.count(ctx.queryParam("queries")))));
        });
    }

    /** Serves on 127.0.0.1 and the port given (8080 by default). */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        TfbDatabase database = TfbDatabase.fromSystemProperties();
        Javalin app = create(database);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            database.close();
        }, "tfb-shutdown"));
        app.start("127.0.0.1", port);
    }
}
