package io.microflask.samples.notes;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** A thread-safe store in memory, for tests: handlers run on many threads at once. The app itself keeps its notes in H2 ({@link NotesDatabase}). */
public final class InMemoryNoteStore implements NoteStore {

    private final ConcurrentSkipListMap<Long, Note> notes = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Clock clock;

    public InMemoryNoteStore(Clock clock) {
        this.clock = clock;
    }


    @Override
    public List<Note> all() {
        // Ids grow with time, so the descending map is newest first.
        return new ArrayList<>(notes.descendingMap().values());
    }

    @Override
    public Optional<Note> find(long id) {
        return Optional.ofNullable(notes.get(id));
    }

    @Override
    public Note add(String text) {
        long id = ids.incrementAndGet();
        Note note = new Note(id, text, Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
        notes.put(id, note);
        return note;
    }

    @Override
    public Optional<Note> replace(long id, String text) {
        return Optional.ofNullable(notes.computeIfPresent(id, (key, old) -> new Note(id, text, old.created())));
    }

    @Override
    public boolean delete(long id) {
        return notes.remove(id) != null;
    }
}
