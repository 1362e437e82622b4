package io.microflask.dispatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What extensions contributed of one kind (writers, resolvers, renderers...), kept sorted by
 * order and then by when it was added; readers get an immutable snapshot without locking.
 */
final class Contributions<T> {
    private final List<Entry<T>> entries = new ArrayList<>();
    private volatile List<T> snapshot = List.of();

    private record Entry<T>(int order, int sequence, T item) {
    }

    synchronized void add(int order, T item) {
        entries.add(new Entry<>(order, entries.size(), item));
        List<Entry<T>> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt((Entry<T> e) -> e.order).thenComparingInt(e -> e.sequence));
        snapshot = sorted.stream().map(Entry::item).toList();
    }

    List<T> items() {
        return snapshot;
    }
}
