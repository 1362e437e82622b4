package io.microflask.bench.tfb.verify;

import java.util.Locale;
import java.util.Map;

/**
 * The fortunes page as TechEmpower's verifier compares it: tags without attributes, text with its equivalent
 * escapings made one ({@code &#39;} and {@code '} both become {@code &apos;}), whitespace between tags dropped, and
 * {@code <meta>}, {@code <link>}, {@code <thead>}, {@code <tbody>} and scripts left out; then equal to
 * {@link #EXPECTED} or not. A {@code <script>} that was not escaped shows up here as a missing row.
 */
final class FortunesHtml {

    /** The only page the fortunes test accepts, in this normal form. */
    static final String EXPECTED = String.join("\n",
            "<!doctype html><html>",
            "<head><title>Fortunes</title></head>",
            "<body><table>",
            "<tr><th>id</th><th>message</th></tr>",
            "<tr><td>11</td><td>&lt;script&gt;alert(&quot;This should not be displayed in a browser alert box."
                    + "&quot;);&lt;/script&gt;</td></tr>",
            "<tr><td>4</td><td>A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1</td></tr>",
            "<tr><td>5</td><td>A computer program does what you tell it to do, not what you want it to do.</td></tr>",
            "<tr><td>2</td><td>A computer scientist is someone who fixes things that aren&apos;t broken.</td></tr>",
            "<tr><td>8</td><td>A list is only as strong as its weakest link. — Donald Knuth</td></tr>",
            "<tr><td>0</td><td>Additional fortune added at request time.</td></tr>",
            "<tr><td>3</td><td>After enough decimal places, nobody gives a damn.</td></tr>",
            "<tr><td>7</td><td>Any program that runs right is obsolete.</td></tr>",
            "<tr><td>10</td><td>Computers make very fast, very accurate mistakes.</td></tr>",
            "<tr><td>6</td><td>Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen</td></tr>",
            "<tr><td>9</td><td>Feature: A bug with seniority.</td></tr>",
            "<tr><td>1</td><td>fortune: No such file or directory</td></tr>",
            "<tr><td>12</td><td>フレームワークのベンチマーク</td></tr>",
            "</table></body></html>");

    /** Numeric character references that stand for the same text as these, which the comparison uses. */
    private static final Map<Integer, String> CHARACTER_REFERENCES = Map.of(
            (int) '"', "&quot;", (int) '\'', "&apos;", (int) '+', "+", (int) '>', "&gt;", (int) '<', "&lt;",
            (int) '/', "/", (int) '(', "(", (int) ')', ")");

    private final StringBuilder out = new StringBuilder();
    private boolean inScript;

    private FortunesHtml() {
    }

    /** {@code html} in the verifier's normal form. */
    static String normalise(String html) {
        FortunesHtml parser = new FortunesHtml();
        parser.parse(html);
        return parser.out.toString();
    }

    private void parse(String html) {
        int i = 0;
        int length = html.length();
        while (i < length) {
            char c = html.charAt(i);
            if (c == '<' && i + 1 < length && html.charAt(i + 1) == '!') {
                int end = closing(html, i, '>');
                append("<!" + html.substring(i + 2, end).toLowerCase(Locale.ROOT) + ">");
                i = end + 1;
            } else if (c == '<' && i + 1 < length && html.charAt(i + 1) == '/') {
                int end = closing(html, i, '>');
                String tag = html.substring(i + 2, end).trim().toLowerCase(Locale.ROOT);
                append("</" + tag + ">");
                if (tag.equals("tr") || tag.equals("head")) {
                    append("\n");
                }
                i = end + 1;
            } else if (c == '<') {
                int end = closing(html, i, '>');
                String tag = html.substring(i + 1, end).trim().split("[\\s/]", 2)[0].toLowerCase(Locale.ROOT);
                append("<" + tag + ">");
                if (tag.equals("table") || tag.equals("html")) {
                    append("\n");
                }
                i = end + 1;
            } else if (c == '&') {
                int end = closing(html, i, ';');
                reference(html.substring(i + 1, end));
                i = end + 1;
            } else {
                int end = i;
                while (end < length && html.charAt(end) != '<' && html.charAt(end) != '&') {
                    end++;
                }
                String data = html.substring(i, end);
                if (!data.isBlank()) {
                    append(data.replace("'", "&apos;").replace("\"", "&quot;").replace(">", "&gt;"));
                }
                i = end;
            }
        }
    }

    private void reference(String name) {
        if (name.startsWith("#")) {
            String digits = name.substring(1).toLowerCase(Locale.ROOT);
            try {
                int code = digits.startsWith("x") ? Integer.parseInt(digits.substring(1), 16) : Integer.parseInt(digits);
                // Any other numeric reference is dropped, as the verifier drops it: the page then fails to match.
                String same = CHARACTER_REFERENCES.get(code);
                if (same != null) {
                    append(same);
                }
            } catch (NumberFormatException e) {
                append("&" + name + ";");
            }
        } else {
            append(name.equals("mdash") ? "—" : "&" + name + ";");
        }
    }

    private void append(String item) {
        inScript = item.equals("<script>") || (inScript && !item.equals("</script>"));
        boolean ignored = switch (item) {
            case "<meta>", "</meta>", "<link>", "</link>", "<script>", "</script>", "<thead>", "</thead>", "<tbody>",
                    "</tbody>" -> true;
            default -> false;
        };
        if (!inScript && !ignored) {
            out.append(item);
        }
    }

    private static int closing(String html, int from, char mark) {
        int end = html.indexOf(mark, from);
        if (end < 0) {
            throw new IllegalArgumentException("unclosed markup at character " + from + ": "
                    + html.substring(from, Math.min(html.length(), from + 40)));
        }
        return end;
    }
}
