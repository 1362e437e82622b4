package io.microflask.samples.notes;

import io.microflask.HttpException;
import io.microflask.Route;
import io.microflask.json.Body;
import io.microflask.json.Json;
import io.microflask.json.JsonResponse;

import java.util.List;
import java.util.Optional;

/** The JSON API, under {@code /api/notes}: no JSON code of its own, microflask-json does it. */
@Route("/api/notes")
public class NotesApi {
    private final NoteStore store;

    public NotesApi(NoteStore store) {
        this.store = store;
    }

    /** Used by devtools when it reloads this class. */
    public NotesApi() {
        this(InMemoryNoteStore.shared());
    }

    /** What a client sends; the constructor's check becomes a 400 that names the problem. */
    public record NoteText(String text) {
        public NoteText {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("text must be a non-empty string");
            }
        }
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
