package io.microflask.json;

import java.util.Locale;

/** Content-Type and Accept header checks, as far as JSON needs them. */
final class MediaTypes {
    /** What a client's Accept header prefers between JSON and HTML. */
    enum Preference { JSON, HTML, NONE }

    private MediaTypes() {
    }

    /** Whether a Content-Type is JSON: {@code application/json} or {@code application/*+json}. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = essence(contentType);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    /**
     * Whether the Accept header names JSON or HTML with a higher quality than the other. Only
     * explicit mentions count: {@code *}{@code /*} is no preference, so curl and REST clients that
     * send it get what the route produces.
     */
    static Preference preference(String accept) {
        if (accept == null || accept.isBlank()) {
            return Preference.NONE;
        }
        double json = -1;
        double html = -1;
        for (String range : accept.split(",")) {
            String type = essence(range);
            double quality = quality(range);
            if (isJson(type)) {
                json = Math.max(json, quality);
            } else if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
                html = Math.max(html, quality);
            }
        }
        if (json > 0 && json > html) {
            return Preference.JSON;
        }
        if (html > 0 && html > json) {
            return Preference.HTML;
        }
        return Preference.NONE;
    }

    private static String essence(String mediaType) {
        int semicolon = mediaType.indexOf(';');
        String type = semicolon < 0 ? mediaType : mediaType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    private static double quality(String range) {
        for (String parameter : range.split(";")) {
            String p = parameter.trim();
            if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                try {
                    return Double.parseDouble(p.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
