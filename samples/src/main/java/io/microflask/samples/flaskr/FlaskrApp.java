package io.microflask.samples.flaskr;

import io.microflask.App;

import java.nio.file.Path;

/**
 * Flask's tutorial app, Flaskr, in microflask: the examples of docs/coming-from-flask.md, tested
 * by {@code FlaskrAppTest}. {@link #create()} is Flaskr's {@code create_app}.
 */
public final class FlaskrApp {
    private FlaskrApp() {
    }

    /** {@code create_app()}: uploads go to {@code instance/uploads}, or {@code UPLOAD_FOLDER}. */
    public static App create() {
        App app = new App();
        Path uploads = app.config().path("UPLOAD_FOLDER", app.settings().instancePath().resolve("uploads"));
        return create(app, uploads);
    }

    /** The app with its uploads in {@code uploads}: for tests. */
    public static App create(App app, Path uploads) {
        app.register(Auth.blueprint(), new Blog(), new Idioms(uploads));
        app.alias("index", "blog.index");
        return app;
    }

    /** {@code flask --app flaskr run --debug} is {@code exec:java -Dexec.args=--debug}. */
    public static void main(String[] args) {
        App.run(FlaskrApp::create, args);
    }
}
