package io.microflask.bench.tfb.microflask;

import io.microflask.App;
import io.microflask.NonBlocking;
import io.microflask.Query;
import io.microflask.Response;
import io.microflask.Route;
import io.microflask.bench.tfb.Fortune;
import io.microflask.bench.tfb.Queries;
import io.microflask.bench.tfb.TfbDatabase;
import io.microflask.bench.tfb.World;
import io.microflask.render.View;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * TechEmpower's test types on microflask, written the way the README teaches: {@code @Route} methods that return a
 * {@code Response}, a record or a list (JSON through microflask-json) or a {@code View} (microflask-render, which
 * escapes {@code {{message}}}).
 *
 * <p>The routes at the root are microflask's default handlers: they run on handler threads and block on JDBC.
 * The same test types under {@code /async} are the event-loop shape: {@code @NonBlocking} handlers, where
 * {@code /plaintext} and {@code /json} answer on the event loop and the database test types return a
 * {@code CompletionStage} completed on an executor of as many threads as the pool has connections (JDBC blocks,
 * so it never runs on the loop).
 *
 * <p>{@code java -Dtfb.db.url=... -jar tfb-microflask.jar [port]}; see {@link TfbDatabase#fromSystemProperties()}.
 */
public class TfbMicroflask {
    private final TfbDatabase database;

    /** The app's handlers over {@code database}. */
    public TfbMicroflask(TfbDatabase database) {
        this.database = database;
    }

    /** The JSON test's answer. */
    public record Message(String message) {
    }

    /** TechEmpower's plaintext test. */
    @Route("/plaintext")
    public Response plaintext() {
        return Response.text("Hello, World!");
    }

    /** TechEmpower's JSON test: an object serialised per request. */
    @Route("/json")
    public Message json() {
        return new Message("Hello, World!");
    }

    /** One random row. */
    @Route("/db")
    public World db() {
        return database.randomWorld();
    }

    /** {@code ?queries=N} random rows, N clamped to 1..500 (1 when missing or not a number). */
    @Route("/queries")
    public List<World> queries(@Query("queries") Optional<String> queries) {
        return database.worlds(Queries.count(queries.orElse(null)));
    }

    /** Every fortune and one added at request time, sorted by message, as an HTML table. */
    @Route("/fortunes")
    public View fortunes() {
        return View.of("fortunes").with("fortunes", database.fortunes());
    }

    /** {@code ?queries=N} random rows, each given a new random number and written back. */
    @Route("/updates")
    public List<World> updates(@Query("queries") Optional<String> queries) {
        return database.updateWorlds(Queries.count(queries.orElse(null)));
    }

    /**
     * The same test types as event-loop handlers: {@code /async/plaintext} and {@code /async/json} answer on the
     * event loop, and the database ones hand their JDBC work to an executor and return its {@code CompletionStage}.
     */
    @NonBlocking
    @Route("/async")
    public static class Async {
        private final TfbMicroflask blocking;
        private final ExecutorService jdbc;

        /** Runs {@code blocking}'s database work on {@code jdbc}. */
        public Async(TfbMicroflask blocking, ExecutorService jdbc) {
            this.blocking = blocking;
            this.jdbc = jdbc;
        }

        /** As {@link TfbMicroflask#plaintext()}, on the event loop. */
        @Route("/plaintext")
        public Response plaintext() {
            return blocking.plaintext();
        }

        /** As {@link TfbMicroflask#json()}, on the event loop. */
        @Route("/json")
        public Message json() {
            return blocking.json();
        }

        /** As {@link TfbMicroflask#db()}, answered when the executor has read the row. */
        @Route("/db")
        public CompletionStage<World> db() {
            return CompletableFuture.supplyAsync(blocking::db, jdbc);
        }

        /** As {@link TfbMicroflask#queries(Optional)}, answered when the executor has read the rows. */
        @Route("/queries")
        public CompletionStage<List<World>> queries(@Query("queries") Optional<String> queries) {
            return CompletableFuture.supplyAsync(() -> blocking.queries(queries), jdbc);
        }

        /** As {@link TfbMicroflask#fortunes()}; the template is rendered on the event loop. */
        @Route("/fortunes")
        public CompletionStage<View> fortunes() {
            return CompletableFuture.supplyAsync(blocking::fortunes, jdbc);
        }

        /** As {@link TfbMicroflask#updates(Optional)}, answered when the executor has written the rows. */
        @Route("/updates")
        public CompletionStage<List<World>> updates(@Query("queries") Optional<String> queries) {
            return CompletableFuture.supplyAsync(() -> blocking.updates(queries), jdbc);
        }
    }

    /** The app with both sets of routes, over {@code database}; {@code jdbc} runs the {@code /async} routes' work. */
    public static App app(TfbDatabase database, ExecutorService jdbc) {
        TfbMicroflask handlers = new TfbMicroflask(database);
        App app = new App().register(handlers, new Async(handlers, jdbc));
        // The load comes from one address (127.0.0.1), which the per-address cap (256) is meant to limit.
        app.settings().maxConnectionsPerAddress(1 << 20);
        // TechEmpower requires Server on every answer (microflask sends Date itself, Server only when set).
        app.settings().serverHeader("microflask");
        app.onClose(() -> {
            jdbc.shutdown();
            database.close();
        });
        return app;
    }

    /** Serves on 127.0.0.1 and the port given (8080 by default). */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        TfbDatabase database = TfbDatabase.fromSystemProperties();
        ExecutorService jdbc = Executors.newFixedThreadPool(database.poolSize(), runnable -> {
            Thread thread = new Thread(runnable, "tfb-jdbc");
            thread.setDaemon(true);
            return thread;
        });
        app(database, jdbc).run("127.0.0.1", port, false);
    }
}
