package example.app;

import io.microflask.Request;
import io.microflask.Route;

/** A small app whose handlers fail, for the debug error page tests. */
public class ErrorApp {

    @Route("/notes/<int:id>")
    public String note(int id, Request request) {
        return NoteStore.load(id);
    }

    @Route("/render")
    public String render() {
        throw new IllegalStateException("Improperly closed variable in page.mustache:3 @[page.mustache:3]");
    }

    @Route("/fine")
    public String fine() {
        return "<html><body><h1>fine</h1></body></html>";
    }

    /** Lives in another class so that the trace has two application frames. */
    static final class NoteStore {
        static String load(int id) {
            try {
                return Integer.toString(Integer.parseInt("note-" + id));
            } catch (NumberFormatException e) {
                throw new IllegalStateException("note " + id + " could not be loaded", e); // the line that throws
            }
        }
    }
}
