package io.microflask;

import io.microflask.run.ClientAllowList;

import java.time.Duration;
import java.util.Optional;

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
    private boolean fallbackToFreePort;
    private ClientAllowList clientAllowList;

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
     * Whether a server whose port is in use starts on the nearest free port instead of failing
     * (the banner shows which). Default false, as in Flask: failing loudly is the safer surprise.
     */
    public boolean fallbackToFreePort() {
        return fallbackToFreePort;
    }

    public Settings fallbackToFreePort(boolean fallback) {
        this.fallbackToFreePort = fallback;
        return this;
    }

    /**
     * The clients allowed to send requests, when restricted: others get 403 and their connection
     * closed. Default: empty, every client that can reach the server is served.
     */
    public Optional<ClientAllowList> clientAllowList() {
        return Optional.ofNullable(clientAllowList);
    }

    /** Accepts requests only from these clients, e.g. {@code ClientAllowList.localNetworks()}; null lifts it. */
    public Settings allowClients(ClientAllowList allowList) {
        this.clientAllowList = allowList;
        return this;
    }

    /** Accepts requests only from these CIDR ranges, e.g. {@code allowClients("127.0.0.0/8", "192.168.1.0/24")}. */
    public Settings allowClients(String... cidrs) {
        return allowClients(ClientAllowList.of(cidrs));
    }

    private static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }
}
