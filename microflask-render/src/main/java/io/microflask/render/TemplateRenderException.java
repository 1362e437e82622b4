package io.microflask.render;

import java.nio.file.Path;

/**
 * A template that compiled but failed while it was being filled in, typically because a method of
 * the model that a tag calls threw; that exception is the cause.
 */
public final class TemplateRenderException extends TemplateException {

    TemplateRenderException(String message, String template, String location, int line, Path sourceFile,
                            Throwable cause) {
        super(message, template, location, line, sourceFile, cause);
    }
}
