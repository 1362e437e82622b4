package io.microflask;

import io.microflask.server.CidrRange;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An app's settings, with defaults fit for production. Change them before {@code start}/{@code run}:
 * {@code app.settings().maxBodySize(1 << 20)}.
 */
public final class Settings {
    private long maxBodySize = 16L * 1024 * 1024;
    private int maxInitialLineLength = 8 * 1024;
    private int maxHeaderSize = 16 * 1024;
    private Duration idleTimeout = Duration.ofSeconds(60);
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private int workerThreads = Math.max(64, Runtime.getRuntime().availableProcessors() * 32);
    private int workerQueue = 4096;
    private boolean useVirtualThreads = true;
    private boolean useNativeTransport = true;
    private boolean showDebugToRemoteClients;
    private Duration requestHeadTimeout = Duration.ofSeconds(30);
    private long minBodyRate = 240;
    private Duration bodyRateGracePeriod = Duration.ofSeconds(5);
    private int maxConnections = 10_000;
    private Predicate<InetAddress> trustedProxy = NO_PROXY;
    private List<String> trustedProxyRanges = List.of();

    private static final Predicate<InetAddress> NO_PROXY = address -> false;

    /** Largest request body accepted, in bytes; more is answered 413. Default 16 MiB. */
    public long maxBodySize() {
        return maxBodySize;
    }

    public Settings maxBodySize(long bytes) {
        if (bytes < 0 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBodySize must be within 0.." + Integer.MAX_VALUE + ", got " + bytes);
        }
        this.maxBodySize = bytes;
        return this;
    }

    /** Longest request line (method, URI, version), in bytes; more is answered 414. Default 8 KiB. */
    public int maxInitialLineLength() {
        return maxInitialLineLength;
    }

    public Settings maxInitialLineLength(int bytes) {
        this.maxInitialLineLength = positive("maxInitialLineLength", bytes);
        return this;
    }

    /** Largest total size of the request headers, in bytes; more is answered 431. Default 16 KiB. */
    public int maxHeaderSize() {
        return maxHeaderSize;
    }

    public Settings maxHeaderSize(int bytes) {
        this.maxHeaderSize = positive("maxHeaderSize", bytes);
        return this;
    }

    /** A connection with no request in flight and no traffic for this long is closed. Default 60 s. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    public Settings idleTimeout(Duration timeout) {
        this.idleTimeout = timeout;
        return this;
    }

    /** How long a shutdown waits for in-flight requests to finish. Default 30 s. */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    public Settings shutdownTimeout(Duration timeout) {
        this.shutdownTimeout = timeout;
        return this;
    }

    /** Handler threads on a JVM without virtual threads (Java 17-20). */
    public int workerThreads() {
        return workerThreads;
    }

    public Settings workerThreads(int threads) {
        this.workerThreads = positive("workerThreads", threads);
        return this;
    }

    /** Requests that may wait for a handler thread before the server answers 503. */
    public int workerQueue() {
        return workerQueue;
    }

    public Settings workerQueue(int size) {
        this.workerQueue = positive("workerQueue", size);
        return this;
    }

    /** Whether handlers run on virtual threads when the JVM has them (21+). Default true. */
    public boolean useVirtualThreads() {
        return useVirtualThreads;
    }

    public Settings useVirtualThreads(boolean use) {
        this.useVirtualThreads = use;
        return this;
    }

    /** Whether the epoll transport is used where the platform has it. Default true. */
    public boolean useNativeTransport() {
        return useNativeTransport;
    }

    public Settings useNativeTransport(boolean use) {
        this.useNativeTransport = use;
        return this;
    }

    /**
     * Whether debug details (stack traces, source) are shown to clients that are not on this
     * machine. Default false: they get the production page.
     */
    public boolean showDebugToRemoteClients() {
        return showDebugToRemoteClients;
    }

    public Settings showDebugToRemoteClients(boolean show) {
        this.showDebugToRemoteClients = show;
        return this;
    }

    /**
     * How long a client may take to send a request's line and headers, counted from its first
     * byte; a slower client is answered 408 and disconnected. Default 30 s; {@code Duration.ZERO}
     * turns the limit off. A connection that sends nothing at all is closed by the idle timeout.
     */
    public Duration requestHeadTimeout() {
        return requestHeadTimeout;
    }

    public Settings requestHeadTimeout(Duration timeout) {
        this.requestHeadTimeout = notNegative("requestHeadTimeout", timeout);
        return this;
    }

    /**
     * The slowest average rate, in bytes per second, at which a request body may arrive once the
     * grace period has passed; a slower body is answered 408 and its connection closed. Default
     * 240 B/s; 0 turns the check off.
     */
    public long minBodyRate() {
        return minBodyRate;
    }

    public Settings minBodyRate(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("minBodyRate must be 0 (off) or a positive number of bytes per "
                    + "second, got " + bytesPerSecond);
        }
        this.minBodyRate = bytesPerSecond;
        return this;
    }

    /** How long a request body may arrive at any pace before {@link #minBodyRate()} applies. Default 5 s. */
    public Duration bodyRateGracePeriod() {
        return bodyRateGracePeriod;
    }

    public Settings bodyRateGracePeriod(Duration grace) {
        this.bodyRateGracePeriod = notNegative("bodyRateGracePeriod", grace);
        return this;
    }

    /**
     * Most connections open at once. A connection beyond the cap has its first request answered
     * 503 (with {@code Retry-After}) and is then closed. Default 10,000.
     */
    public int maxConnections() {
        return maxConnections;
    }

    public Settings maxConnections(int connections) {
        this.maxConnections = positive("maxConnections", connections);
        return this;
    }

    /**
     * Trusts {@code X-Forwarded-For}, {@code X-Forwarded-Proto}, {@code X-Forwarded-Host} and
     * {@code Forwarded} from these proxies only: each an IPv4 or IPv6 address, or a CIDR range
     * such as {@code "10.0.0.0/8"} or {@code "fd00::/8"}. Without this setting (the default) the
     * headers are ignored, since any client can send them.
     */
    public Settings trustedProxies(String... ranges) {
        return trustedProxies(List.of(ranges));
    }

    /** Like {@link #trustedProxies(String...)}; an empty list trusts no proxy. */
    public Settings trustedProxies(List<String> ranges) {
        List<CidrRange> parsed = ranges.stream().map(range -> {
            try {
                return CidrRange.parse(range);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("settings().trustedProxies(...): " + e.getMessage(), e);
            }
        }).toList();
        this.trustedProxyRanges = parsed.stream().map(CidrRange::toString).toList();
        this.trustedProxy = parsed.isEmpty() ? NO_PROXY
                : address -> parsed.stream().anyMatch(range -> range.contains(address));
        return this;
    }

    /** Trusts the proxies this predicate accepts (for address lists that change at run time). */
    public Settings trustedProxies(Predicate<InetAddress> trusted) {
        this.trustedProxy = Objects.requireNonNull(trusted, "trustedProxies(predicate): the predicate is null");
        this.trustedProxyRanges = List.of("(a predicate)");
        return this;
    }

    /** Whether forwarded headers from this immediate peer are believed. */
    public boolean isTrustedProxy(InetAddress peer) {
        return peer != null && trustedProxy.test(peer);
    }

    /** Whether any proxy is trusted. */
    public boolean trustsProxies() {
        return trustedProxy != NO_PROXY;
    }

    /** The trusted proxy ranges as given (normalised), for logs and banners. */
    public List<String> trustedProxyRanges() {
        return trustedProxyRanges;
    }

    private static Duration notNegative(String name, Duration value) {
        Objects.requireNonNull(value, name + " must not be null (Duration.ZERO turns it off)");
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
        return value;
    }

    private static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }
}
