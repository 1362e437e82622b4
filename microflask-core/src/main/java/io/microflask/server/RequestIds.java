package io.microflask.server;

import io.microflask.Settings;
import io.netty.handler.codec.http.HttpHeaders;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: the one a trusted proxy sent in {@link Settings#requestIdHeader()}, when it is a
 * plausible id, else a new random one. A client that is not a trusted proxy cannot choose the id
 * another system will see in the logs, and nothing with spaces, quotes or controls ever reaches a
 * log line or a response header from here.
 */
final class RequestIds {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LENGTH = 128;

    private RequestIds() {
    }

    /** The id for a request from {@code peer} (the socket's peer, before any forwarded header is read). */
    static String of(HttpHeaders headers, SocketAddress peer, Settings settings) {
        if (peer instanceof InetSocketAddress inet && inet.getAddress() != null
                && settings.isTrustedProxy(inet.getAddress())) {
            String sent = headers.get(settings.requestIdHeader());
            if (sent != null && isPlausible(sent)) {
                return sent;
            }
        }
        return generate();
    }

    /**
     * 32 hex digits (128 random bits): unique enough to find one request across many instances,
     * and cheap, since a request id needs no cryptographic strength.
     */
    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] id = new byte[32];
        long high = random.nextLong();
        long low = random.nextLong();
        for (int i = 0; i < 16; i++) {
            id[i] = HEX[(int) (high >>> (60 - 4 * i)) & 0xf];
            id[16 + i] = HEX[(int) (low >>> (60 - 4 * i)) & 0xf];
        }
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    /** 1 to 128 of letters, digits and {@code -_.:+/=}: UUIDs, hex, base64 and most tracing ids. */
    static boolean isPlausible(String id) {
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':' || c == '+' || c == '/' || c == '=';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
