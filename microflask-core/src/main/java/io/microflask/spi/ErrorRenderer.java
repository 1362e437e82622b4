package io.microflask.spi;

import io.microflask.Response;

/**
 * Renders an error answer: a status page (404, 405, 413, ...) or an exception (500). Renderers
 * are asked in extension order after the app's own {@code @ErrorHandler} methods; the first
 * non-null answer wins, and core's plain page is the fallback.
 */
public interface ErrorRenderer {

    /** The answer for this error, or {@code null} to leave it to the next renderer. */
    Response render(ErrorContext error);
}
