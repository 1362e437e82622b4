package io.microflask;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@link Route} method on the connection's event loop instead of a handler thread: the
 * fast path, for handlers that only compute (no database call, no file, no sleep, no lock held
 * long). On a class, every route of the class. Routing, binding, the hooks that apply to the
 * route, error handlers, sessions, extensions and error pages work the same; the hooks then run
 * on the event loop too, so they must not block either.
 *
 * <p>A handler that needs to wait returns a {@link java.util.concurrent.CompletionStage} instead
 * and is answered when it completes. One that blocks anyway is named in the log with the event
 * loop's stack ({@code settings().blockedLoopThreshold()}). A handler that takes an
 * {@link UploadedFile} (decoded to disk) cannot be {@code @NonBlocking}: {@code register} says so.
 *
 * <pre>{@code
 * @NonBlocking
 * @Route("/plaintext")
 * public String plaintext() { return "Hello, World!"; }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface NonBlocking {
}
