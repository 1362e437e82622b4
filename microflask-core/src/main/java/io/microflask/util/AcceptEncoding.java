package io.microflask.util;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Content-coding negotiation (RFC 9110 12.5.3): the coding of those the server can produce that a
 * request's {@code Accept-Encoding} prefers, by q-value, ties going to the server's order. A coding
 * with {@code q=0} is refused, and {@code *} stands for every coding not named.
 */
public final class AcceptEncoding {
    private AcceptEncoding() {
    }

    /**
     * The best of {@code available} (lower-case names, the server's preference first) for
     * {@code header}, or {@code null} to send the body as it is: no header, nothing acceptable, or
     * {@code identity} preferred.
     */
    public static String choose(String header, List<String> available) {
        if (header == null || header.isBlank() || available.isEmpty()) {
            return null;
        }
        Map<String, Double> weights = new HashMap<>();
        for (String element : header.split(",")) {
            String[] parts = element.split(";");
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            if (coding.isEmpty()) {
                continue;
            }
            double q = 1.0;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim();
                if (parameter.length() > 2 && (parameter.startsWith("q=") || parameter.startsWith("Q="))) {
                    q = quality(parameter.substring(2).trim());
                }
            }
            if (coding.equals("x-gzip")) {
                coding = "gzip";
            }
            weights.merge(coding, q, Math::max);
        }
        Double any = weights.get("*");
        String best = null;
        double bestWeight = 0;
        for (String coding : available) {
            Double weight = weights.containsKey(coding) ? weights.get(coding) : any;
            if (weight != null && weight > bestWeight) {
                best = coding;
                bestWeight = weight;
            }
        }
        Double identity = weights.get("identity");
        if (best != null && identity != null && identity > bestWeight) {
            return null;
        }
        return best;
    }

    /**
     * Whether bodies of {@code contentType} (may be {@code null}) shrink when compressed: text,
     * JSON, XML, JavaScript, SVG, WebAssembly and fonts or images without a compression of their own.
     */
    public static boolean isCompressible(String contentType) {
        if (contentType == null) {
            return false;
        }
        // Compared in place, without a trimmed lower-case copy: this runs for every answer.
        int end = contentType.indexOf(';');
        end = end < 0 ? contentType.length() : end;
        int start = 0;
        while (start < end && Character.isWhitespace(contentType.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(contentType.charAt(end - 1))) {
            end--;
        }
        if (startsWith(contentType, start, end, "text/") || endsWith(contentType, start, end, "+json")
                || endsWith(contentType, start, end, "+xml")) {
            return true;
        }
        for (String type : COMPRESSIBLE_TYPES) {
            if (end - start == type.length() && contentType.regionMatches(true, start, type, 0, type.length())) {
                return true;
            }
        }
        return false;
    }

    private static final String[] COMPRESSIBLE_TYPES = {"application/json", "application/javascript",
            "application/xml", "application/x-www-form-urlencoded", "application/wasm", "font/ttf", "font/otf",
            "application/vnd.ms-fontobject", "image/x-icon", "image/vnd.microsoft.icon", "image/bmp"};

    private static boolean startsWith(String text, int start, int end, String prefix) {
        return end - start >= prefix.length() && text.regionMatches(true, start, prefix, 0, prefix.length());
    }

    private static boolean endsWith(String text, int start, int end, String suffix) {
        return end - start >= suffix.length()
                && text.regionMatches(true, end - suffix.length(), suffix, 0, suffix.length());
    }

    private static double quality(String text) {
        try {
            double q = Double.parseDouble(text);
            return q < 0 || q > 1 || Double.isNaN(q) ? 0 : q;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
