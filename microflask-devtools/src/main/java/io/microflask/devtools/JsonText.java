package io.microflask.devtools;

import io.microflask.util.JsonString;

import java.util.Collection;
import java.util.Map;

/**
 * Writes the JSON variant of the debug pages by hand: devtools depends on core only, and the
 * shapes are small and fixed (objects of strings, numbers, booleans, lists and maps).
 */
final class JsonText {
    private final StringBuilder out = new StringBuilder(4096);
    private boolean needComma;

    JsonText beginObject() {
        comma();
        out.append('{');
        needComma = false;
        return this;
    }

    JsonText endObject() {
        out.append('}');
        needComma = true;
        return this;
    }

    JsonText beginArray(String name) {
        name(name);
        out.append('[');
        needComma = false;
        return this;
    }

    JsonText endArray() {
        out.append(']');
        needComma = true;
        return this;
    }

    JsonText beginObject(String name) {
        name(name);
        out.append('{');
        needComma = false;
        return this;
    }

    JsonText field(String name, Object value) {
        name(name);
        value(value);
        needComma = true;
        return this;
    }

    /** An element of the array being written. */
    JsonText item(Object value) {
        comma();
        value(value);
        needComma = true;
        return this;
    }

    private void name(String name) {
        comma();
        quote(name);
        out.append(':');
        needComma = false;
    }

    private void comma() {
        if (needComma) {
            out.append(',');
        }
    }

    private void value(Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(String.valueOf(entry.getKey()));
                out.append(':');
                value(entry.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                value(item);
            }
            out.append(']');
        } else {
            quote(value.toString());
        }
    }

    private void quote(String text) {
        JsonString.appendQuoted(out, text);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
