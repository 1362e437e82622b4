package io.microflask.testsupport;

import io.microflask.App;
import io.microflask.RunningServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Starts an app on 127.0.0.1, port 0, for a test and always stops it, whatever the test did. In a
 * {@code static} field the server lives for the whole class; in an instance field, for each test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RunningApp server = RunningApp.of(() -> new App().register(new Pages()));
 *
 * @Test
 * void answers() {
 *     given().baseUri(server.url()).get("/").then().statusCode(200);
 * }
 * }</pre>
 */
public final class RunningApp implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final Supplier<App> factory;
    private final boolean debug;
    private App app;
    private RunningServer server;
    private boolean perClass;

    private RunningApp(Supplier<App> factory, boolean debug) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.debug = debug;
    }

    /** An extension that serves the app {@code factory} makes, in production mode. */
    public static RunningApp of(Supplier<App> factory) {
        return new RunningApp(factory, false);
    }

    /** The same, in debug mode. */
    public static RunningApp debug(Supplier<App> factory) {
        return new RunningApp(factory, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    private void start() {
        app = factory.get();
        server = app.start("127.0.0.1", 0, debug);
    }

    private void stop() {
        RunningServer running = server;
        server = null;
        if (running != null) {
            running.close();
        }
    }

    /** The app being served. */
    public App app() {
        return requireStarted(app);
    }

    /** The running server. */
    public RunningServer server() {
        return requireStarted(server);
    }

    /** The server's base URL, e.g. {@code http://127.0.0.1:40123}. */
    public String url() {
        return server().url();
    }

    /** The port the operating system chose. */
    public int port() {
        return server().port();
    }

    private static <T> T requireStarted(T value) {
        if (value == null) {
            throw new IllegalStateException("the app is not running: register RunningApp with @RegisterExtension, "
                    + "and use it inside a test (or @BeforeEach/@AfterEach for an instance field)");
        }
        return value;
    }
}
