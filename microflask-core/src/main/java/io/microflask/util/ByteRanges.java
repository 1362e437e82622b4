package io.microflask.util;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code Range} header of a request for bytes (RFC 9110 14.1.2), resolved against a
 * representation's length. At most {@link #MAX_RANGES} ranges are honoured, and overlapping ones
 * not at all: such headers are ignored (the whole body is sent, as RFC 9110 14.2 allows), so that
 * no request can make an answer larger than the body itself.
 */
public final class ByteRanges {
    /** More ranges than this in one header and it is ignored. */
    public static final int MAX_RANGES = 16;

    /** One satisfiable range, both ends included. */
    public record Range(long first, long last) {
        /** The number of bytes in it. */
        public long length() {
            return last - first + 1;
        }
    }

    /** What a {@code Range} header asks for. */
    public sealed interface Outcome permits Ignore, Unsatisfiable, Ranges {
    }

    /** Not a byte range this server honours: send the whole body. */
    public record Ignore() implements Outcome {
    }

    /** Syntactically fine but no range overlaps the body: 416. */
    public record Unsatisfiable() implements Outcome {
    }

    /** One or more satisfiable ranges, in the order asked for: 206. */
    public record Ranges(List<Range> ranges) implements Outcome {
    }

    private static final Outcome IGNORE = new Ignore();
    private static final Outcome UNSATISFIABLE = new Unsatisfiable();

    private ByteRanges() {
    }

    /** Resolves {@code header} against a body of {@code size} bytes. */
    public static Outcome parse(String header, long size) {
        String value = header.trim();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return IGNORE;
        }
        String[] specs = value.substring(6).split(",", -1);
        if (specs.length > MAX_RANGES) {
            return IGNORE;
        }
        List<Range> ranges = new ArrayList<>(specs.length);
        for (String spec : specs) {
            Range range;
            String trimmed = spec.trim();
            int dash = trimmed.indexOf('-');
            if (dash < 0) {
                return IGNORE;
            }
            String first = trimmed.substring(0, dash).trim();
            String last = trimmed.substring(dash + 1).trim();
            if (first.isEmpty()) {
                if (!digits(last)) {
                    return IGNORE;
                }
                long suffix = Long.parseLong(last);
                range = suffix == 0 || size == 0 ? null : new Range(Math.max(0, size - suffix), size - 1);
            } else {
                if (!digits(first) || (!last.isEmpty() && !digits(last))) {
                    return IGNORE;
                }
                long start = Long.parseLong(first);
                if (!last.isEmpty() && Long.parseLong(last) < start) {
                    return IGNORE;
                }
                long end = last.isEmpty() ? size - 1 : Long.parseLong(last);
                range = start >= size ? null : new Range(start, Math.min(end, size - 1));
            }
            if (range != null) {
                ranges.add(range);
            }
        }
        if (ranges.isEmpty()) {
            return UNSATISFIABLE;
        }
        if (overlap(ranges)) {
            return IGNORE;
        }
        return new Ranges(List.copyOf(ranges));
    }

    private static boolean overlap(List<Range> ranges) {
        if (ranges.size() < 2) {
            return false;
        }
        List<Range> sorted = new ArrayList<>(ranges);
        Collections.sort(sorted, Comparator.comparingLong(Range::first));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).first() <= sorted.get(i - 1).last()) {
                return true;
            }
        }
        return false;
    }

    private static boolean digits(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
