package io.microflask.samples.notes;

import java.time.Instant;

/** A note: what the store keeps, what the API answers ({@code created} is ISO-8601 in JSON). */
public record Note(long id, String text, Instant created) {
    /** The most characters a note's text may have (JdbcNoteStore's column holds as many). */
    public static final int MAX_TEXT_LENGTH = 10_000;

    /**
     * Why {@code text} (already stripped) is too long for a note, or {@code null} when it fits:
     * the pages and the API answer 400 with this message.
     */
    public static String tooLong(String text) {
        int length = text.codePointCount(0, text.length());
        return length <= MAX_TEXT_LENGTH ? null : "A note holds at most " + MAX_TEXT_LENGTH + " characters; this one has "
                + length + ".";
    }
}
