package io.microflask;

/**
 * One thing the app needs before it can serve (a database, a queue), checked by the readiness
 * endpoint on each probe: see {@link App#readinessCheck(String, ReadinessCheck)}.
 */
@FunctionalInterface
public interface ReadinessCheck {

    /** Returns normally when the thing is usable; throws (with a message saying why) when it is not. */
    void check() throws Exception;
}
