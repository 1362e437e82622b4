package io.microflask.render;

import java.nio.file.Path;
import java.util.List;

/**
 * A template, partial ({@code {{>name}}}) or layout ({@code {{<name}}}) that none of the places
 * templates are read from holds. The message lists every location searched.
 *
 * <p>For a missing partial or layout, {@link #location()}, {@link #line()} and
 * {@link #sourceFile()} point at the tag that asked for it; for a template a handler asked for,
 * they are {@code null}, 0 and {@code null}.
 */
public final class TemplateNotFoundException extends TemplateException {
    /** Every location searched for the template. */
    private final List<String> searched;
    /** The template whose tag asked for the missing one, or {@code null}. */
    private final String includedFrom;

    TemplateNotFoundException(String message, String template, List<String> searched, String includedFrom,
                              int line, Path includerFile) {
        super(message, template, includedFrom, line, includerFile, null);
        this.searched = List.copyOf(searched);
        this.includedFrom = includedFrom;
    }

    /** Every location that was looked at, in the order they were tried. */
    public List<String> searchedLocations() {
        return searched;
    }

    /**
     * The template whose {@code {{>partial}}} or {@code {{<layout}}} tag asked for the missing one
     * (its location, as in {@link #location()}), or {@code null} when a handler asked for it directly.
     * {@link #line()} is then the tag's line.
     */
    public String includedFrom() {
        return includedFrom;
    }
}
