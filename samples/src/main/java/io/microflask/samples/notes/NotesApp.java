package io.microflask.samples.notes;

import io.microflask.App;
import io.microflask.ServerStartException;
import java.time.Duration;

/**
 * The notes app, the main sample: {@code mvn -B -q -pl samples -am compile exec:java}, then open
 * http://127.0.0.1:5000. {@code --host}, {@code --port}, {@code --debug}/{@code --no-debug} (or
 * MICROFLASK_HOST, MICROFLASK_PORT, MICROFLASK_DEBUG) override the defaults below, e.g.
 * {@code -Dexec.args="--debug"}. Behind a reverse proxy, MICROFLASK_TRUSTED_PROXIES names the proxies
 * whose X-Forwarded-* headers are believed (comma-separated addresses or CIDR ranges, e.g.
 * {@code 127.0.0.1} for nginx on the same machine; microflask reads it, see Settings); see
 * docs/deployment.md. In production mode it needs MICROFLASK_SECRET_KEY (e.g.
 * {@code export MICROFLASK_SECRET_KEY=$(openssl rand -hex 32)}): without it, it refuses to start
 * and says so; {@code --debug} works without one.
 */
public final class NotesApp {
    private NotesApp() {
    }

    /**
     * The app with its pages and API over {@code store}: what {@code main} runs and the tests start.
     * Its secret key comes from MICROFLASK_SECRET_KEY (read by {@code new App()}), never from this
     * source: without it, a production start refuses and says how to set it, and debug mode signs
     * sessions with a development key kept in {@code instance/secret_key}.
     */
    public static App create(NoteStore store) {
        App app = new App();
        app.settings().staticMaxAge(Duration.ofHours(1));
        NoteStore live = NotesLive.broadcasting(store, app); // each note added goes to every open page
        return app.register(new NotesPages(live), new AccountPages(), new NotesApi(live), new NotesLive());
    }

    public static void main(String[] args) {
        try {
            create(InMemoryNoteStore.shared()).run(args, "127.0.0.1", 5000, false);
        } catch (ServerStartException | IllegalArgumentException e) {
            // The message already names the cause and the fix; a stack trace would bury it.
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
