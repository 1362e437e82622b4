package io.microflask.samples.guide;

import io.microflask.Header;
import io.microflask.Query;
import io.microflask.Request;
import io.microflask.Route;
import io.microflask.util.Html;

import java.util.List;
import java.util.Optional;

/** The README's binding example: query arguments and headers, converted, with defaults. */
public class Search {

    @Route("/search")
    public String search(@Query("q") String q,
                         @Query(value = "page", defaultValue = "1") int page,
                         @Query("tag") List<String> tags,
                         @Query("lang") Optional<String> lang,
                         @Header(value = "User-Agent", required = false) String agent,
                         Request request) {
        // The answer is HTML: what the client sent is escaped, so ?q=<script> shows as text.
        return Html.escape(q) + " page " + page + " tags " + Html.escape(tags.toString())
                + " lang " + Html.escape(lang.orElse("any")) + " from " + request.remoteIp();
    }
}
