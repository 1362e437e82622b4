package io.microflask;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.AsciiString;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The header names that apps and the framework use all the time, as Netty's {@link AsciiString}
 * spelled exactly as asked for. Netty's headers hash a {@code String} name character by character
 * on every lookup and write it out one character at a time; an {@code AsciiString} keeps its hash
 * and is copied as bytes. A lookup here costs one {@code HashMap} probe on the string's cached hash,
 * and a name found here is a valid token, so it needs no check either. Unknown names are returned
 * as they are: the map never grows at run time.
 */
final class KnownHeaderNames {
    /** Names Netty's {@link HttpHeaderNames} lacks, or spells in a way its Train-Case form misses. */
    private static final String[] MORE = {
            "ETag", "WWW-Authenticate", "Content-Security-Policy", "Content-Security-Policy-Report-Only",
            "Referrer-Policy", "Strict-Transport-Security", "X-Content-Type-Options", "X-Frame-Options",
            "X-Request-Id", "X-CSRF-Token", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host",
            "X-Forwarded-Port", "X-Real-IP", "X-Requested-With", "Forwarded", "Permissions-Policy",
            "Cross-Origin-Opener-Policy", "Cross-Origin-Embedder-Policy", "Cross-Origin-Resource-Policy",
            "Sec-Fetch-Site", "Sec-Fetch-Mode", "Sec-Fetch-Dest", "Sec-Fetch-User", "Retry-After", "DNT", "TE"};

    private static final Map<String, AsciiString> NAMES = build();

    private KnownHeaderNames() {
    }

    /** {@code name} as a cached {@link AsciiString} when it is a known header name, else {@code name} itself. */
    static CharSequence of(String name) {
        AsciiString known = NAMES.get(java.util.Objects.requireNonNull(name, "header name"));
        return known != null ? known : name;
    }

    /** Whether {@code of(name)} found {@code name}: it is then a valid header name. */
    static boolean isKnown(CharSequence canonical) {
        return canonical instanceof AsciiString;
    }

    private static Map<String, AsciiString> build() {
        Map<String, AsciiString> names = new HashMap<>();
        for (Field field : HttpHeaderNames.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == AsciiString.class) {
                try {
                    AsciiString lower = (AsciiString) field.get(null);
                    names.put(lower.toString().intern(), lower);
                    add(names, trainCase(lower.toString()));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read HttpHeaderNames." + field.getName(), e);
                }
            }
        }
        for (String name : MORE) {
            add(names, name);
            add(names, name.toLowerCase(Locale.ROOT));
        }
        // Kept a HashMap, never written after this: Map.copyOf's open addressing calls equals on every
        // slot it probes, where HashMap compares the cached hashes first (measured in the request path).
        return names;
    }

    /** Interned: a name written as a literal is then the very key, and the probe's equals stops at {@code ==}. */
    private static void add(Map<String, AsciiString> names, String name) {
        names.putIfAbsent(name.intern(), AsciiString.cached(name));
    }

    /** {@code content-type} as {@code Content-Type}. */
    private static String trainCase(String lower) {
        StringBuilder out = new StringBuilder(lower.length());
        boolean start = true;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            out.append(start ? Character.toUpperCase(c) : c);
            start = c == '-';
        }
        return out.toString();
    }
}
