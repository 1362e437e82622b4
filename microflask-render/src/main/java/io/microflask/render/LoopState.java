package io.microflask.render;

/**
 * Where a section's loop is, Jinja's {@code loop}: inside {@code {{#items}}...{{/items}}},
 * {@code {{#loop.first}}}, {@code {{^loop.last}}, {{/loop.last}}}, {@code {{loop.index}}} (from 1)
 * and {@code {{loop.index0}}} (from 0). In nested loops it is the innermost one's.
 */
public final class LoopState {
    private final int index0;
    private final int length;

    LoopState(int index0, int length) {
        this.index0 = index0;
        this.length = length;
    }

    /** Whether this is the first item. */
    public boolean first() {
        return index0 == 0;
    }

    /** Whether this is the last item. */
    public boolean last() {
        return index0 == length - 1;
    }

    /** The item's position, from 1. */
    public int index() {
        return index0 + 1;
    }

    /** The item's position, from 0. */
    public int index0() {
        return index0;
    }

    /** How many items the loop has. */
    public int length() {
        return length;
    }

    @Override
    public String toString() {
        return Integer.toString(index());
    }
}
