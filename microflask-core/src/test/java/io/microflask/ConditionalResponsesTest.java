package io.microflask;

import io.microflask.testsupport.RunningApp;
import io.restassured.response.ExtractableResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Validators, 304, 412, 206 (one and several ranges), 416 and downloads for any Response, through a real server. */
class ConditionalResponsesTest {
    private static final int SIZE = 200_000;
    @TempDir
    static Path directory;
    private static Path file;
    private static byte[] content;

    public static class Pages {
        @Route("/download")
        public Response download() {
            return Response.file(file, "application/pdf").attachment("résumé \"2024\".pdf");
        }

        @Route("/plain-name")
        public Response plainName() {
            return Response.file(file, "application/pdf").attachment("report.pdf");
        }

        @Route("/dynamic")
        public Response dynamic() {
            return Response.text("the same text every time").etag();
        }

        @Route("/versioned")
        public Response versioned() {
            return Response.text("version seven").etag("v7");
        }

        @Route("/ranged-text")
        public Response rangedText() {
            return Response.text("0123456789").header("Accept-Ranges", "bytes");
        }
    }

    @RegisterExtension
    static final RunningApp server = RunningApp.of(() -> App.withoutExtensionDiscovery().register(new Pages()));

    @BeforeAll
    static void writeFile() throws IOException {
        content = new byte[SIZE];
        new Random(17).nextBytes(content);
        file = directory.resolve("report.pdf");
        Files.write(file, content);
    }

    private static ExtractableResponse<?> get(String path, String... headers) {
        var request = given().baseUri(server.url()).urlEncodingEnabled(false);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.get(path).then().extract();
    }

    @Test
    void aFileAnswerCarriesValidatorsAndADownloadName() {
        var whole = get("/download");
        assertEquals(200, whole.statusCode());
        assertArrayEquals(content, whole.asByteArray());
        assertNotNull(whole.header("ETag"));
        assertNotNull(whole.header("Last-Modified"));
        assertEquals("bytes", whole.header("Accept-Ranges"));
        assertEquals("attachment; filename=\"r_sum_ _2024_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%222024%22.pdf",
                whole.header("Content-Disposition"));
        assertEquals("attachment; filename=\"report.pdf\"", get("/plain-name").header("Content-Disposition"));
    }

    @Test
    void aCurrentCopyIsAnswered304() {
        var whole = get("/download");
        String etag = whole.header("ETag");
        var byTag = get("/download", "If-None-Match", etag);
        assertEquals(304, byTag.statusCode());
        assertEquals(etag, byTag.header("ETag"));
        assertEquals(0, byTag.asByteArray().length);
        assertEquals(304, get("/download", "If-Modified-Since", whole.header("Last-Modified")).statusCode());
        assertEquals(200, get("/download", "If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").statusCode());
        assertEquals(200, get("/download", "If-None-Match", "\"another\"").statusCode());
        // If-None-Match wins over If-Modified-Since.
        assertEquals(200, get("/download", "If-None-Match", "\"another\"", "If-Modified-Since",
                whole.header("Last-Modified")).statusCode());
    }

    @Test
    void preconditionsThatFailAre412() {
        String etag = get("/download").header("ETag");
        assertEquals(200, get("/download", "If-Match", etag).statusCode());
        assertEquals(412, get("/download", "If-Match", "\"stale\"").statusCode());
        assertEquals(412, get("/download", "If-Unmodified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").statusCode());
    }

    @Test
    void aDynamicBodyWithAnETagIsAnswered304() {
        var first = get("/dynamic");
        assertEquals(200, first.statusCode());
        String etag = first.header("ETag");
        assertTrue(etag.startsWith("\"") && etag.length() > 10, etag);
        assertEquals(etag, get("/dynamic").header("ETag"), "the tag depends on the body only");
        assertEquals(304, get("/dynamic", "If-None-Match", etag).statusCode());
        assertEquals("\"v7\"", get("/versioned").header("ETag"));
        assertEquals(304, get("/versioned", "If-None-Match", "W/\"v7\"").statusCode());
        assertNull(get("/dynamic").header("Accept-Ranges"), "in-memory bodies opt in to ranges");
        assertEquals(200, get("/dynamic", "Range", "bytes=0-1").statusCode());
    }

    @Test
    void oneRangeIs206() {
        var part = get("/download", "Range", "bytes=1000-1999");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 1000-1999/" + SIZE, part.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(content, 1000, 2000), part.asByteArray());
        var tail = get("/download", "Range", "bytes=-10");
        assertArrayEquals(Arrays.copyOfRange(content, SIZE - 10, SIZE), tail.asByteArray());
        var text = get("/ranged-text", "Range", "bytes=2-4");
        assertEquals(206, text.statusCode());
        assertEquals("234", text.asString());
    }

    @Test
    void severalRangesAreMultipartByteranges() {
        var parts = get("/download", "Range", "bytes=0-9, 150000-150019");
        assertEquals(206, parts.statusCode());
        String type = parts.contentType();
        assertTrue(type.startsWith("multipart/byteranges; boundary="), type);
        String boundary = type.substring(type.indexOf("boundary=") + 9);
        byte[] body = parts.asByteArray();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String firstHead = "--" + boundary + "\r\nContent-Type: application/pdf\r\nContent-Range: bytes 0-9/"
                + SIZE + "\r\n\r\n";
        int first = text.indexOf(firstHead) + firstHead.length();
        assertTrue(first > firstHead.length() - 1, text);
        assertArrayEquals(Arrays.copyOfRange(content, 0, 10), Arrays.copyOfRange(body, first, first + 10));
        String secondHead = "--" + boundary + "\r\nContent-Type: application/pdf\r\nContent-Range: bytes "
                + "150000-150019/" + SIZE + "\r\n\r\n";
        int second = text.indexOf(secondHead) + secondHead.length();
        assertTrue(second > first, text);
        assertArrayEquals(Arrays.copyOfRange(content, 150000, 150020), Arrays.copyOfRange(body, second, second + 20));
        assertTrue(text.endsWith("\r\n--" + boundary + "--\r\n"));

        var inMemory = get("/ranged-text", "Range", "bytes=0-0,9-9");
        assertEquals(206, inMemory.statusCode());
        assertTrue(inMemory.asString().contains("Content-Range: bytes 9-9/10\r\n\r\n9\r\n"), inMemory.asString());
    }

    @Test
    void aRangeOutsideTheFileIs416AndAStaleIfRangeGetsItAll() {
        var outside = get("/download", "Range", "bytes=" + SIZE + "-");
        assertEquals(416, outside.statusCode());
        assertEquals("bytes */" + SIZE, outside.header("Content-Range"));
        assertNull(outside.header("Content-Disposition"));
        var stale = get("/download", "Range", "bytes=0-9", "If-Range", "\"old-version\"");
        assertEquals(200, stale.statusCode());
        assertEquals(SIZE, stale.asByteArray().length);
        String etag = get("/download").header("ETag");
        assertEquals(206, get("/download", "Range", "bytes=0-9", "If-Range", etag).statusCode());
        assertEquals(200, get("/download", "Range", "bytes=0-5,3-8").statusCode(), "overlapping ranges are ignored");
    }
}
