package io.microflask.samples.notes;

import java.util.List;
import java.util.Optional;

/**
 * Where notes live. The sample keeps them in memory ({@link InMemoryNoteStore}); the README shows
 * a JDBC implementation of the same interface.
 */
public interface NoteStore {

    /** Every note, newest first. */
    List<Note> all();

    Optional<Note> find(long id);

    /** Stores a new note and returns it with its id and creation time. */
    Note add(String text);

    /** Replaces a note's text; empty when there is no such note. */
    Optional<Note> replace(long id, String text);

    /** Deletes a note; false when there was none. */
    boolean delete(long id);

    /**
     * Returns when the store can be used, throws when it cannot: the notes app's readiness check
     * ({@code /readyz}). Memory is always there; a database store asks its database.
     */
    default void ping() throws Exception {
    }
}
