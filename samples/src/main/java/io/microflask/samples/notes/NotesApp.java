package io.microflask.samples.notes;

import io.microflask.App;
import io.microflask.ServerStartException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The notes app, the main sample: {@code mvn -B -q -pl samples -am compile exec:java}, then open
 * http://127.0.0.1:5000. {@code --host}, {@code --port}, {@code --debug}/{@code --no-debug} (or
 * MICROFLASK_HOST, MICROFLASK_PORT, MICROFLASK_DEBUG) override the defaults below, e.g.
 * {@code -Dexec.args="--debug"}. Behind a reverse proxy, MICROFLASK_TRUSTED_PROXIES names the proxies
 * whose X-Forwarded-* headers are believed (comma-separated addresses or CIDR ranges, e.g.
 * {@code 127.0.0.1} for nginx on the same machine; microflask reads it, see Settings); see
 * docs/deployment.md.
 */
public final class NotesApp {
    private static final Logger log = LoggerFactory.getLogger(NotesApp.class);

    private NotesApp() {
    }

    /** The app with its pages and API over {@code store}: what {@code main} runs and the tests start. */
    public static App create(NoteStore store) {
        App app = new App();
        if (app.settings().secretKey() == null) { // MICROFLASK_SECRET_KEY is read by new App()
            log.warn("MICROFLASK_SECRET_KEY is not set: using a development key. Set it (openssl rand -hex 32) "
                    + "before anyone else uses this app; every instance behind one load balancer needs the same key.");
            app.settings().secretKey("dev-only-notes-key-0123456789abcdef0123456789");
        }
        app.settings().staticMaxAge(Duration.ofHours(1));
        return app.register(new NotesPages(store), new AccountPages(), new NotesApi(store));
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
