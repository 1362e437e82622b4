package io.microflask.samples.notes;

import io.microflask.App;
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
        return app.register(new NotesPages(store), new AccountPages(), new NotesApi(store));
    }

    public static void main(String[] args) {
        // run prints a start failure's message (it names the cause and the fix) and exits 1 by itself.
        create(InMemoryNoteStore.shared()).run(args, "127.0.0.1", 5000, false);
    }
}
