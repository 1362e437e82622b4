package io.microflask;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A raw HTTP/1.1 connection for tests that must send exactly the bytes they mean. */
final class RawHttp implements AutoCloseable {
    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.[01] (\\d{3})");
    private final Socket socket;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
    }

    /** A connection from {@code localAddress} (e.g. 127.0.0.2, another loopback client). */
    RawHttp(String localAddress, int port) throws IOException {
        socket = new Socket();
        socket.bind(new java.net.InetSocketAddress(localAddress, 0));
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout(5000);
    }

    /** Half-closes the connection: the server sees the end of the request stream, and may still answer. */
    RawHttp shutdownOutput() throws IOException {
        socket.shutdownOutput();
        return this;
    }

    /** Reads and throws away {@code bytes} bytes (or until the server closes); returns how many were read. */
    long discard(long bytes) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        while (read < bytes) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return read;
    }

    /** How long reads wait before a test fails. */
    RawHttp readTimeout(java.time.Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        return this;
    }

    RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawHttp send(byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads until the server closes the connection (or the timeout passes); returns everything read. */
    String readUntilClosed() throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection; received:\n" + text());
        } catch (java.net.SocketException reset) {
            // A reset after the answer counts as closed.
        }
        return text();
    }

    /** Reads until {@code count} complete responses (by Content-Length) have arrived. */
    String readResponses(int count) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (completeResponses(text()) < count) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            received.write(buffer, 0, n);
        }
        return text();
    }

    /** Reads until what was received ends with {@code suffix} (or the timeout passes); returns everything read. */
    String readUntilEndsWith(String suffix) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (!text().endsWith(suffix)) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            received.write(buffer, 0, n);
        }
        return text();
    }

    /** Whether the server has closed the connection (reads EOF within the timeout). */
    boolean closedByServer() throws IOException {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    /**
     * Waits up to {@code wait} for the server to say something or close; {@code true} if it did
     * (what it sent is kept), {@code false} if it stayed silent.
     */
    boolean answeredOrClosedWithin(java.time.Duration wait) throws IOException {
        int previous = socket.getSoTimeout();
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        try {
            byte[] buffer = new byte[8192];
            int n = socket.getInputStream().read(buffer);
            if (n > 0) {
                received.write(buffer, 0, n);
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        } finally {
            socket.setSoTimeout(previous);
        }
    }

    /** Reads until what was received contains {@code expected}; {@code false} if the connection closed first. */
    boolean readUntilContains(String expected) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (!text().contains(expected)) {
            int n = in.read(buffer);
            if (n < 0) {
                return false;
            }
            received.write(buffer, 0, n);
        }
        return true;
    }

    String text() {
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    static List<Integer> statuses(String text) {
        List<Integer> statuses = new ArrayList<>();
        Matcher m = STATUS.matcher(text);
        while (m.find()) {
            statuses.add(Integer.parseInt(m.group(1)));
        }
        return statuses;
    }

    private static int completeResponses(String text) {
        int count = 0;
        int at = 0;
        while (true) {
            int headerEnd = text.indexOf("\r\n\r\n", at);
            if (headerEnd < 0) {
                return count;
            }
            Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(text.substring(at, headerEnd));
            int bodyLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
            int end = headerEnd + 4 + bodyLength;
            if (end > text.length()) {
                return count;
            }
            count++;
            at = end;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
