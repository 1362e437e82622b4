package io.microflask.util;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AcceptEncodingTest {
    private static final List<String> ALL = List.of("br", "zstd", "gzip");

    @Test
    void theHighestQualityWinsAndTiesGoToTheServersOrder() {
        assertEquals("br", AcceptEncoding.choose("gzip, deflate, br, zstd", ALL));
        assertEquals("gzip", AcceptEncoding.choose("br;q=0.2, gzip;q=0.8", ALL));
        assertEquals("zstd", AcceptEncoding.choose("zstd;q=1.0, br;q=0.999", ALL));
        assertEquals("gzip", AcceptEncoding.choose("x-gzip", ALL));
        assertEquals("gzip", AcceptEncoding.choose("GZIP;Q=0.5", ALL));
    }

    @Test
    void zeroRefusesAndTheWildcardCoversTheRest() {
        assertEquals("zstd", AcceptEncoding.choose("br;q=0, *", ALL));
        assertNull(AcceptEncoding.choose("*;q=0", ALL));
        assertNull(AcceptEncoding.choose("br;q=0, gzip;q=0", List.of("br", "gzip")));
        assertNull(AcceptEncoding.choose("gzip;q=0.5, identity", ALL), "identity preferred");
        assertNull(AcceptEncoding.choose("gzip;q=nonsense", ALL), "a broken q-value refuses");
        assertNull(AcceptEncoding.choose(null, ALL));
        assertNull(AcceptEncoding.choose("deflate", ALL));
        assertEquals("gzip", AcceptEncoding.choose("br, gzip", List.of("gzip")), "only what is available");
    }

    @Test
    void compressibleTypesAreTextLikeOnes() {
        assertTrue(AcceptEncoding.isCompressible("text/html; charset=utf-8"));
        assertTrue(AcceptEncoding.isCompressible("application/problem+json"));
        assertTrue(AcceptEncoding.isCompressible("image/svg+xml"));
        assertFalse(AcceptEncoding.isCompressible("image/png"));
        assertFalse(AcceptEncoding.isCompressible("font/woff2"));
        assertFalse(AcceptEncoding.isCompressible(null));
    }
}
