package io.microflask.bench;

import io.microflask.App;
import io.microflask.Response;
import io.microflask.NonBlocking;
import io.microflask.Route;

/**
 * The bench endpoints written the way a microflask user writes them: the same answers as
 * {@link RawNettyServer}, through the whole framework (routing, binding, the handler thread,
 * microflask-json for the records).
 *
 * <p>{@code java -cp benchmarks.jar io.microflask.bench.BenchApp [port]}
 */
public class BenchApp {

    public record Message(String message) {
    }

    public record User(int id, String name) {
    }

    @Route("/plaintext")
    public Response plaintext() {
        return Response.text("Hello, World!");
    }

    @Route("/json")
    public Message json() {
        return new Message("Hello, World!");
    }

    @Route("/user/<int:id>")
    public User user(int id) {
        return new User(id, "User " + id);
    }

    /** The same endpoints under {@code /el}, as event-loop handlers: the fast path, measured beside the default one. */
    @NonBlocking
    @Route("/el")
    public static class EventLoop extends BenchApp {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8082;
        App app = app();
        // The load comes from one address (127.0.0.1), which the per-address cap is meant to limit.
        app.settings().maxConnectionsPerAddress(1 << 20);
        // Knobs for comparing executors; the defaults are the framework's.
        String workers = System.getProperty("bench.workerThreads");
        if (workers != null) {
            app.settings().workerThreads(Integer.parseInt(workers));
        }
        String virtual = System.getProperty("bench.virtualThreads");
        if (virtual != null) {
            app.settings().useVirtualThreads(Boolean.parseBoolean(virtual));
        }
        app.run("127.0.0.1", port, false);
    }

    /** The bench app with the extensions found on the class path (microflask-json, microflask-render). */
    public static App app() {
        return new App().register(new BenchApp(), new EventLoop());
    }
}
