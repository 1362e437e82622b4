package io.microflask.bench.tfb.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class FortunesHtmlTest {
    /** The page as a server writes it: on one line, with numeric references for ' and ". */
    private static final String PAGE = "<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>"
            + "<tr><th>id</th><th>message</th></tr>"
            + "<tr><td>11</td><td>&lt;script&gt;alert(&#34;This should not be displayed in a browser alert box."
            + "&quot;);&lt;/script&gt;</td></tr>"
            + "<tr><td>4</td><td>A bad random number generator: 1, 1, 1, 1, 1, 4.33e&#43;67, 1, 1, 1</td></tr>"
            + "<tr><td>5</td><td>A computer program does what you tell it to do, not what you want it to do.</td></tr>"
            + "<tr><td>2</td><td>A computer scientist is someone who fixes things that aren&#39;t broken.</td></tr>"
            + "<tr><td>8</td><td>A list is only as strong as its weakest link. &mdash; Donald Knuth</td></tr>"
            + "<tr><td>0</td><td>Additional fortune added at request time.</td></tr>"
            + "<tr><td>3</td><td>After enough decimal places, nobody gives a damn.</td></tr>"
            + "<tr><td>7</td><td>Any program that runs right is obsolete.</td></tr>"
            + "<tr><td>10</td><td>Computers make very fast, very accurate mistakes.</td></tr>"
            + "<tr><td>6</td><td>Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen</td></tr>"
            + "<tr><td>9</td><td>Feature: A bug with seniority.</td></tr>"
            + "<tr><td>1</td><td>fortune: No such file or directory</td></tr>"
            + "<tr><td>12</td><td>フレームワークのベンチマーク</td></tr>"
            + "</table></body></html>";

    @Test
    void acceptsEquivalentEscapingsAndWhitespaceBetweenTags() {
        assertEquals(FortunesHtml.EXPECTED, FortunesHtml.normalise(PAGE));
        String indented = PAGE.replace("<tr>", "\n  <tr>").replace("<table>", "<table class=\"f\">");
        assertEquals(FortunesHtml.EXPECTED, FortunesHtml.normalise(indented));
    }

    @Test
    void rejectsAnUnescapedScript() {
        String unescaped = PAGE.replace("&lt;script&gt;alert(&#34;This should not be displayed in a browser alert box."
                + "&quot;);&lt;/script&gt;", "<script>alert(\"This should not be displayed in a browser alert box.\");"
                + "</script>");
        assertNotEquals(FortunesHtml.EXPECTED, FortunesHtml.normalise(unescaped));
    }

    @Test
    void rejectsAnotherOrderOrAMissingRow() {
        String swapped = PAGE.replace("<tr><td>7</td>", "<tr><td>x</td>").replace("<tr><td>3</td>", "<tr><td>7</td>")
                .replace("<tr><td>x</td>", "<tr><td>3</td>");
        assertNotEquals(FortunesHtml.EXPECTED, FortunesHtml.normalise(swapped));
        String missing = PAGE.replace("<tr><td>0</td><td>Additional fortune added at request time.</td></tr>", "");
        assertNotEquals(FortunesHtml.EXPECTED, FortunesHtml.normalise(missing));
    }

    @Test
    void rejectsAPageDecodedWithTheWrongCharset() {
        String latin1 = new String(PAGE.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertNotEquals(FortunesHtml.EXPECTED, FortunesHtml.normalise(latin1));
    }
}
