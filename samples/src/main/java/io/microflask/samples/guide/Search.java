package io.microflask.samples.guide;

import io.microflask.Header;
import io.microflask.Query;
import io.microflask.Request;
import io.microflask.Route;

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
        return q + " page " + page + " tags " + tags + " lang " + lang.orElse("any") + " from " + request.remoteIp();
    }
}
