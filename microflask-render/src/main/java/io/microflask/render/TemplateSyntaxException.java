package io.microflask.render;

import java.nio.file.Path;

/** A template that Mustache cannot compile: an unclosed section, a mismatched end tag, a bad layout. */
public final class TemplateSyntaxException extends TemplateException {

    TemplateSyntaxException(String message, String template, String location, int line, Path sourceFile,
                            Throwable cause) {
        super(message, template, location, line, sourceFile, cause);
    }
}
