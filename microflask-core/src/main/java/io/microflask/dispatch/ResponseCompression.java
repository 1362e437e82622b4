package io.microflask.dispatch;

import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Settings;
import io.microflask.util.AcceptEncoding;
import io.microflask.util.EntityTags;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.compression.Brotli;
import io.netty.handler.codec.compression.BrotliEncoder;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.compression.ZlibWrapper;
import io.netty.handler.codec.compression.Zstd;
import io.netty.handler.codec.compression.ZstdEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compresses answers with Netty's encoders: gzip always, Brotli ({@code br}) when brotli4j is on
 * the class path, zstd when zstd-jni is, negotiated by {@code Accept-Encoding} with q-values (ties
 * go to br, then zstd, then gzip). Only in-memory bodies of compressible types
 * ({@link AcceptEncoding#isCompressible}) of at least {@code settings().compressionMinSize()} bytes are
 * compressed; never a partial answer, a 304, a streamed or file body, a body that already has a
 * {@code Content-Encoding}, or one marked {@code Cache-Control: no-transform}. Every answer of a
 * compressible type says {@code Vary: Accept-Encoding}, compressed or not, so caches keep the
 * variants apart, except an in-memory body under the minimum size, which has no variants; a compressed answer's strong {@code ETag} becomes weak, as nginx does, since
 * its bytes differ from the identity body's.
 */
final class ResponseCompression {
    private static final Logger log = LoggerFactory.getLogger(ResponseCompression.class);
    private static final int GZIP_LEVEL = 6;
    private static final int ZSTD_LEVEL = 3;
    private static final List<String> CODINGS = available();

    private ResponseCompression() {
    }

    private static List<String> available() {
        List<String> codings = new ArrayList<>(3);
        if (present(Brotli::isAvailable)) {
            codings.add("br");
        }
        if (present(Zstd::isAvailable)) {
            codings.add("zstd");
        }
        codings.add("gzip");
        log.debug("response compression with {}", codings);
        return List.copyOf(codings);
    }

    private static boolean present(java.util.function.BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (Throwable missing) {
            // An optional codec that is absent (or whose native library does not load) is simply not offered.
            return false;
        }
    }

    /** Compresses {@code response} in place when the rules above allow it. Never throws. */
    static Response apply(Request request, Response response) {
        Settings settings = request.settings();
        if (!settings.compression() || !AcceptEncoding.isCompressible(response.contentType())) {
            return response;
        }
        int status = response.status();
        if (status < 200 || status == 204 || status == 206 || status == 304) {
            return response;
        }
        if (response.header("Content-Range") != null) {
            return response;
        }
        boolean inMemory = response.streamingBody() == null && response.bodyFile() == null;
        if (inMemory && response.bodyBuffer().readableBytes() < settings.compressionMinSize()) {
            // Too small to be compressed for any client: there are no variants to keep apart.
            return response;
        }
        response.vary("Accept-Encoding");
        String cacheControl = response.header("Cache-Control");
        if (!inMemory || response.header("Content-Encoding") != null
                || (cacheControl != null && cacheControl.toLowerCase(Locale.ROOT).contains("no-transform"))) {
            return response;
        }
        String coding = AcceptEncoding.choose(request.header("Accept-Encoding"), CODINGS);
        if (coding == null) {
            return response;
        }
        ByteBuf body = response.bodyBuffer();
        ByteBuf compressed;
        try {
            compressed = compress(body, coding);
        } catch (RuntimeException | LinkageError e) {
            log.warn("{} compression failed for {}; the body is sent as it is: {}", coding, request, e.toString());
            return response;
        }
        if (compressed.readableBytes() >= body.readableBytes()) {
            compressed.release();
            return response;
        }
        response.body(compressed).header("Content-Encoding", coding);
        response.headers().remove("Content-Length");
        String etag = response.header("ETag");
        if (etag != null && !EntityTags.isWeak(etag)) {
            response.header("ETag", EntityTags.weak(etag));
        }
        return response;
    }

    /** {@code body} (not released) compressed with {@code coding}, as a new buffer. */
    static ByteBuf compress(ByteBuf body, String coding) {
        ChannelHandler encoder = switch (coding) {
            case "br" -> new BrotliEncoder();
            case "zstd" -> new ZstdEncoder(ZSTD_LEVEL, 64 * 1024, Math.max(64 * 1024, body.readableBytes() + 1024));
            default -> ZlibCodecFactory.newZlibEncoder(ZlibWrapper.GZIP, GZIP_LEVEL);
        };
        EmbeddedChannel channel = new EmbeddedChannel(encoder);
        CompositeByteBuf out = Unpooled.compositeBuffer();
        try {
            channel.writeOutbound(body.retainedDuplicate());
            channel.finish();
            ByteBuf part;
            while ((part = channel.readOutbound()) != null) {
                if (part.isReadable()) {
                    out.addComponent(true, part);
                } else {
                    part.release();
                }
            }
            return out;
        } catch (RuntimeException e) {
            out.release();
            channel.finishAndReleaseAll();
            throw e;
        }
    }
}
