package ${package};

import io.microflask.App;

/** The application: its handlers, and how it starts. */
public final class HelloApp {

    private HelloApp() {
    }

    /** The app with its handlers registered; the tests use it too. */
    public static App create() {
        return new App().register(new Pages());
    }

    /**
     * Serves on http://127.0.0.1:5000. Options: --debug (reload on save, detailed error pages),
     * --port N, --host 0.0.0.0; --help lists them all.
     */
    public static void main(String[] args) {
        create().run(args, "127.0.0.1", 5000, false);
    }
}
