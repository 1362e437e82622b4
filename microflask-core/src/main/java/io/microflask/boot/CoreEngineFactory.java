package io.microflask.boot;

import io.microflask.App;
import io.microflask.Settings;

/** The service that {@link App} finds to make its engine; listed in {@code META-INF/services}. */
public final class CoreEngineFactory implements App.EngineFactory {
    /** Called by {@link java.util.ServiceLoader}. */
    public CoreEngineFactory() {
    }

    @Override
    public App.Engine create(Settings settings, boolean discoverExtensions) {
        return new CoreEngine(settings, discoverExtensions);
    }

    @Override
    public void run(App.Factory factory, String[] args) {
        Launcher.run(factory, args);
    }

    @Override
    public App create(App.Factory factory) {
        return Launcher.create(factory);
    }
}
