package io.microflask;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called once when a {@link WebSocket} connection has ended, however it ended (also when the
 * client went away without a close frame, or at shutdown). Besides what an {@link OnOpen} method
 * takes, it may take an {@code int} (the close code: 1006 when there was no close frame, 1005
 * when the frame had no code) and a {@code String} (the reason).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnClose {
}
