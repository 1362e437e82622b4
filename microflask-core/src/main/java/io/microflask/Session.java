package io.microflask;

import io.microflask.util.JsonValues;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The user's session, as Flask's {@code session}: a small map kept in a cookie signed with the
 * app's secret key, so the client can read it but not change it. Get it with
 * {@code request.session()} or a handler parameter of this type.
 *
 * <p>Values are JSON-like: strings, numbers, booleans, null, lists and maps with string keys.
 * Whole numbers read back as {@code Long} and other numbers as {@code Double} (the typed getters
 * convert); lists and maps read back unmodifiable, so change them by putting a new value.
 *
 * <p>The cookie is written only when the session changed (and, for a {@linkplain #permanent()
 * permanent} session, when it was read and the app refreshes sessions on each request).
 */
public final class Session {
    /** The key that remembers {@link #permanent(boolean)}, as Flask's {@code _permanent}. */
    static final String PERMANENT_KEY = "_permanent";
    /** The key that holds the id {@link #regenerate()} gives a session. */
    static final String ID_KEY = "_id";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Object> values;
    private boolean fromCookie;
    private boolean modified;
    private boolean accessed;

    private Session(Map<String, Object> values, boolean fromCookie) {
        this.values = new LinkedHashMap<>(values);
        this.fromCookie = fromCookie;
    }

    /** An empty session that no cookie came with. */
    public static Session empty() {
        return new Session(Map.of(), false);
    }

    /**
     * The session a valid cookie carried, with these (JSON-like) values; not modified until changed.
     * The framework restores sessions itself; this is for tests and session back ends.
     */
    public static Session restore(Map<String, Object> values) {
        return new Session(values, true);
    }

    /** The value of {@code key}, or {@code null}. */
    public Object get(String key) {
        accessed = true;
        return values.get(key);
    }

    /** The value of {@code key}, or {@code fallback} when absent or null. */
    public Object getOrDefault(String key, Object fallback) {
        Object value = get(key);
        return value == null ? fallback : value;
    }

    /**
     * A string value, or {@code null}; throws {@link ClassCastException} naming the key if it is not a
     * string.
     */
    public String getString(String key) {
        return typed(key, String.class);
    }

    /** A number as a long, or {@code fallback} when absent. */
    public long getLong(String key, long fallback) {
        Number number = typed(key, Number.class);
        return number == null ? fallback : number.longValue();
    }

    /** A number as an int, or {@code fallback} when absent. */
    public int getInt(String key, int fallback) {
        Number number = typed(key, Number.class);
        return number == null ? fallback : number.intValue();
    }

    /** A number as a double, or {@code fallback} when absent. */
    public double getDouble(String key, double fallback) {
        Number number = typed(key, Number.class);
        return number == null ? fallback : number.doubleValue();
    }

    /** A boolean, or {@code fallback} when absent. */
    public boolean getBoolean(String key, boolean fallback) {
        Boolean value = typed(key, Boolean.class);
        return value == null ? fallback : value;
    }

    /** A list (unmodifiable), or an empty list when absent. */
    @SuppressWarnings("unchecked")
    public List<Object> getList(String key) {
        List<Object> list = typed(key, List.class);
        return list == null ? List.of() : list;
    }

    /** A map (unmodifiable), or an empty map when absent. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> getMap(String key) {
        Map<String, Object> map = typed(key, Map.class);
        return map == null ? Map.of() : map;
    }

    private <T> T typed(String key, Class<T> type) {
        Object value = get(key);
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            throw new ClassCastException("session value '" + key + "' is a " + value.getClass().getSimpleName()
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    /**
     * Stores a value; {@code null} removes the key. Throws {@link IllegalArgumentException} for a
     * value that is not JSON-like, naming its type.
     */
    public Session put(String key, Object value) {
        if (key == null) {
            throw new IllegalArgumentException("a session key cannot be null");
        }
        if (value == null) {
            remove(key);
            return this;
        }
        Object normalized = JsonValues.normalize(value, "session value '" + key + "'");
        accessed = true;
        modified = true;
        values.put(key, normalized);
        return this;
    }

    /** Removes a key and returns its value, or {@code null}. */
    public Object remove(String key) {
        accessed = true;
        if (!values.containsKey(key)) {
            return null;
        }
        modified = true;
        return values.remove(key);
    }

    /** Removes every value: the response deletes the cookie (logout). */
    public void clear() {
        accessed = true;
        if (!values.isEmpty()) {
            modified = true;
            values.clear();
        }
    }

    /**
     * Starts a new session in place of this one, as at login: every value is removed (flashed
     * messages and {@link #permanent()} included), a new random {@linkplain #id() id} is stored,
     * and the session counts as new and modified, so the response sets a new cookie. Call it when
     * the user's privileges change, then put what the new session holds:
     * <pre>{@code
     * session.regenerate();
     * session.put("username", username);
     * }</pre>
     *
     * <p>What it protects against, with sessions kept in a signed cookie: a session prepared by
     * someone else (a cookie planted through a sibling subdomain, or left in a shared browser)
     * carries nothing past the login, so values it held, such as a CSRF token the planter knows,
     * are gone; and the new cookie differs from every cookie issued before, even for the same user
     * in the same second, so an old cookie is never the logged-in one. What it cannot do: the
     * server keeps no list of sessions, so a copy of an earlier cookie stays valid for what it
     * held until it expires ({@code settings().sessionMaxAge()}). To revoke sessions, keep the
     * {@link #id()} of each on the server and check it.
     *
     * @return this session
     */
    public Session regenerate() {
        values.clear();
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        values.put(ID_KEY, Base64.getUrlEncoder().withoutPadding().encodeToString(id));
        fromCookie = false;
        modified = true;
        accessed = true;
        return this;
    }

    /**
     * The id {@link #regenerate()} gave this session (22 random base64url characters, kept in the
     * cookie under {@code "_id"}), or {@code null} if it was never regenerated.
     */
    public String id() {
        Object id = get(ID_KEY);
        return id instanceof String text ? text : null;
    }

    /** Whether the session holds {@code key}. */
    public boolean containsKey(String key) {
        accessed = true;
        return values.containsKey(key);
    }

    /** Whether the session holds nothing. */
    public boolean isEmpty() {
        accessed = true;
        return values.isEmpty();
    }

    /** The keys, in insertion order. */
    public Set<String> keys() {
        accessed = true;
        return Collections.unmodifiableSet(values.keySet());
    }

    /** A read-only view of every value. */
    public Map<String, Object> asMap() {
        accessed = true;
        return Collections.unmodifiableMap(values);
    }

    /**
     * Whether the cookie outlives the browser session (it then has a Max-Age of
     * {@code settings().sessionMaxAge()}). Default false, as in Flask.
     */
    public boolean permanent() {
        return Boolean.TRUE.equals(values.get(PERMANENT_KEY));
    }

    /** Makes the cookie outlive the browser session (Flask's {@code session.permanent = True}), or not. */
    public Session permanent(boolean permanent) {
        if (permanent != permanent()) {
            if (permanent) {
                put(PERMANENT_KEY, true);
            } else {
                remove(PERMANENT_KEY);
            }
        }
        return this;
    }

    /**
     * Whether a valid cookie brought this session (false for a new, expired or tampered one, and
     * after {@link #regenerate()}).
     */
    public boolean fromCookie() {
        return fromCookie;
    }

    /** Whether the session changed in this request, i.e. the response sets the cookie. */
    public boolean modified() {
        return modified;
    }

    /** Marks the session changed, so that it is written even if no {@code put} or {@code remove} happened. */
    public void markModified() {
        modified = true;
        accessed = true;
    }

    /** Whether anything read or wrote the session in this request. */
    public boolean accessed() {
        return accessed;
    }

    @Override
    public String toString() {
        return "Session" + values;
    }
}
