package io.microflask.util;

import java.util.ArrayList;
import java.util.List;

/**
 * Host names a server answers for, as Flask's {@code TRUSTED_HOSTS}: each entry is an exact name
 * ({@code "example.com"}), or a name with a leading dot for it and all its subdomains
 * ({@code ".example.com"} matches {@code example.com} and {@code www.example.com}), or an IPv4 or
 * bracketed IPv6 address ({@code "192.0.2.7"}, {@code "[2001:db8::1]"}). An entry without a port
 * matches any port; one with a port ({@code "example.com:8443"}) matches only a Host that names that
 * port. Names compare case-insensitively; nothing is looked up in DNS.
 */
public final class HostAllowList {
    private static final HostAllowList EMPTY = new HostAllowList(List.of());

    private record Entry(String name, int port, boolean subdomains, String text) {
        boolean matches(HostNames.HostAndPort host) {
            if (port >= 0 && port != host.port()) {
                return false;
            }
            return host.name().equals(name) || (subdomains && host.name().endsWith("." + name));
        }
    }

    private final List<Entry> entries;

    private HostAllowList(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** An empty list: it matches nothing. */
    public static HostAllowList empty() {
        return EMPTY;
    }

    /**
     * The given entries; an entry that is not a valid host pattern is an
     * {@link IllegalArgumentException} naming it.
     */
    public static HostAllowList of(List<String> patterns) {
        List<Entry> parsed = new ArrayList<>(patterns.size());
        for (String pattern : patterns) {
            parsed.add(parse(pattern));
        }
        return parsed.isEmpty() ? EMPTY : new HostAllowList(parsed);
    }

    /** Like {@link #of(List)}. */
    public static HostAllowList of(String... patterns) {
        return of(List.of(patterns));
    }

    private static Entry parse(String pattern) {
        if (pattern == null) {
            throw new IllegalArgumentException("a host entry is null; give a name such as \"example.com\", "
                    + "\".example.com\" for it and its subdomains, or an address such as \"192.0.2.7\"");
        }
        String text = pattern.strip();
        boolean subdomains = text.startsWith(".");
        HostNames.HostAndPort host = HostNames.parse(subdomains ? text.substring(1) : text);
        if (host == null || (subdomains && host.name().startsWith("["))) {
            throw new IllegalArgumentException("'" + pattern + "' is not a host entry; give a name such as "
                    + "\"example.com\" or \"example.com:8443\", \".example.com\" for it and its subdomains, or an "
                    + "address such as \"192.0.2.7\" or \"[2001:db8::1]\"");
        }
        String normalised = (subdomains ? "." : "") + host;
        return new Entry(host.name(), host.port(), subdomains, normalised);
    }

    /** Whether there is no entry. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Whether the Host value {@code host} ({@code name[:port]}) matches an entry; a value that is
     * not a valid {@code host[:port]} matches none.
     */
    public boolean matches(String host) {
        if (entries.isEmpty()) {
            return false;
        }
        HostNames.HostAndPort parsed = HostNames.parse(host);
        if (parsed == null) {
            return false;
        }
        for (Entry entry : entries) {
            if (entry.matches(parsed)) {
                return true;
            }
        }
        return false;
    }

    /** The entries, normalised (lower case), in the order given. */
    public List<String> entries() {
        return entries.stream().map(Entry::text).toList();
    }

    @Override
    public String toString() {
        return String.join(", ", entries());
    }
}
