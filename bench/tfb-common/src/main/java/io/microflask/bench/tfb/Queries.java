package io.microflask.bench.tfb;

/** TechEmpower's rule for the {@code queries} argument of {@code /queries} and {@code /updates}. */
public final class Queries {
    /** The most rows one request may ask for. */
    public static final int MAX = 500;

    private Queries() {
    }

    /**
     * The number of rows {@code argument} asks for: clamped to 1..500, and 1 when it is missing or not an integer
     * ({@code ?queries=foo}, {@code ?queries=}), as TechEmpower's verifier requires.
     */
    public static int count(String argument) {
        if (argument == null || argument.isEmpty()) {
            return 1;
        }
        try {
            return Math.max(1, Math.min(MAX, Integer.parseInt(argument)));
        } catch (NumberFormatException e) {
            // Out of int's range is still a number: a huge one asks for the most, a hugely negative one the least.
            return argument.matches("\\+?\\d+") ? MAX : 1;
        }
    }
}
