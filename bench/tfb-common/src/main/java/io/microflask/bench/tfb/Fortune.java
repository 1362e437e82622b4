package io.microflask.bench.tfb;

/**
 * A row of TechEmpower's {@code Fortune} table.
 *
 * @param id the row's key (0 for the fortune added at request time)
 * @param message the fortune, which templates must escape: one of them is a {@code <script>}
 */
public record Fortune(int id, String message) implements Comparable<Fortune> {

    /** The fortune TechEmpower's fortunes test adds to the table's rows at request time, before sorting. */
    public static final Fortune ADDED_AT_REQUEST_TIME = new Fortune(0, "Additional fortune added at request time.");

    /** By message, as the fortunes test sorts them. */
    @Override
    public int compareTo(Fortune other) {
        return message.compareTo(other.message);
    }
}
