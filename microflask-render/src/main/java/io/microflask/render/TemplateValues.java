package io.microflask.render;

import com.github.mustachejava.Binding;
import com.github.mustachejava.Code;
import com.github.mustachejava.Iteration;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.reflect.ReflectionObjectHandler;

import java.io.Writer;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How templates read values: Mustache.java's reflection, plus what Jinja tutorials use and
 * Mustache leaves out, written in the tag itself:
 * <ul>
 *   <li>filters with a pipe, {@code {{post.created | date 'yyyy-MM-dd'}}}, {@code {{price | number '0.00'}}},
 *       {@code {{title | default 'Untitled'}}}, the built-ins {@code upper}, {@code lower},
 *       {@code length}, {@code first}, {@code last}, {@code join}, and the app's own
 *       ({@link RenderExtension#filter});</li>
 *   <li>comparison for sections, {@code {{#post.authorId == g.user.id}}...{{/post.authorId == g.user.id}}}
 *       and {@code !=}, against a name or a literal ({@code 'text'}, a number, {@code true},
 *       {@code false}, {@code null});</li>
 *   <li>{@code loop} inside every loop ({@link LoopState}).</li>
 * </ul>
 * A tag without {@code |}, {@code ==} or {@code !=} is read exactly as Mustache.java reads it.
 */
final class TemplateValues extends ReflectionObjectHandler {
    private static final Map<String, TemplateFilter> BUILT_IN = Map.of(
            "default", (value, argument) -> isEmpty(value) ? argument : value,
            "date", TemplateValues::date,
            "number", TemplateValues::number,
            "upper", (value, argument) -> value == null ? null : value.toString().toUpperCase(Locale.ROOT),
            "lower", (value, argument) -> value == null ? null : value.toString().toLowerCase(Locale.ROOT),
            "length", (value, argument) -> value == null ? 0 : items(value) != null ? items(value).size()
                    : value.toString().length(),
            "first", (value, argument) -> end(value, true),
            "last", (value, argument) -> end(value, false),
            "join", TemplateValues::join);
    private static final Map<String, DateTimeFormatter> DATE_FORMATS = new ConcurrentHashMap<>();

    private final Map<String, TemplateFilter> filters;

    /** Reads values with the app's filters ({@code filters} is live: filters added later are seen by templates compiled later). */
    TemplateValues(Map<String, TemplateFilter> filters) {
        this.filters = filters;
    }

    @Override
    public Binding createBinding(String name, TemplateContext tc, Code code) {
        if (name == null || (name.indexOf('|') < 0 && !name.contains("==") && !name.contains("!="))) {
            return super.createBinding(name, tc, code);
        }
        return compile(name, tc, code);
    }

    @Override
    public Writer iterate(Iteration iteration, Writer writer, Object object, List<Object> scopes) {
        List<?> items = object instanceof Map ? null : items(object);
        if (items == null) {
            return super.iterate(iteration, writer, object, scopes);
        }
        for (int i = 0; i < items.size(); i++) {
            scopes.add(Map.of("loop", new LoopState(i, items.size())));
            try {
                writer = iteration.next(writer, coerce(items.get(i)), scopes);
            } finally {
                scopes.remove(scopes.size() - 1);
            }
        }
        return writer;
    }

    // ---- expressions ----

    private Binding compile(String expression, TemplateContext tc, Code code) {
        int at = topLevel(expression, "==");
        int notAt = topLevel(expression, "!=");
        if (at >= 0 || notAt >= 0) {
            boolean negated = at < 0 || (notAt >= 0 && notAt < at);
            int split = negated ? notAt : at;
            Binding left = operand(expression.substring(0, split), expression, tc, code);
            Binding right = operand(expression.substring(split + 2), expression, tc, code);
            return scopes -> equal(left.get(scopes), right.get(scopes)) != negated;
        }
        return operand(expression, expression, tc, code);
    }

    private Binding operand(String text, String expression, TemplateContext tc, Code code) {
        List<String> parts = splitTopLevel(text, '|');
        Binding value = term(parts.get(0).trim(), expression, tc, code);
        for (String part : parts.subList(1, parts.size())) {
            String spec = part.trim();
            int space = spec.indexOf(' ');
            String filterName = space < 0 ? spec : spec.substring(0, space);
            TemplateFilter filter = filters.get(filterName);
            if (filter == null) {
                filter = BUILT_IN.get(filterName);
            }
            if (filter == null) {
                TreeSet<String> known = new TreeSet<>(BUILT_IN.keySet());
                known.addAll(filters.keySet());
                throw new MustacheException("{{" + expression + "}} uses the filter '" + filterName + "', which is not "
                        + "defined; the filters are " + known + " (add one with RenderExtension.filter(\""
                        + filterName + "\", (value, argument) -> ...))", tc);
            }
            Binding argument = space < 0 ? scopes -> null : term(spec.substring(space + 1).trim(), expression, tc, code);
            Binding input = value;
            TemplateFilter chosen = filter;
            value = scopes -> chosen.apply(input.get(scopes), argument.get(scopes));
        }
        return value;
    }

    /** A literal, {@code .} (the current item) or a name read as Mustache reads it. */
    private Binding term(String text, String expression, TemplateContext tc, Code code) {
        if (text.isEmpty()) {
            throw new MustacheException("{{" + expression + "}} has an empty operand: write a name, a quoted "
                    + "text or a number on each side of | == !=", tc);
        }
        char first = text.charAt(0);
        if ((first == '\'' || first == '"') && text.length() >= 2 && text.charAt(text.length() - 1) == first) {
            String literal = text.substring(1, text.length() - 1);
            return scopes -> literal;
        }
        if (first == '-' || Character.isDigit(first)) {
            try {
                BigDecimal number = new BigDecimal(text);
                return scopes -> number;
            } catch (NumberFormatException e) {
                // a name that starts like a number: read it as a name
            }
        }
        switch (text) {
            case "true":
                return scopes -> Boolean.TRUE;
            case "false":
                return scopes -> Boolean.FALSE;
            case "null":
                return scopes -> null;
            case ".":
                return scopes -> scopes.isEmpty() ? null : scopes.get(scopes.size() - 1);
            default:
                Binding plain = super.createBinding(text, tc, code);
                return scopes -> coerce(plain.get(scopes));
        }
    }

    private static int topLevel(String text, String operator) {
        char quote = 0;
        for (int i = 0; i + operator.length() <= text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (text.startsWith(operator, i)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> splitTopLevel(String text, char separator) {
        List<String> parts = new ArrayList<>();
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == separator) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    // ---- what the built-ins do ----

    /** Numbers by value (an {@code Integer} 3 equals a {@code Long} 3), an enum equals its name, else {@code equals}. */
    static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return decimal(x).compareTo(decimal(y)) == 0;
        }
        if (a instanceof Enum<?> e && b instanceof String s) {
            return e.name().equals(s);
        }
        if (b instanceof Enum<?> e && a instanceof String s) {
            return e.name().equals(s);
        }
        return Objects.equals(a, b);
    }

    private static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal big) {
            return big;
        }
        if (number instanceof Double || number instanceof Float) {
            return BigDecimal.valueOf(number.doubleValue());
        }
        return new BigDecimal(number.toString());
    }

    private static boolean isEmpty(Object value) {
        if (value == null || (value instanceof String s && s.isEmpty()) || Boolean.FALSE.equals(value)) {
            return true;
        }
        if (value instanceof java.util.Optional<?> optional) {
            return optional.isEmpty();
        }
        List<?> items = value instanceof Map<?, ?> map ? (map.isEmpty() ? List.of() : null) : items(value);
        return items != null && items.isEmpty();
    }

    /** A list of the items of a collection, iterable, iterator or array; {@code null} for anything else. */
    private static List<?> items(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        if (value instanceof Iterable<?> iterable) {
            List<Object> all = new ArrayList<>();
            iterable.forEach(all::add);
            return all;
        }
        if (value instanceof Iterator<?> iterator) {
            List<Object> all = new ArrayList<>();
            iterator.forEachRemaining(all::add);
            return all;
        }
        if (value != null && value.getClass().isArray()) {
            List<Object> all = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                all.add(Array.get(value, i));
            }
            return all;
        }
        return null;
    }

    private static Object end(Object value, boolean first) {
        List<?> items = items(value);
        if (items == null) {
            String text = value == null ? "" : value.toString();
            return text.isEmpty() ? null : String.valueOf(text.charAt(first ? 0 : text.length() - 1));
        }
        return items.isEmpty() ? null : items.get(first ? 0 : items.size() - 1);
    }

    private static Object join(Object value, Object separator) {
        List<?> items = items(value);
        if (items == null) {
            return value;
        }
        StringBuilder joined = new StringBuilder();
        for (Object item : items) {
            joined.append(joined.length() == 0 ? "" : separator == null ? ", " : separator.toString()).append(item);
        }
        return joined.toString();
    }

    /** {@code date 'pattern'} ({@code DateTimeFormatter} syntax, English names; default {@code yyyy-MM-dd}); an {@code Instant} or {@code Date} is shown in UTC. */
    private static Object date(Object value, Object pattern) {
        if (value == null) {
            return null;
        }
        TemporalAccessor temporal;
        if (value instanceof Date date) {
            temporal = date.toInstant().atZone(ZoneOffset.UTC);
        } else if (value instanceof Instant instant) {
            temporal = instant.atZone(ZoneOffset.UTC);
        } else if (value instanceof TemporalAccessor accessor) {
            temporal = accessor;
        } else {
            throw new IllegalArgumentException("the date filter formats dates and times (java.time types, Date), not "
                    + value.getClass().getName() + " '" + value + "'");
        }
        String text = pattern == null ? "yyyy-MM-dd" : pattern.toString();
        DateTimeFormatter format = DATE_FORMATS.computeIfAbsent(text, p -> DateTimeFormatter.ofPattern(p, Locale.ENGLISH));
        return format.format(temporal);
    }

    /** {@code number 'pattern'} ({@code DecimalFormat} syntax, {@code .} and {@code ,}; default {@code #,##0.##}). */
    private static Object number(Object value, Object pattern) {
        if (value == null) {
            return null;
        }
        Object number = value;
        if (value instanceof String text) {
            number = new BigDecimal(text.trim());
        }
        if (!(number instanceof Number)) {
            throw new IllegalArgumentException("the number filter formats numbers, not " + value.getClass().getName()
                    + " '" + value + "'");
        }
        // DecimalFormat is not thread-safe: one per use.
        DecimalFormat format = new DecimalFormat(pattern == null ? "#,##0.##" : pattern.toString(),
                DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        return format.format(number);
    }
}
