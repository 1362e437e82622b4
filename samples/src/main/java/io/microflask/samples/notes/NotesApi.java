package io.microflask.samples.notes;

import io.microflask.BeforeRequest;
import io.microflask.HttpException;
import io.microflask.Request;
import io.microflask.Route;
import io.microflask.Session;
import io.microflask.json.Body;
import io.microflask.json.Json;
import io.microflask.json.JsonResponse;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON API, under {@code /api/notes}: no JSON code of its own, microflask-json does it.
 * Anyone may read; writing (POST, PUT, DELETE) needs the login of the pages ({@code POST /login}),
 * sent as its session cookie, else 401.
 */
@Route("/api/notes")
public class NotesApi {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final NoteStore store;

    public NotesApi(NoteStore store) {
        this.store = store;
    }


    /** What a client sends; the constructor's checks become a 400 that names the problem. */
    public record NoteText(String text) {
        public NoteText {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("text must be a non-empty string");
            }
            String tooLong = Note.tooLong(text.strip());
            if (tooLong != null) {
                throw new IllegalArgumentException(tooLong);
            }
        }
    }

    /** Before every request under /api/notes: a write without the pages' login is answered 401. */
    @BeforeRequest
    public Object requireLoginToWrite(Request request, Session session) {
        if (!WRITES.contains(request.method()) || session.getString("username") != null) {
            return null;
        }
        return Json.status(401, Map.of("status", 401, "error", "Unauthorized",
                        "message", "Log in first: changing notes needs the session of POST /login (send its cookie)."))
                .header("WWW-Authenticate", "Cookie realm=\"notes\", form-action=\"/login\", cookie-name=\""
                        + request.settings().sessionCookieName() + "\"");
    }

    @Route("")
    public List<Note> list() {
        return store.all();
    }

    @Route(value = "", methods = "POST")
    public JsonResponse<Note> create(@Body NoteText body) {
        Note note = store.add(body.text().strip());
        return Json.created("/api/notes/" + note.id(), note);
    }

    /** An empty Optional answers 404 (in JSON). */
    @Route("/<int:id>")
    public Optional<Note> get(long id) {
        return store.find(id);
    }

    @Route(value = "/<int:id>", methods = "PUT")
    public Note replace(long id, @Body NoteText body) {
        return store.replace(id, body.text().strip())
                .orElseThrow(() -> new HttpException(404, "There is no note " + id + "."));
    }

    @Route(value = "/<int:id>", methods = "DELETE")
    public void delete(long id) {
        if (!store.delete(id)) {
            throw new HttpException(404, "There is no note " + id + ".");
        }
    }
}
