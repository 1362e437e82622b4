package io.microflask.boot;

import io.microflask.App;
import io.microflask.Blueprint;
import io.microflask.Config;
import io.microflask.RouteInfo;
import io.microflask.Settings;
import io.microflask.ServerStartException;
import io.microflask.run.Commands;
import io.microflask.run.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Apps made by a factory: {@link App#create(App.Factory)} and {@link App#run(App.Factory, String[])}.
 * The engine an app's factory made is found by watching which engines are created while it runs
 * (the app itself does not expose its engine), and told the factory so that reload can call it again.
 */
final class Launcher {
    private static final Logger log = LoggerFactory.getLogger(Launcher.class);
    private static final ThreadLocal<List<CoreEngine>> CREATED = new ThreadLocal<>();

    private Launcher() {
    }

    /** An app and its engine, as a factory made them. */
    record Made(App app, CoreEngine engine) {
    }

    /** Called by every new engine: collected while a factory runs on this thread. */
    static void created(CoreEngine engine) {
        List<CoreEngine> collecting = CREATED.get();
        if (collecting != null) {
            collecting.add(engine);
        }
    }

    /** Runs {@code factory} and finds the engine of the app it returns. */
    static Made make(Callable<App> factory, String name) throws Exception {
        List<CoreEngine> previous = CREATED.get();
        List<CoreEngine> created = new ArrayList<>();
        CREATED.set(created);
        App app;
        try {
            app = factory.call();
        } finally {
            CREATED.set(previous);
        }
        if (app == null) {
            throw new IllegalStateException("the app factory " + name + " returned null; return the App it built");
        }
        for (CoreEngine engine : created) {
            if (engine.owns(app)) {
                return new Made(app, engine);
            }
        }
        throw new IllegalStateException("the app factory " + name + " returned an App it did not create; "
                + "create it inside the factory (new App()), so that a reload can create it again");
    }

    static App create(App.Factory factory) {
        return createMade(factory).app();
    }

    private static Made createMade(App.Factory factory) {
        FactoryReference reference = FactoryReference.of(factory);
        Made made;
        try {
            made = make(factory::create, reference == null ? factory.toString() : reference.toString());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (reference == null) {
            log.warn("the app factory {} is not a method reference or a lambda that captures nothing, so devtools "
                    + "cannot call it again after a change; pass a static method, e.g. App.run(MyApp::create, args)",
                    factory);
        }
        made.engine().factory(reference);
        return made;
    }

    /** {@code app} as the command line sees it; also for tests. */
    static Commands.Application commandsView(App app, Class<?> factoryClass) {
        return new Commands.Application() {
            @Override
            public List<RouteInfo> routes() {
                return app.routes();
            }

            @Override
            public Config config() {
                return app.config();
            }

            @Override
            public Settings settings() {
                return app.settings();
            }

            @Override
            public List<Object> objects() {
                List<Object> objects = new ArrayList<>(app.handlers());
                collect(app.blueprints(), objects);
                return objects;
            }

            @Override
            public Class<?> factoryClass() {
                return factoryClass;
            }

            @Override
            public Object argument(Class<?> type) {
                return type == App.class ? app : null;
            }

            @Override
            public void run(String[] args) {
                app.run(args, "127.0.0.1", 5000, false);
            }
        };
    }

    private static void collect(List<Blueprint.Mount> mounts, List<Object> objects) {
        for (Blueprint.Mount mount : mounts) {
            for (Object handler : mount.blueprint().handlers()) {
                if (!objects.contains(handler)) {
                    objects.add(handler);
                }
            }
            collect(mount.blueprint().blueprints(), objects);
        }
    }

    static void run(App.Factory factory, String[] args) {
        String[] given = args == null ? new String[0] : args;
        String command = Commands.commandOf(given);
        Configuration.developmentRequested(command.equals(Commands.RUN) && List.of(given).contains("--debug"));
        Made made;
        try {
            made = createMade(factory);
        } catch (RuntimeException e) {
            // What a factory's configuration says is wrong (a bad value) needs its message, not a trace.
            System.err.println("The app could not be created: " + e.getMessage());
            log.debug("the app factory failed", e);
            System.exit(1);
            return;
        }
        Class<?> factoryClass = null;
        FactoryReference reference = FactoryReference.of(factory);
        if (reference != null) {
            try {
                factoryClass = reference.type(factory.getClass().getClassLoader());
            } catch (ClassNotFoundException e) {
                log.debug("the factory's class {} cannot be loaded", reference.className(), e);
            }
        }
        int status;
        try {
            status = Commands.execute(commandsView(made.app(), factoryClass), given, System.out, System.err);
        } catch (ServerStartException | IllegalArgumentException e) {
            // The message already names the cause and the fix; a stack trace would bury it.
            System.err.println(e.getMessage());
            status = 1;
        } finally {
            made.engine().closeResources();
        }
        if (status != 0) {
            System.exit(status);
        }
    }
}
