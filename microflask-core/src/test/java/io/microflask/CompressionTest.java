package io.microflask;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.decoder.DirectDecompress;
import com.github.luben.zstd.ZstdInputStream;
import io.microflask.testsupport.RunningApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** gzip, br and zstd negotiated by Accept-Encoding, and what is never compressed, through a real server. */
class CompressionTest {
    private static final String PAGE = "<!doctype html><title>Notes</title>\n"
            + "<p>A paragraph that repeats, as pages do.</p>\n".repeat(100);
    private static final String CSS = "body { margin: 0 auto; max-width: 40em; }\n".repeat(50);
    @TempDir
    static Path statics;
    private static final HttpClient http = HttpClient.newHttpClient();

    public static class Pages {
        @Route("/page")
        public String page() {
            return PAGE;
        }

        @Route("/small")
        public String small() {
            return "tiny";
        }

        @Route("/png")
        public Response png() {
            return Response.bytes(PAGE.getBytes(StandardCharsets.UTF_8)).contentType("image/png");
        }

        @Route("/tagged")
        public Response tagged() {
            return Response.html(PAGE).etag();
        }

        @Route("/ranged")
        public Response ranged() {
            return Response.text(PAGE).header("Accept-Ranges", "bytes");
        }

        @Route("/no-transform")
        public Response noTransform() {
            return Response.html(PAGE).header("Cache-Control", "no-transform");
        }
    }

    @RegisterExtension
    static final RunningApp server = RunningApp.of(() -> {
        App app = App.withoutExtensionDiscovery().register(new Pages());
        app.settings().staticDirectory(statics);
        return app;
    });

    @BeforeAll
    static void writeStaticFiles() throws IOException {
        Files.writeString(statics.resolve("style.css"), CSS);
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            out.write("/* the precompressed copy */".getBytes(StandardCharsets.UTF_8));
        }
        Files.write(statics.resolve("style.css.gz"), gzipped.toByteArray());
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void gzipIsNegotiatedAndDecodes() throws Exception {
        HttpResponse<byte[]> answer = get("/page", "Accept-Encoding", "gzip");
        assertEquals(200, answer.statusCode());
        assertEquals("gzip", answer.headers().firstValue("Content-Encoding").orElse(null));
        assertEquals("Accept-Encoding", answer.headers().firstValue("Vary").orElse(null));
        assertTrue(answer.body().length < PAGE.length() / 4, answer.body().length + " bytes");
        assertEquals(String.valueOf(answer.body().length), answer.headers().firstValue("Content-Length").orElse(null));
        assertEquals(PAGE, gunzip(answer.body()));
    }

    @Test
    void brotliIsPreferredWhenItsCodecIsThereAndDecodes() throws Exception {
        Brotli4jLoader.ensureAvailability();
        HttpResponse<byte[]> answer = get("/page", "Accept-Encoding", "gzip, deflate, br");
        assertEquals("br", answer.headers().firstValue("Content-Encoding").orElse(null));
        DirectDecompress decoded = Decoder.decompress(answer.body());
        assertEquals(DecoderJNI.Status.DONE, decoded.getResultStatus());
        assertEquals(PAGE, new String(decoded.getDecompressedData(), StandardCharsets.UTF_8));
    }

    @Test
    void zstdIsOfferedWhenItsCodecIsThereAndDecodes() throws Exception {
        HttpResponse<byte[]> answer = get("/page", "Accept-Encoding", "zstd");
        assertEquals("zstd", answer.headers().firstValue("Content-Encoding").orElse(null));
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(answer.body()))) {
            assertEquals(PAGE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void qValuesDecide() throws Exception {
        assertEquals("gzip", get("/page", "Accept-Encoding", "br;q=0.5, gzip;q=0.9").headers()
                .firstValue("Content-Encoding").orElse(null));
        assertEquals("br", get("/page", "Accept-Encoding", "*").headers().firstValue("Content-Encoding").orElse(null));
        assertEquals("gzip", get("/page", "Accept-Encoding", "br;q=0, zstd;q=0, *;q=0.1").headers()
                .firstValue("Content-Encoding").orElse(null));
        HttpResponse<byte[]> identity = get("/page", "Accept-Encoding", "gzip;q=0, identity");
        assertFalse(identity.headers().firstValue("Content-Encoding").isPresent());
        assertEquals(PAGE, new String(identity.body(), StandardCharsets.UTF_8));
        HttpResponse<byte[]> none = get("/page");
        assertFalse(none.headers().firstValue("Content-Encoding").isPresent());
        assertEquals("Accept-Encoding", none.headers().firstValue("Vary").orElse(null), "Vary is always there");
    }

    @Test
    void smallIncompressiblePartialAndNoTransformBodiesAreSentAsTheyAre() throws Exception {
        HttpResponse<byte[]> small = get("/small", "Accept-Encoding", "gzip");
        assertFalse(small.headers().firstValue("Content-Encoding").isPresent());
        assertFalse(small.headers().firstValue("Vary").isPresent(), "a body too small to compress has no variants");
        HttpResponse<byte[]> png = get("/png", "Accept-Encoding", "gzip");
        assertFalse(png.headers().firstValue("Content-Encoding").isPresent());
        assertFalse(png.headers().firstValue("Vary").isPresent());
        HttpResponse<byte[]> range = get("/ranged", "Accept-Encoding", "gzip", "Range", "bytes=0-99");
        assertEquals(206, range.statusCode());
        assertFalse(range.headers().firstValue("Content-Encoding").isPresent());
        assertEquals(PAGE.substring(0, 100), new String(range.body(), StandardCharsets.UTF_8));
        assertFalse(get("/no-transform", "Accept-Encoding", "gzip").headers().firstValue("Content-Encoding")
                .isPresent());
    }

    @Test
    void aCompressedAnswersETagIsWeakAndStillRevalidates() throws Exception {
        HttpResponse<byte[]> plain = get("/tagged");
        String strong = plain.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> gzipped = get("/tagged", "Accept-Encoding", "gzip");
        assertEquals("W/" + strong, gzipped.headers().firstValue("ETag").orElseThrow());
        assertEquals(304, get("/tagged", "Accept-Encoding", "gzip", "If-None-Match", "W/" + strong).statusCode());
    }

    @Test
    void aPrecompressedStaticFileIsServedWhenAccepted() throws Exception {
        HttpResponse<byte[]> precompressed = get("/static/style.css", "Accept-Encoding", "gzip");
        assertEquals("gzip", precompressed.headers().firstValue("Content-Encoding").orElse(null));
        assertEquals("text/css; charset=utf-8", precompressed.headers().firstValue("Content-Type").orElse(null));
        assertEquals("/* the precompressed copy */", gunzip(precompressed.body()));
        assertEquals("Accept-Encoding", precompressed.headers().firstValue("Vary").orElse(null));
        HttpResponse<byte[]> identity = get("/static/style.css");
        assertArrayEquals(CSS.getBytes(StandardCharsets.UTF_8), identity.body());
        assertTrue(!identity.headers().firstValue("ETag").equals(precompressed.headers().firstValue("ETag")));
        // No .br beside it, and file bodies are never compressed on the fly: the file as it is.
        HttpResponse<byte[]> brOnly = get("/static/style.css", "Accept-Encoding", "br");
        assertFalse(brOnly.headers().firstValue("Content-Encoding").isPresent());
        assertArrayEquals(CSS.getBytes(StandardCharsets.UTF_8), brOnly.body());
    }
}
