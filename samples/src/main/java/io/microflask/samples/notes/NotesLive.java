package io.microflask.samples.notes;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.microflask.App;
import io.microflask.OnOpen;
import io.microflask.WebSocket;
import io.microflask.WebSocketConnection;
import io.microflask.json.JsonExtension;

import java.util.List;
import java.util.Optional;

/**
 * The notes list, live: every open notes page keeps a WebSocket to {@code /notes/live}
 * ({@code static/live-notes.js}), and each note added, by the page's form or the JSON API, is sent
 * to all of them as the API's JSON ({@code {"id":…,"text":…,"created":…}}), so every tab shows it
 * without a reload.
 */
@WebSocket("/notes/live")
public class NotesLive {
    /** The group every open notes page joins. */
    public static final String GROUP = "notes";

    @OnOpen
    public void open(WebSocketConnection connection) {
        connection.join(GROUP);
    }

    /**
     * {@code store}, telling the pages of {@code app} about each note added to it. The pages and
     * the API write through this, so neither has to know about the WebSocket.
     */
    public static NoteStore broadcasting(NoteStore store, App app) {
        return new Broadcasting(store, app);
    }

    private record Broadcasting(NoteStore store, App app) implements NoteStore {
        @Override
        public Note add(String text) {
            Note note = store.add(text);
            try {
                // The API's own mapper: the same JSON as GET /api/notes/<id>.
                app.webSocketGroup(GROUP).send(JsonExtension.of(app).mapper().writeValueAsString(note));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write note " + note.id() + " as JSON", e);
            }
            return note;
        }

        @Override
        public List<Note> all() {
            return store.all();
        }

        @Override
        public Optional<Note> find(long id) {
            return store.find(id);
        }

        @Override
        public Optional<Note> replace(long id, String text) {
            return store.replace(id, text);
        }

        @Override
        public boolean delete(long id) {
            return store.delete(id);
        }

        @Override
        public void ping() throws Exception {
            store.ping();
        }
    }
}
