package io.microflask;

import java.util.Locale;

/**
 * Content negotiation over {@code Accept} (RFC 9110 12.5.1), for {@link Request#accepts(String...)}:
 * the offered type the client ranks highest, by quality, the most specific range deciding a
 * type's quality ({@code text/html} over {@code text/*} over {@code *}{@code /*}), ties going to
 * the order offered.
 */
final class MediaRanges {
    private MediaRanges() {
    }

    /** The best of {@code offered} for {@code accept}, or {@code null} when the client accepts none of them. */
    static String best(String accept, String... offered) {
        if (offered.length == 0) {
            throw new IllegalArgumentException("accepts(...) needs the types the handler can answer with, e.g. "
                    + "request.accepts(\"application/json\", \"text/html\")");
        }
        if (accept == null || accept.isBlank()) {
            return offered[0];
        }
        String best = null;
        double bestQuality = 0;
        for (String type : offered) {
            double quality = quality(accept, type.toLowerCase(Locale.ROOT).trim());
            if (quality > bestQuality) {
                best = type;
                bestQuality = quality;
            }
        }
        return best;
    }

    /** The quality {@code accept} gives {@code type}: that of the most specific range matching it, 0 for none. */
    private static double quality(String accept, String type) {
        int slash = type.indexOf('/');
        String major = slash < 0 ? type : type.substring(0, slash);
        int bestSpecificity = -1;
        double quality = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String name = parts[0].trim().toLowerCase(Locale.ROOT);
            int specificity;
            if (name.equals(type)) {
                specificity = 2;
            } else if (name.equals(major + "/*")) {
                specificity = 1;
            } else if (name.equals("*/*") || name.equals("*")) {
                specificity = 0;
            } else {
                continue;
            }
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                quality = qualityParameter(parts);
            }
        }
        return quality;
    }

    private static double qualityParameter(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.length() > 2 && (parameter.startsWith("q=") || parameter.startsWith("Q="))) {
                try {
                    double q = Double.parseDouble(parameter.substring(2).trim());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
