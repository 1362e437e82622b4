package io.microflask;

import io.microflask.util.EntityTags;
import io.microflask.util.Html;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * An HTTP answer: status, headers, cookies and a body. Handlers may return one to control every
 * part of the answer; the static helpers cover the usual cases.
 */
public final class Response {
    /** The content type of HTML pages. */
    public static final String HTML_UTF8 = "text/html; charset=utf-8";
    /** The content type of plain text. */
    public static final String TEXT_UTF8 = "text/plain; charset=utf-8";
    /** The content type of raw bytes. */
    public static final String OCTET_STREAM = "application/octet-stream";

    // Handlers set headers from code, not from the network: name validation is not needed per call.
    // One factory for all responses: Netty's with...() methods make a new one per call.
    private static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory()
            .withNameValidation(false);
    /** Spelled as answers have always spelled them (Netty's own constants are lower case). */
    private static final CharSequence CONTENT_TYPE = KnownHeaderNames.of("Content-Type");
    private static final CharSequence VARY = KnownHeaderNames.of("Vary");
    private static final CharSequence CONTENT_DISPOSITION = KnownHeaderNames.of("Content-Disposition");

    private int status;
    private final HttpHeaders headers = HEADERS.newHeaders();
    private final List<Cookie> cookies = new ArrayList<>(0);
    private ByteBuf body = Unpooled.EMPTY_BUFFER;
    private FileBody file;
    private StreamingBody stream;
    private OpenStreamBody openStream;

    /** An empty response with this status; add headers and a body with the setters. */
    public Response(int status) {
        status(status);
    }

    /** An empty 200 response. */
    public Response() {
        this(200);
    }

    /** A bare status with no body, e.g. {@code Response.of(204)}. */
    public static Response of(int status) {
        return new Response(status);
    }

    /** 200 with {@code text/html; charset=utf-8}. */
    public static Response html(String html) {
        return new Response(200).contentType(HTML_UTF8).body(html);
    }

    /** 200 with {@code text/plain; charset=utf-8}. */
    public static Response text(String text) {
        return new Response(200).contentType(TEXT_UTF8).body(text);
    }

    /** 200 with {@code application/octet-stream}. */
    public static Response bytes(byte[] bytes) {
        return new Response(200).contentType(OCTET_STREAM).body(bytes);
    }

    /** 302 Found to {@code location}. */
    public static Response redirect(String location) {
        return redirect(location, 302);
    }

    /**
     * A redirect with the given status: 301, 302, 303 (after a POST, "see other"), 307 or 308
     * (which keep the method and body).
     */
    public static Response redirect(String location, int status) {
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            throw new IllegalArgumentException(
                    "a redirect status is 301, 302, 303, 307 or 308; got " + status);
        }
        Objects.requireNonNull(location, "location");
        return new Response(status).header("Location", location)
                .contentType(HTML_UTF8)
                .body("<!doctype html>\n<title>Redirecting</title>\n<p>Redirecting to <a href=\""
                        + Html.escape(location) + "\">" + Html.escape(location) + "</a>.</p>\n");
    }

    /**
     * A file from disk, sent without copying it through the heap. The answer gets an {@code ETag}
     * and {@code Last-Modified} from the file, a 304 when the client's copy is current
     * ({@code If-None-Match}, {@code If-Modified-Since}), a 206 for a {@code Range} (several ranges
     * as {@code multipart/byteranges}) and a 416 for a range outside the file. Add
     * {@link #attachment(String)} to make it a download.
     */
    public static Response file(Path path, String contentType) {
        Response response = new Response(200).contentType(contentType);
        response.file = new FileBody(path, 0, -1);
        return response;
    }

    /**
     * 200 with a body written while it is sent, in chunks, e.g. server-sent events:
     * {@code Response.stream("text/event-stream", out -> out.write("data: hi\n\n"))}.
     */
    public static Response stream(String contentType, StreamingBody body) {
        Response response = new Response(200).contentType(contentType);
        response.stream = Objects.requireNonNull(body, "body");
        return response;
    }

    /**
     * 200 with a body that stays open after {@code body} returns, written from any thread until
     * {@link OpenStream#close()}: server-sent events that wait without holding a thread, e.g.
     * {@code Response.openStream("text/event-stream", out -> listeners.add(out))}. A shutdown ends
     * it without its last chunk, so the client can tell.
     */
    public static Response openStream(String contentType, OpenStreamBody body) {
        Response response = new Response(200).contentType(contentType);
        Objects.requireNonNull(body, "body");
        response.openStream = body;
        response.stream = out -> body.opened((OpenStream) out);
        return response;
    }

    /**
     * 200 with a server-sent event stream ({@code text/event-stream}) that stays open after
     * {@code body} returns, sent to from any thread until it is closed, the client goes away or
     * the server stops; see {@link EventStream}. {@code request} supplies {@code Last-Event-ID}
     * (what a reconnecting browser saw last) and the heartbeat interval.
     * {@code return Response.events(request, events -> subscribers.add(events));}
     */
    public static Response events(Request request, EventStreamBody body) {
        Objects.requireNonNull(body, "body");
        java.time.Duration heartbeat = request.settings().eventStreamHeartbeat();
        String lastEventId = request.header("Last-Event-ID");
        return openStream("text/event-stream; charset=utf-8", out -> {
            ServerEventStream events = new ServerEventStream(out, lastEventId);
            events.heartbeat(heartbeat);
            body.opened(events);
        }).header("Cache-Control", "no-store")
                // nginx buffers proxied answers unless told not to; events must go out as they are sent.
                .header("X-Accel-Buffering", "no");
    }

    /** Whether the body is an {@link #openStream} one, which stays open after its opener returns. */
    public boolean staysOpen() {
        return openStream != null;
    }

    /** The streaming body, or {@code null} for an ordinary one. */
    public StreamingBody streamingBody() {
        return stream;
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** Sets the status code (100-599). */
    public Response status(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be within 100-599, got " + status);
        }
        this.status = status;
        return this;
    }

    /**
     * Sets a header, replacing earlier values of it.
     *
     * @throws IllegalArgumentException when the name is not a token (letters, digits and
     *                                  {@code !#$%&'*+-.^_`|~}) or the value holds CR, LF, NUL, another
     *                                  control character or a character beyond Latin-1: named, with
     *                                  its position, now rather than when the response is written
     */
    public Response header(String name, Object value) {
        CharSequence known = KnownHeaderNames.of(name);
        headers.set(known, checked(known, name, value));
        return this;
    }

    /** Adds a header value, keeping earlier ones; checked as {@link #header(String, Object)} is. */
    public Response addHeader(String name, Object value) {
        CharSequence known = KnownHeaderNames.of(name);
        headers.add(known, checked(known, name, value));
        return this;
    }

    /** {@code value}, checked; {@code known} is {@code name} as {@link KnownHeaderNames} gave it. */
    private static Object checked(CharSequence known, String name, Object value) {
        Objects.requireNonNull(value, () -> "the value of header '" + name + "' is null; use headers().remove(name) "
                + "to remove a header");
        if (!KnownHeaderNames.isKnown(known)) {
            HeaderChecks.headerName(name);
        }
        HeaderChecks.headerValue(name, value.toString());
        return value;
    }

    /** The first value of a header, or {@code null}. */
    public String header(String name) {
        return headers.get(KnownHeaderNames.of(name));
    }

    /**
     * The headers, as Netty's object; cookies are kept apart, see {@link #cookies()}. Netty checks
     * values set through it for CR, LF and NUL, but not names: prefer {@link #header(String, Object)},
     * which checks both and says what is wrong.
     */
    public HttpHeaders headers() {
        return headers;
    }

    /** Sets {@code Content-Type}, e.g. {@code Response.TEXT_UTF8}; checked as {@link #header(String, Object)} is. */
    public Response contentType(String contentType) {
        HeaderChecks.headerValue("Content-Type", Objects.requireNonNull(contentType, "contentType"));
        headers.set(CONTENT_TYPE, contentType);
        return this;
    }

    /** The {@code Content-Type} header, or {@code null}. */
    public String contentType() {
        return headers.get(CONTENT_TYPE);
    }

    /**
     * Adds a header name to {@code Vary} (once, whatever the case), telling caches that the answer
     * depends on that request header, e.g. {@code vary("Origin")}.
     */
    public Response vary(String requestHeader) {
        CharSequence known = KnownHeaderNames.of(requestHeader);
        if (!KnownHeaderNames.isKnown(known)) {
            HeaderChecks.headerName(requestHeader);
        }
        if (!headers.contains(VARY)) {
            headers.set(VARY, known);
            return this;
        }
        // Several Vary fields mean their union; they are merged into one so that every reader sees all.
        StringJoiner merged = new StringJoiner(", ");
        boolean present = false;
        for (String value : headers.getAll(VARY)) {
            for (String name : value.split(",")) {
                String trimmed = name.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                present |= trimmed.equalsIgnoreCase(requestHeader) || trimmed.equals("*");
                merged.add(trimmed);
            }
        }
        if (!present) {
            merged.add(requestHeader);
        }
        headers.set(VARY, merged.toString());
        return this;
    }

    /** Sets a cookie, replacing one of the same name and path set earlier on this response. */
    public Response cookie(Cookie cookie) {
        cookies.removeIf(c -> c.name().equals(cookie.name()) && Objects.equals(c.path(), cookie.path()));
        cookies.add(cookie);
        return this;
    }

    /** Sets a cookie with the safe defaults of {@link Cookie}. */
    public Response cookie(String name, String value) {
        return cookie(new Cookie(name, value));
    }

    /** Tells the browser to delete a cookie set with Path {@code /} and no Domain. */
    public Response deleteCookie(String name) {
        return cookie(Cookie.expired(name));
    }

    /**
     * Tells the browser to delete a cookie set with this Path and Domain ({@code null} for none):
     * a browser deletes only the cookie whose name, Path and Domain all match.
     */
    public Response deleteCookie(String name, String path, String domain) {
        return cookie(Cookie.expired(name, path, domain));
    }

    /** The cookies this response sets, in the order set. */
    public List<Cookie> cookies() {
        return cookies;
    }

    /** Sets the body to {@code text} in UTF-8 ({@code null} is empty); the content type is left as is. */
    public Response body(String text) {
        return body(text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sets the body to these bytes, without a copy: do not change the array afterwards. */
    public Response body(byte[] bytes) {
        return body(Unpooled.wrappedBuffer(bytes));
    }

    /**
     * Sets the body to a buffer this response now owns (it is released after it is written):
     * extensions serialise into a pooled buffer and hand it over without a copy.
     */
    public Response body(ByteBuf buffer) {
        releaseBody();
        this.body = Objects.requireNonNull(buffer, "buffer");
        this.file = null;
        return this;
    }

    /** The body buffer (not a copy; do not release it). Empty for file bodies. */
    public ByteBuf bodyBuffer() {
        return body;
    }

    /** The body as bytes, for tests and after-request hooks. */
    public byte[] bodyBytes() {
        byte[] bytes = new byte[body.readableBytes()];
        body.getBytes(body.readerIndex(), bytes);
        return bytes;
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return body.toString(StandardCharsets.UTF_8);
    }

    /** The file (region) this response sends, or {@code null} when its body is in memory or streamed. */
    public FileBody bodyFile() {
        return file;
    }

    /** Makes the body a region of a file on disk (e.g. for a Range request); length -1 means "to the end". */
    public Response bodyFile(Path path, long offset, long length) {
        releaseBody();
        this.body = Unpooled.EMPTY_BUFFER;
        this.file = new FileBody(path, offset, length);
        return this;
    }

    /**
     * Makes the answer a download: {@code Content-Disposition: attachment} with {@code downloadName}
     * as the file name the browser saves it under. A name beyond ASCII is sent as RFC 6266's
     * {@code filename*} (UTF-8, percent-encoded) with an ASCII {@code filename} fallback for old
     * clients; quotes, backslashes, slashes and control characters are replaced, so the name can
     * neither break the header nor name a directory.
     */
    public Response attachment(String downloadName) {
        return disposition("attachment", downloadName);
    }

    /**
     * {@code Content-Disposition: inline} with a file name: shown in the browser when it can, saved
     * under {@code name} otherwise. Encoded as {@link #attachment(String)} is.
     */
    public Response inline(String name) {
        return disposition("inline", name);
    }

    private Response disposition(String type, String name) {
        Objects.requireNonNull(name, "the download name");
        StringBuilder ascii = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\' || c == '/' || c > 0x7e) {
                ascii.append('_');
            } else {
                ascii.append(c);
            }
        }
        String value = type + "; filename=\"" + ascii + "\"";
        if (!ascii.toString().equals(name)) {
            value += "; filename*=UTF-8''" + percentEncoded(name);
        }
        headers.set(CONTENT_DISPOSITION, value);
        return this;
    }

    /** RFC 8187 value characters: attr-char stays, everything else is %XX of its UTF-8 bytes. */
    private static String percentEncoded(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.replaceAll("[\\p{Cntrl}/\\\\]", "_").getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /**
     * Sets a strong {@code ETag} made from the body as it is now (call it after setting the body):
     * a request whose {@code If-None-Match} names it is then answered 304 without the body, as
     * {@link #file(Path, String)} answers are. For file bodies the tag is made when the answer is
     * sent, from the file's size and modification time, so this is not needed there.
     */
    public Response etag() {
        return header("ETag", EntityTags.ofContent(bodyBytes(), 0, body.readableBytes()));
    }

    /**
     * Sets the {@code ETag} to {@code tag}, e.g. a version number: quoted when it is not already
     * ({@code "v7"} or {@code W/"v7"}). Requests whose {@code If-None-Match} names it get a 304.
     */
    public Response etag(String tag) {
        Objects.requireNonNull(tag, "tag");
        String value = tag.startsWith("\"") || tag.startsWith("W/\"") ? tag : "\"" + tag + "\"";
        if (value.length() < 2 || !value.endsWith("\"") || value.substring(value.indexOf('"') + 1,
                value.length() - 1).contains("\"")) {
            throw new IllegalArgumentException("an ETag is a quoted string without quotes inside, e.g. \"v7\"; got "
                    + tag);
        }
        return header("ETag", value);
    }

    /** Releases the body buffer if the response is dropped without being written. */
    public void releaseBody() {
        if (body.refCnt() > 0 && body != Unpooled.EMPTY_BUFFER) {
            body.release();
        }
        body = Unpooled.EMPTY_BUFFER;
    }

    /** A region of a file on disk: length -1 means "to the end". */
    public record FileBody(Path path, long offset, long length) {
    }

    @Override
    public String toString() {
        return "Response[" + status + " " + HttpStatus.reason(status) + ", " + contentType() + "]";
    }
}
