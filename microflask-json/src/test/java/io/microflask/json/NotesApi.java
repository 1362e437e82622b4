package io.microflask.json;

import io.microflask.HttpException;
import io.microflask.Route;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** A CRUD API with no JSON code of its own: the shape of the notes sample, exercised by {@link NotesApiTest}. */
@Route("/api/notes")
public class NotesApi {

    public record Note(long id, String title, String body, List<String> tags, Instant created) {
    }

    public record NewNote(String title, String body, List<String> tags) {
        public NewNote {
            if (title == null || title.isBlank()) {
                throw new IllegalArgumentException("title must not be blank");
            }
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }

    private final Map<Long, Note> notes = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();

    @Route("")
    public List<Note> list() {
        return new ArrayList<>(notes.values());
    }

    @Route("/<int:id>")
    public Optional<Note> get(long id) {
        return Optional.ofNullable(notes.get(id));
    }

    @Route(value = "", methods = "POST")
    public JsonResponse<Note> create(@Body NewNote draft) {
        Note note = save(draft);
        return Json.created("/api/notes/" + note.id(), note);
    }

    @Route(value = "/batch", methods = "POST")
    public List<Note> createAll(@Body List<NewNote> drafts) {
        List<Note> created = new ArrayList<>();
        for (NewNote draft : drafts) {
            created.add(save(draft));
        }
        return created;
    }

    @Route(value = "/<int:id>", methods = "PUT")
    public Note update(long id, @Body NewNote draft) {
        Note old = notes.get(id);
        if (old == null) {
            throw new HttpException(404, "There is no note " + id + ".");
        }
        Note note = new Note(id, draft.title(), draft.body(), draft.tags(), old.created());
        notes.put(id, note);
        return note;
    }

    @Route(value = "/<int:id>", methods = "DELETE")
    public void delete(long id) {
        if (notes.remove(id) == null) {
            throw new HttpException(404, "There is no note " + id + ".");
        }
    }

    private Note save(NewNote draft) {
        long id = ids.incrementAndGet();
        Note note = new Note(id, draft.title(), draft.body(), draft.tags(), Instant.now());
        notes.put(id, note);
        return note;
    }
}
