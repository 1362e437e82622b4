package io.microflask.render;

import java.nio.file.Path;

/**
 * A mistake in a template or in how one is used: every subclass names the template file, and the
 * line when it is known, so that the log and the debug error page point at what to fix.
 */
public class TemplateException extends RuntimeException {
    /** The template's name, as a handler or a tag gave it. */
    private final String template;
    /** The file the mistake is in, for people (see {@link #location()}). */
    private final String location;
    /** The line in the template, or 0 when it is not known. */
    private final int line;
    private final transient Path sourceFile;

    TemplateException(String message, String template, String location, int line, Path sourceFile,
                      Throwable cause) {
        super(message, cause);
        this.template = template;
        this.location = location;
        this.line = line;
        this.sourceFile = sourceFile;
    }

    /** The template's file name relative to {@code templates/}, e.g. {@code "admin/users.mustache"}. */
    public String template() {
        return template;
    }

    /**
     * The file the mistake is in, for people: a path such as
     * {@code src/main/resources/templates/index.mustache}, or a classpath resource inside a jar.
     * For a missing partial or layout, the template whose tag asks for it.
     */
    public String location() {
        return location;
    }

    /** The line in {@link #location()} the mistake is on, or 0 when it is not known. */
    public int line() {
        return line;
    }

    /**
     * The template's file on disk, or {@code null} when it is not a plain file (inside a jar, or
     * missing): a debug error page can show the lines around {@link #line()} from it.
     */
    public Path sourceFile() {
        return sourceFile;
    }
}
