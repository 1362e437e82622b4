package io.microflask.samples.notes;

import io.microflask.App;

import java.time.Duration;

/**
 * The notes app, the main sample: {@code mvn -B -q -pl samples -am compile exec:java}, then open
 * http://127.0.0.1:5000. Laid out as Flask's tutorial: {@link #create()} is the app factory (which
 * devtools calls again after every change, so nothing needs a restart), the notes live in an H2
 * database under {@code instance/} ({@link NotesDatabase}), and the same main runs the commands:
 * {@code -Dexec.args=routes}, {@code config}, {@code init-db}, {@code --help}.
 *
 * <p>{@code --host}, {@code --port}, {@code --debug}/{@code --no-debug} (or MICROFLASK_HOST,
 * MICROFLASK_PORT, MICROFLASK_DEBUG) override the defaults, e.g. {@code -Dexec.args="--debug"}.
 * Every setting can come from {@code instance/microflask.properties} or a MICROFLASK_ variable
 * (MICROFLASK_TRUSTED_PROXIES behind a reverse proxy, see docs/deployment.md). In production mode
 * it needs MICROFLASK_SECRET_KEY (e.g. {@code export MICROFLASK_SECRET_KEY=$(openssl rand -hex 32)},
 * or {@code SECRET_KEY=...} in {@code instance/microflask.properties}): without it, it refuses to
 * start and says so; {@code --debug} works without one.
 */
public final class NotesApp {
    private NotesApp() {
    }

    /** The app factory: the app over its database, configured from its instance folder and environment. */
    public static App create() {
        return withDatabase(new App());
    }

    /**
     * The pages and API registered on {@code app}, over the database its settings and
     * configuration name (the instance folder's H2 file by default), with the {@code init-db} command.
     */
    public static App withDatabase(App app) {
        NotesDatabase database = NotesDatabase.open(app);
        return register(app, database.store()).register(database);
    }

    /**
     * The app with its pages and API over {@code store}, for tests (an in-memory store). Its
     * secret key comes from the configuration (MICROFLASK_SECRET_KEY), never from this source.
     */
    public static App create(NoteStore store) {
        return register(new App(), store);
    }

    private static App register(App app, NoteStore store) {
        app.settings().staticMaxAge(Duration.ofHours(1));
        // For load balancers and orchestrators (docs/deployment.md); MICROFLASK_DRAIN_PERIOD sets the drain.
        app.settings().healthPath("/healthz").readinessPath("/readyz");
        app.readinessCheck("notes", store::ping);
        NoteStore live = NotesLive.broadcasting(store, app); // each note added goes to every open page
        return app.register(new NotesPages(live), new AccountPages(), new NotesApi(live), new NotesLive());
    }

    public static void main(String[] args) {
        App.run(NotesApp::create, args);
    }
}
