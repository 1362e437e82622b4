package io.microflask.routing;

import io.microflask.Converter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A segment trie of routes. A lookup walks the request's segments once, trying literal children
 * before variables (by converter weight, as Werkzeug orders rules), so its cost depends on the
 * path's length, not on how many routes there are.
 *
 * @param <H> what a route carries (the app's prepared handler)
 */
public final class Router<H> {

    /** A route in the trie: its pattern and, per method, what answers. */
    public static final class Entry<H> {
        private final RoutePattern pattern;
        private final Map<String, H> byMethod = new LinkedHashMap<>();

        Entry(RoutePattern pattern) {
            this.pattern = pattern;
        }

        /** The pattern of this entry. */
        public RoutePattern pattern() {
            return pattern;
        }

        /** The handler for {@code method}, or {@code null}. */
        public H handler(String method) {
            return byMethod.get(method);
        }

        /** The methods this entry answers. */
        public Set<String> methods() {
            return Collections.unmodifiableSet(byMethod.keySet());
        }
    }

    /** What a lookup found. */
    public sealed interface Match<H> {
    }

    /** A route answers this method; {@code values} are the converted variables in pattern order. */
    public record Found<H>(Entry<H> entry, H handler, Object[] values) implements Match<H> {
        /** The matched path variables by name, converted. */
        public Map<String, Object> variables() {
            if (values.length == 0) {
                return Map.of();
            }
            List<RoutePattern.Part> parts = entry.pattern().parts();
            Map<String, Object> vars = new LinkedHashMap<>();
            int i = 0;
            for (RoutePattern.Part part : parts) {
                if (part.isVariable()) {
                    vars.put(part.variable(), values[i++]);
                }
            }
            return Collections.unmodifiableMap(vars);
        }
    }

    /** The path matches routes, none for this method: answer 405 with these in {@code Allow}. */
    public record MethodNotAllowed<H>(Set<String> allowed) implements Match<H> {
    }

    /** The path matches only with a trailing slash added: answer 308 to it. */
    public record RedirectToSlash<H>() implements Match<H> {
    }

    /** Nothing matches: 404. */
    public record NotFound<H>() implements Match<H> {
    }

    private static final class Node<H> {
        final Map<String, Node<H>> literals = new HashMap<>(4);
        final List<VariableEdge<H>> variables = new ArrayList<>(1);
        Entry<H> entry;
    }

    private record VariableEdge<H>(String converterName, Converter converter, Node<H> child) {
    }

    /** The most variables one pattern may have. */
    public static final int MAX_VARIABLES = 16;

    private static final Object[] NO_VALUES = new Object[0];

    private final Node<H> root = new Node<>();
    private final Map<String, Entry<H>> byShape = new HashMap<>();
    private int size;
    /** The most variables of any pattern added: a lookup needs room for no more. */
    private int maxVariables;

    /**
     * Adds a handler for a method and pattern. Returns the handler already there for the same
     * method and an equivalent pattern, if any, so the caller can report the conflict; the new
     * one is then not added.
     */
    public H add(RoutePattern pattern, String method, H handler) {
        Entry<H> entry = byShape.get(pattern.shape());
        if (entry == null) {
            entry = new Entry<>(pattern);
            byShape.put(pattern.shape(), entry);
            Node<H> node = root;
            for (RoutePattern.Part part : pattern.parts()) {
                node = part.isVariable() ? variableChild(node, part) : node.literals.computeIfAbsent(part.literal(),
                        k -> new Node<>());
            }
            node.entry = entry;
            maxVariables = Math.max(maxVariables, pattern.variableNames().size());
        }
        H existing = entry.byMethod.get(method);
        if (existing != null) {
            return existing;
        }
        entry.byMethod.put(method, handler);
        size++;
        return null;
    }

    private Node<H> variableChild(Node<H> node, RoutePattern.Part part) {
        for (VariableEdge<H> edge : node.variables) {
            if (edge.converterName().equals(part.converterName())) {
                return edge.child();
            }
        }
        VariableEdge<H> edge = new VariableEdge<>(part.converterName(), part.converter(), new Node<>());
        node.variables.add(edge);
        node.variables.sort((a, b) -> Integer.compare(a.converter().weight(), b.converter().weight()));
        return edge.child();
    }

    /** How many (method, pattern) pairs are routed. */
    public int size() {
        return size;
    }

    /** Every route, for listings and {@code url_for}. */
    public List<Entry<H>> entries() {
        return List.copyOf(byShape.values());
    }

    /**
     * Finds the route for a method and a path given as decoded segments ({@code "/a/b/"} is
     * {@code ["a", "b", ""]}). HEAD falls back to GET.
     */
    public Match<H> match(String method, List<String> segments) {
        Object[] values = maxVariables == 0 ? NO_VALUES : new Object[maxVariables];
        // Depth-first over the trie; the first entry in priority order that answers the method wins.
        List<Object[]> found = new ArrayList<>(1);
        List<Entry<H>> entries = new ArrayList<>(1);
        collect(root, segments, 0, values, 0, entries, found, method, true);
        if (!entries.isEmpty()) {
            Entry<H> entry = entries.get(0);
            Object[] vals = found.get(0);
            H handler = entry.byMethod.get(method);
            if (handler == null && method.equals("HEAD")) {
                handler = entry.byMethod.get("GET");
            }
            if (handler != null) {
                return new Found<>(entry, handler, vals);
            }
        }
        // No entry answers this method: gather what the path allows (every matching entry).
        entries.clear();
        found.clear();
        collect(root, segments, 0, values, 0, entries, found, null, false);
        if (!entries.isEmpty()) {
            Set<String> allowed = new TreeSet<>();
            for (Entry<H> entry : entries) {
                allowed.addAll(entry.byMethod.keySet());
            }
            if (allowed.contains("GET")) {
                allowed.add("HEAD");
            }
            allowed.add("OPTIONS");
            return new MethodNotAllowed<>(Collections.unmodifiableSet(new LinkedHashSet<>(allowed)));
        }
        if (!segments.isEmpty() && !segments.get(segments.size() - 1).isEmpty()) {
            List<String> withSlash = new ArrayList<>(segments.size() + 1);
            withSlash.addAll(segments);
            withSlash.add("");
            collect(root, withSlash, 0, values, 0, entries, found, null, true);
            if (!entries.isEmpty()) {
                return new RedirectToSlash<>();
            }
        }
        return new NotFound<>();
    }

    /**
     * Walks the trie. With {@code firstOnly}, stops at the first entry that answers
     * {@code method} (or any entry when method is null); otherwise collects every entry.
     */
    private boolean collect(Node<H> node, List<String> segments, int index, Object[] values, int valueCount,
                            List<Entry<H>> entries, List<Object[]> found, String method, boolean firstOnly) {
        if (index == segments.size()) {
            Entry<H> entry = node.entry;
            if (entry != null && (method == null || entry.byMethod.containsKey(method)
                    || (method.equals("HEAD") && entry.byMethod.containsKey("GET")))) {
                entries.add(entry);
                Object[] vals = valueCount == 0 ? NO_VALUES : Arrays.copyOf(values, valueCount);
                found.add(vals);
                return firstOnly;
            }
            return false;
        }
        String segment = segments.get(index);
        Node<H> literal = node.literals.get(segment);
        if (literal != null && collect(literal, segments, index + 1, values, valueCount, entries, found, method,
                firstOnly)) {
            return true;
        }
        if (valueCount >= values.length) {
            return false;
        }
        for (VariableEdge<H> edge : node.variables) {
            Converter converter = edge.converter();
            if (converter.spansSegments()) {
                // Werkzeug's path is non-greedy: try the shortest span first.
                StringBuilder joined = new StringBuilder();
                for (int end = index; end < segments.size(); end++) {
                    if (end > index) {
                        joined.append('/');
                    }
                    joined.append(segments.get(end));
                    Object value = converter.fromPath(joined.toString());
                    if (value == null) {
                        continue;
                    }
                    values[valueCount] = value;
                    if (collect(edge.child(), segments, end + 1, values, valueCount + 1, entries, found, method,
                            firstOnly)) {
                        return true;
                    }
                }
            } else {
                Object value = converter.fromPath(segment);
                if (value == null) {
                    continue;
                }
                values[valueCount] = value;
                if (collect(edge.child(), segments, index + 1, values, valueCount + 1, entries, found, method,
                        firstOnly)) {
                    return true;
                }
            }
        }
        return false;
    }
}
