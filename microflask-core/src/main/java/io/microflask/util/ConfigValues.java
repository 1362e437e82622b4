package io.microflask.util;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How configuration text becomes values: the one spelling of a key ({@code MAX_BODY_SIZE} for
 * {@code maxBodySize}, {@code max-body-size} or {@code max.body.size}), sizes ({@code 32MiB}),
 * durations ({@code 30s}), flags and lists, and which keys hold secrets. Every parse failure is an
 * {@link IllegalArgumentException} whose message is the expected form, for the caller to prefix
 * with the key and where the value came from.
 */
public final class ConfigValues {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([A-Za-z]*)");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");
    private static final List<String> SECRET_WORDS = List.of("SECRET", "PASSWORD", "PASSWD", "TOKEN", "CREDENTIAL",
            "PRIVATE", "API_KEY");

    private ConfigValues() {
    }

    /** The canonical spelling of a key: upper case, words joined by {@code _}. */
    public static String key(String name) {
        StringBuilder key = new StringBuilder(name.length() + 8);
        String trimmed = name.strip();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == '.' || c == '-' || c == ' ' || c == '_') {
                if (key.length() > 0 && key.charAt(key.length() - 1) != '_') {
                    key.append('_');
                }
            } else if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(trimmed.charAt(i - 1))) {
                key.append('_').append(c);
            } else {
                key.append(Character.toUpperCase(c));
            }
        }
        return key.toString();
    }

    /** Whether a key's value must be masked when shown: a secret, password, token or key. */
    public static boolean isSecret(String key) {
        String canonical = key(key);
        if (canonical.equals("KEY") || canonical.endsWith("_KEY") && !canonical.endsWith("_PUBLIC_KEY")) {
            return true;
        }
        for (String word : SECRET_WORDS) {
            if (canonical.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** A value as it may be shown: a secret as {@code ****} with its length, else itself. */
    public static String shown(String key, String value) {
        if (value == null || !isSecret(key)) {
            return value;
        }
        return value.isEmpty() ? "" : "**** (" + value.length() + " characters)";
    }

    /** A size in bytes: {@code 1048576}, {@code 512KiB}, {@code 32MiB}, {@code 1GiB}, {@code 10KB}, {@code 5MB}. */
    public static long size(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(sizeForm());
        }
        long unit = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "", "B" -> 1L;
            case "K", "KB" -> 1000L;
            case "KIB" -> 1L << 10;
            case "M", "MB" -> 1000L * 1000;
            case "MIB" -> 1L << 20;
            case "G", "GB" -> 1000L * 1000 * 1000;
            case "GIB" -> 1L << 30;
            default -> throw new IllegalArgumentException(sizeForm());
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(sizeForm() + " (this one is too large)");
        }
    }

    private static String sizeForm() {
        return "expected a size in bytes: a whole number, optionally with a unit (B, KiB, MiB, GiB, KB, MB, GB), "
                + "e.g. 32MiB or 1048576";
    }

    /** A whole number that fits an {@code int}; sizes with units are accepted too ({@code 16KiB}). */
    public static int integer(String text) {
        long value;
        try {
            value = size(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(integerForm());
        }
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(integerForm() + " (this one is too large)");
        }
        return (int) value;
    }

    private static String integerForm() {
        return "expected a whole number, e.g. 64";
    }

    /** A whole number that fits a {@code long}, units allowed. */
    public static long longValue(String text) {
        return size(text);
    }

    /** A duration: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}, a number of seconds, or ISO-8601 {@code PT30S}. */
    public static Duration duration(String text) {
        String trimmed = text.strip();
        Matcher m = DURATION.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        try {
            return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected a duration: a whole number with a unit (ms, s, m, h, d), "
                    + "e.g. 30s or 250ms, or ISO-8601 such as PT30S");
        }
    }

    /** A flag: {@code 1/true/yes/on} or {@code 0/false/no/off}, in any case. */
    public static boolean flag(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("expected true or false (also 1/0, yes/no, on/off)");
        };
    }

    /** Comma-separated values, each stripped, empty ones dropped. */
    public static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
