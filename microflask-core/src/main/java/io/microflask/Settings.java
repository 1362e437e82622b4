package io.microflask;

import io.microflask.util.ClientAllowList;
import io.microflask.util.CidrRange;
import io.microflask.util.HostAllowList;
import io.microflask.util.HostNames;
import io.microflask.util.Origins;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An app's settings, with defaults fit for production, grouped by subject: limits and timeouts,
 * threads and transport, slow clients, connections, proxies and clients, sessions, static files,
 * uploads, debug. Change them before {@code start}/{@code run}:
 * {@code app.settings().maxBodySize(1 << 20)}. A new {@code App} sets every one of them its
 * {@link Config} names ({@code MICROFLASK_MAX_BODY_SIZE=32MiB}, {@code SECRET_KEY=...} in
 * {@code instance/microflask.properties}); code that sets them afterwards wins.
 */
public final class Settings {
    private static final Predicate<InetAddress> NO_PROXY = address -> false;

    // Limits and timeouts.
    private long maxBodySize = 16L * 1024 * 1024;
    private int maxInitialLineLength = 8 * 1024;
    private int maxHeaderSize = 16 * 1024;
    private Duration idleTimeout = Duration.ofSeconds(60);
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private int maxPipelinedRequests = 64;
    private String serverHeader;
    // Threads and transport.
    private int workerThreads = Math.max(64, Runtime.getRuntime().availableProcessors() * 32);
    private int workerQueue = 4096;
    private int streamThreads = Math.max(64, Runtime.getRuntime().availableProcessors() * 32);
    private Duration asyncTimeout = Duration.ofSeconds(30);
    private Duration blockedLoopThreshold = Duration.ofMillis(100);
    private boolean useVirtualThreads = true;
    private boolean useNativeTransport = true;
    // Slow clients.
    private Duration requestHeadTimeout = Duration.ofSeconds(30);
    private long minBodyRate = 240;
    private Duration bodyRateGracePeriod = Duration.ofSeconds(5);
    private Duration bodyRateWindow = Duration.ofSeconds(5);
    private long maxBufferedBodyBytes = Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 4);
    private Duration writeTimeout = Duration.ofSeconds(30);
    // Connections.
    private int maxConnections = 10_000;
    private int maxConnectionsPerAddress = 256;
    // HTTPS and HTTP/2.
    private Path certificateFile;
    private Path keyFile;
    private boolean adhocCertificate;
    private boolean http2 = true;
    private boolean h2cPriorKnowledge;
    private int maxConcurrentStreams = 100;
    private int httpRedirectPort = -1;
    private boolean terminalQrCodes = true;
    // WebSockets and server-sent events.
    private int webSocketMaxFrameSize = 64 * 1024;
    private int webSocketMaxMessageSize = 1024 * 1024;
    private int webSocketSendQueueBytes = 1024 * 1024;
    private Duration webSocketPingInterval = Duration.ofSeconds(30);
    private Duration webSocketIdleTimeout = Duration.ofSeconds(75);
    private List<String> webSocketAllowedOrigins = List.of();
    private Duration eventStreamHeartbeat = Duration.ofSeconds(15);
    // Proxies and clients.
    private Predicate<InetAddress> trustedProxy = NO_PROXY;
    private List<String> trustedProxyRanges = List.of();
    private ClientAllowList clientAllowList;
    private HostAllowList trustedHosts = HostAllowList.empty();
    // Operations: access log, request ids, health and readiness.
    private AccessLogFormat accessLog = AccessLogFormat.OFF;
    private String requestIdHeader = "X-Request-Id";
    private String healthPath;
    private String readinessPath;
    private Duration drainPeriod = Duration.ZERO;
    // Sessions.
    private String secretKey;
    private List<String> previousSecretKeys = List.of();
    private String sessionCookieName = "session";
    private Duration sessionMaxAge = Duration.ofDays(31);
    private boolean sessionCookieSecure;
    private boolean sessionCookieHttpOnly = true;
    private Cookie.SameSite sessionCookieSameSite = Cookie.SameSite.LAX;
    private String sessionCookieDomain;
    private String sessionCookiePath = "/";
    private boolean refreshSessionEachRequest = true;
    private boolean usesSessions;
    // CSRF.
    private boolean csrfProtection = true;
    private List<String> csrfTrustedOrigins = List.of();
    // CORS.
    private Map<String, Cors> corsPolicies = Map.of();
    // Security headers.
    private boolean contentTypeNosniff = true;
    private String referrerPolicy = "strict-origin-when-cross-origin";
    private String frameOptions = "SAMEORIGIN";
    private String contentSecurityPolicy;
    private String strictTransportSecurity = "max-age=31536000";
    // Static files.
    private boolean serveStaticFiles = true;
    private Path staticDirectory;
    private Duration staticMaxAge = Duration.ZERO;
    private boolean serveDotfiles;
    // Compression.
    private boolean compression = true;
    private int compressionMinSize = 1024;
    // Uploads.
    private long maxFileSize = 16L * 1024 * 1024;
    private long uploadMemoryThreshold = 16L * 1024;
    private Path uploadDirectory;
    // Request bodies and forms.
    private long bodyMemoryThreshold = 256L * 1024;
    private long maxFormMemorySize = 500_000;
    private int maxFormParts = 1000;
    // Debug and development.
    private boolean showDebugToRemoteClients;
    private HostAllowList debugHosts = HostAllowList.empty();
    private boolean fallbackToFreePort;
    private Path instancePath = Path.of("instance");

    // ---- Limits and timeouts ----

    /**
     * Largest request body accepted, in bytes; more is answered 413, checked as the bytes arrive.
     * A route may set its own with {@code @Route(maxBodySize = ...)}. Bodies are not held whole in
     * memory (see {@link #bodyMemoryThreshold()}), so a large limit costs disk, not heap. Default 16 MiB.
     */
    public long maxBodySize() {
        return maxBodySize;
    }

    /** Sets the largest request body accepted, in bytes (0 or more); see {@link #maxBodySize()}. */
    public Settings maxBodySize(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("maxBodySize must be zero or positive, got " + bytes);
        }
        this.maxBodySize = bytes;
        return this;
    }

    /** Longest request line (method, URI, version), in bytes; more is answered 414. Default 8 KiB. */
    public int maxInitialLineLength() {
        return maxInitialLineLength;
    }

    /** Sets the longest request line accepted, in bytes; see {@link #maxInitialLineLength()}. */
    public Settings maxInitialLineLength(int bytes) {
        this.maxInitialLineLength = positive("maxInitialLineLength", bytes);
        return this;
    }

    /** Largest total size of the request headers, in bytes; more is answered 431. Default 16 KiB. */
    public int maxHeaderSize() {
        return maxHeaderSize;
    }

    /** Sets the largest total size of the request headers, in bytes; see {@link #maxHeaderSize()}. */
    public Settings maxHeaderSize(int bytes) {
        this.maxHeaderSize = positive("maxHeaderSize", bytes);
        return this;
    }

    /** A connection with no request in flight and no traffic for this long is closed. Default 60 s. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * Sets how long an idle connection is kept open; {@code Duration.ZERO} keeps it until the client
     * closes it.
     */
    public Settings idleTimeout(Duration timeout) {
        this.idleTimeout = notNegative("idleTimeout", timeout);
        return this;
    }

    /** How long a shutdown waits for in-flight requests to finish. Default 30 s. */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** Sets how long a shutdown waits for in-flight requests; see {@link #shutdownTimeout()}. */
    public Settings shutdownTimeout(Duration timeout) {
        this.shutdownTimeout = notNegative("shutdownTimeout", timeout);
        return this;
    }

    /**
     * How many requests one connection may pipeline (send before reading the answers) beyond the
     * one being answered; past that the connection is closed once those are answered, which
     * RFC 9112 allows (the client retries on a new connection). Default 64.
     */
    public int maxPipelinedRequests() {
        return maxPipelinedRequests;
    }

    /** Sets how many pipelined requests one connection may have waiting; see {@link #maxPipelinedRequests()}. */
    public Settings maxPipelinedRequests(int requests) {
        this.maxPipelinedRequests = positive("maxPipelinedRequests", requests);
        return this;
    }

    // ---- Threads and transport ----

    /** Handler threads on a JVM without virtual threads (Java 17-20). */
    public int workerThreads() {
        return workerThreads;
    }

    /** Sets the number of handler threads used where there are no virtual threads. */
    public Settings workerThreads(int threads) {
        this.workerThreads = positive("workerThreads", threads);
        return this;
    }

    /** Requests that may wait for a handler thread before the server answers 503. */
    public int workerQueue() {
        return workerQueue;
    }

    /** Sets how many requests may wait for a handler thread before the server answers 503. */
    public Settings workerQueue(int size) {
        this.workerQueue = positive("workerQueue", size);
        return this;
    }

    /**
     * Threads for streamed bodies ({@code Response.stream}) on a JVM without virtual threads: a
     * pool apart from the handlers', so that streams to slow readers cannot starve ordinary
     * requests. Default the same as {@link #workerThreads()}.
     */
    public int streamThreads() {
        return streamThreads;
    }

    /** Sets the number of threads for streamed bodies where there are no virtual threads. */
    public Settings streamThreads(int threads) {
        this.streamThreads = positive("streamThreads", threads);
        return this;
    }

    /**
     * How long a handler's {@code CompletionStage} may take: one still pending then is answered
     * 503 and cancelled. Default 30 s.
     */
    public Duration asyncTimeout() {
        return asyncTimeout;
    }

    /** Sets how long an asynchronous result may take before the answer is 503; must be positive. */
    public Settings asyncTimeout(Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("asyncTimeout must be a positive duration, got " + timeout);
        }
        this.asyncTimeout = timeout;
        return this;
    }

    /**
     * How long a {@code @NonBlocking} handler may run on the event loop before the log names it
     * with the loop's stack (at most once a minute per route). In debug mode the threshold is
     * 10 ms and every block is reported, with how to fix it. Default 100 ms.
     */
    public Duration blockedLoopThreshold() {
        return blockedLoopThreshold;
    }

    /** Sets how long an event-loop handler may run before it is reported as blocking; must be positive. */
    public Settings blockedLoopThreshold(Duration threshold) {
        if (threshold == null || threshold.isZero() || threshold.isNegative()) {
            throw new IllegalArgumentException("blockedLoopThreshold must be a positive duration, got " + threshold);
        }
        this.blockedLoopThreshold = threshold;
        return this;
    }

    /** Whether handlers run on virtual threads when the JVM has them (21+). Default true. */
    public boolean useVirtualThreads() {
        return useVirtualThreads;
    }

    /** Sets whether handlers run on virtual threads when the JVM has them; false uses the pool. */
    public Settings useVirtualThreads(boolean use) {
        this.useVirtualThreads = use;
        return this;
    }

    /** Whether the epoll transport is used where the platform has it. Default true. */
    public boolean useNativeTransport() {
        return useNativeTransport;
    }

    /** Sets whether the epoll transport is used where available; false uses NIO everywhere. */
    public Settings useNativeTransport(boolean use) {
        this.useNativeTransport = use;
        return this;
    }

    // ---- Slow clients ----

    /**
     * How long a client may take to send a request's line and headers, counted from its first
     * byte; a slower client is answered 408 and disconnected. Default 30 s; {@code Duration.ZERO}
     * turns the limit off. A connection that sends nothing at all is closed by the idle timeout.
     */
    public Duration requestHeadTimeout() {
        return requestHeadTimeout;
    }

    /** Sets how long a client may take to send a request's head; {@code Duration.ZERO} turns it off. */
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

    /** Sets the slowest average rate a body may arrive at, in bytes per second; 0 turns it off. */
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

    /** Sets how long a body may arrive at any pace before {@link #minBodyRate()} applies. */
    public Settings bodyRateGracePeriod(Duration grace) {
        this.bodyRateGracePeriod = notNegative("bodyRateGracePeriod", grace);
        return this;
    }

    /**
     * The window {@link #minBodyRate()} is measured over: the bytes of the last this-long, so that
     * a body sent mostly at once and then a byte at a time is cut off. Default 5 s.
     */
    public Duration bodyRateWindow() {
        return bodyRateWindow;
    }

    /** Sets the window the body rate is measured over; must be positive. */
    public Settings bodyRateWindow(Duration window) {
        if (window == null || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("bodyRateWindow must be a positive duration, got " + window);
        }
        this.bodyRateWindow = window;
        return this;
    }

    /**
     * How many bytes of request bodies the server holds in memory at once, across all connections.
     * Over it, a request whose body grows past 64 KiB is answered 503 (with {@code Retry-After})
     * and its connection closed; smaller bodies are still read, so the server stays usable. Default
     * a quarter of the maximum heap, at least 16 MiB.
     */
    public long maxBufferedBodyBytes() {
        return maxBufferedBodyBytes;
    }

    /** Sets the budget of request body bytes held at once; see {@link #maxBufferedBodyBytes()}. */
    public Settings maxBufferedBodyBytes(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("maxBufferedBodyBytes must be positive, got " + bytes);
        }
        this.maxBufferedBodyBytes = bytes;
        return this;
    }

    /**
     * How long a client may leave an answer unread: when none of the pending output has gone out
     * for this long, the connection is closed, and a streamed body's write fails so that its
     * handler thread is freed. Default 30 s; {@code Duration.ZERO} turns it off.
     */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** Sets how long an answer may stay unread before the connection is closed; {@code Duration.ZERO} turns it off. */
    public Settings writeTimeout(Duration timeout) {
        this.writeTimeout = notNegative("writeTimeout", timeout);
        return this;
    }

    // ---- Connections ----

    /**
     * Most connections open at once. A connection beyond the cap has its first request answered
     * 503 (with {@code Retry-After}) and is then closed. Default 10,000.
     */
    public int maxConnections() {
        return maxConnections;
    }

    /** Sets the most connections open at once; see {@link #maxConnections()}. */
    public Settings maxConnections(int connections) {
        this.maxConnections = positive("maxConnections", connections);
        return this;
    }

    /**
     * Most connections open at once from one client address, so that one client cannot take
     * every connection; trusted proxies ({@link #trustedProxies(String...)}) are not limited, since
     * every client behind them shares their address. Beyond it, a connection's first request is
     * answered 503 and the connection closed. Default 256.
     */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    /** Sets the most connections open at once from one address; see {@link #maxConnectionsPerAddress()}. */
    public Settings maxConnectionsPerAddress(int connections) {
        this.maxConnectionsPerAddress = positive("maxConnectionsPerAddress", connections);
        return this;
    }

    /**
     * The {@code Server} header of every answer, e.g. {@code "microflask"}. Default {@code null}:
     * none, since naming the software only helps whoever looks for servers to attack. (Every answer
     * carries {@code Date}, as RFC 9110 asks of a server with a clock, whatever this says.)
     */
    public String serverHeader() {
        return serverHeader;
    }

    /** Sets the {@code Server} header; {@code null} sends none. See {@link #serverHeader()}. */
    public Settings serverHeader(String value) {
        this.serverHeader = headerSetting("Server", value);
        return this;
    }

    // ---- HTTPS and HTTP/2 ----

    /**
     * Serves HTTPS with this PEM certificate chain (the server's certificate first; certbot's
     * {@code fullchain.pem}) and its unencrypted PEM private key ({@code privkey.pem}), as
     * {@code flask run --cert FILE --key FILE}. Both are read and checked at start: an unreadable
     * or malformed file, a key that does not match, or an expired certificate stops the start with
     * a message naming the file. Also {@code --cert FILE --key FILE} and
     * {@code MICROFLASK_CERT}/{@code MICROFLASK_KEY}. Clears {@link #adhocCertificate(boolean)}.
     */
    public Settings certificate(Path certificateChain, Path privateKey) {
        this.certificateFile = Objects.requireNonNull(certificateChain,
                "certificate: give the PEM certificate chain, e.g. Path.of(\"fullchain.pem\")");
        this.keyFile = Objects.requireNonNull(privateKey,
                "certificate: give the PEM private key, e.g. Path.of(\"privkey.pem\")");
        this.adhocCertificate = false;
        return this;
    }

    /** The PEM certificate chain HTTPS is served with, if one was given. */
    public Optional<Path> certificateFile() {
        return Optional.ofNullable(certificateFile);
    }

    /** The PEM private key of {@link #certificateFile()}, if one was given. */
    public Optional<Path> keyFile() {
        return Optional.ofNullable(keyFile);
    }

    /**
     * Whether HTTPS is served with a self-signed development certificate made at start, as
     * {@code flask run --cert adhoc}: valid for localhost, 127.0.0.1, ::1, this machine's name and
     * every LAN address, kept in {@link #instancePath()} and reused while those stay the same, so
     * that a browser's "accept the risk" is remembered. For testing on this machine and on a phone,
     * never for production. Default false.
     */
    public boolean adhocCertificate() {
        return adhocCertificate;
    }

    /** Turns the self-signed development certificate on or off; on clears {@link #certificate(Path, Path)}. */
    public Settings adhocCertificate(boolean adhoc) {
        this.adhocCertificate = adhoc;
        if (adhoc) {
            this.certificateFile = null;
            this.keyFile = null;
        }
        return this;
    }

    /** Whether the server speaks HTTPS: a certificate was given, or the adhoc one is on. */
    public boolean tlsEnabled() {
        return adhocCertificate || certificateFile != null;
    }

    /**
     * Whether HTTPS connections may speak HTTP/2 (chosen by ALPN; clients without it get
     * HTTP/1.1). Default true.
     */
    public boolean http2() {
        return http2;
    }

    /** Sets whether HTTPS connections offer HTTP/2; see {@link #http2()}. */
    public Settings http2(boolean enabled) {
        this.http2 = enabled;
        return this;
    }

    /**
     * Whether a cleartext connection that opens with the HTTP/2 preface is served as HTTP/2
     * ("h2c with prior knowledge", {@code curl --http2-prior-knowledge}); HTTP/1.1 still works on
     * the same port. For behind a proxy that speaks h2c to its backends. Default false.
     */
    public boolean h2cPriorKnowledge() {
        return h2cPriorKnowledge;
    }

    /** Sets whether cleartext HTTP/2 with prior knowledge is served; see {@link #h2cPriorKnowledge()}. */
    public Settings h2cPriorKnowledge(boolean enabled) {
        this.h2cPriorKnowledge = enabled;
        return this;
    }

    /**
     * How many requests one HTTP/2 connection may have open at once (SETTINGS_MAX_CONCURRENT_STREAMS);
     * a client that opens more has them refused. Default 100.
     */
    public int maxConcurrentStreams() {
        return maxConcurrentStreams;
    }

    /** Sets how many streams one HTTP/2 connection may have open at once. */
    public Settings maxConcurrentStreams(int streams) {
        this.maxConcurrentStreams = positive("maxConcurrentStreams", streams);
        return this;
    }

    /**
     * A cleartext port that answers every request with a redirect (308) to the same path over
     * HTTPS, or -1 for none (the default). Only with HTTPS on; 0 picks a free port.
     */
    public int httpRedirectPort() {
        return httpRedirectPort;
    }

    /** Sets the cleartext port that redirects to HTTPS, or -1 for none. */
    public Settings httpRedirectPort(int port) {
        if (port < -1 || port > 65_535) {
            throw new IllegalArgumentException("httpRedirectPort must be -1 (none) or a port within 0-65535, got "
                    + port);
        }
        this.httpRedirectPort = port;
        return this;
    }

    /**
     * Whether the banner draws a QR code for each LAN URL when it writes to a terminal (and
     * {@code NO_COLOR} is unset), so that a phone opens the URL with its camera; elsewhere it
     * prints a plain line. Default true.
     */
    public boolean terminalQrCodes() {
        return terminalQrCodes;
    }

    /** Sets whether the banner may draw QR codes; see {@link #terminalQrCodes()}. */
    public Settings terminalQrCodes(boolean draw) {
        this.terminalQrCodes = draw;
        return this;
    }

    // ---- WebSockets and server-sent events ----

    /**
     * The largest WebSocket frame a client may send, in bytes; a larger one closes the connection
     * with 1009 (message too big) before it is read. Default 64 KiB.
     */
    public int webSocketMaxFrameSize() {
        return webSocketMaxFrameSize;
    }

    /** Sets the largest WebSocket frame a client may send; see {@link #webSocketMaxFrameSize()}. */
    public Settings webSocketMaxFrameSize(int bytes) {
        this.webSocketMaxFrameSize = positive("webSocketMaxFrameSize", bytes);
        return this;
    }

    /**
     * The largest WebSocket message (all its frames together) a client may send, in bytes; a larger
     * one closes the connection with 1009. Default 1 MiB.
     */
    public int webSocketMaxMessageSize() {
        return webSocketMaxMessageSize;
    }

    /** Sets the largest WebSocket message a client may send; see {@link #webSocketMaxMessageSize()}. */
    public Settings webSocketMaxMessageSize(int bytes) {
        this.webSocketMaxMessageSize = positive("webSocketMaxMessageSize", bytes);
        return this;
    }

    /**
     * The most bytes of messages that may wait to go out to one WebSocket client. A client that
     * reads so slowly that its queue fills is closed with 1008 (policy violation), so that a
     * client that does not read cannot make the server's memory grow. Default 1 MiB.
     */
    public int webSocketSendQueueBytes() {
        return webSocketSendQueueBytes;
    }

    /** Sets the most bytes waiting to go out to one WebSocket client; see {@link #webSocketSendQueueBytes()}. */
    public Settings webSocketSendQueueBytes(int bytes) {
        this.webSocketSendQueueBytes = positive("webSocketSendQueueBytes", bytes);
        return this;
    }

    /**
     * How long a WebSocket client may be silent before the server pings it, which keeps proxies
     * from closing a quiet connection and finds clients that went away. Default 30 s;
     * {@code Duration.ZERO} sends no pings.
     */
    public Duration webSocketPingInterval() {
        return webSocketPingInterval;
    }

    /** Sets how long a WebSocket client may be silent before it is pinged; {@code Duration.ZERO} turns pings off. */
    public Settings webSocketPingInterval(Duration interval) {
        this.webSocketPingInterval = notNegative("webSocketPingInterval", interval);
        return this;
    }

    /**
     * How long a WebSocket client may send nothing at all (no message, no answer to a ping) before
     * it is closed with 1001; longer than {@link #webSocketPingInterval()}, so that a live client
     * answers a ping in time. Default 75 s; {@code Duration.ZERO} turns it off.
     */
    public Duration webSocketIdleTimeout() {
        return webSocketIdleTimeout;
    }

    /** Sets how long a WebSocket client may send nothing before it is closed; {@code Duration.ZERO} turns it off. */
    public Settings webSocketIdleTimeout(Duration timeout) {
        this.webSocketIdleTimeout = notNegative("webSocketIdleTimeout", timeout);
        return this;
    }

    /**
     * The origins, besides the app's own, whose pages may open WebSockets to it, e.g.
     * {@code "https://app.example.com"}; {@code "*"} allows every origin. By default none: a
     * browser's handshake whose {@code Origin} is not the host it asks for is answered 403, so that
     * another site's page cannot talk to the app with its visitor's cookies (cross-site WebSocket
     * hijacking). A handshake without {@code Origin} (not from a browser) is allowed.
     */
    public List<String> webSocketAllowedOrigins() {
        return webSocketAllowedOrigins;
    }

    /** Sets the origins, besides the app's own, that may open WebSockets; see {@link #webSocketAllowedOrigins()}. */
    public Settings webSocketAllowedOrigins(String... origins) {
        for (String origin : origins) {
            if (origin == null || origin.isBlank() || (!origin.equals("*") && !origin.contains("://"))) {
                throw new IllegalArgumentException("webSocketAllowedOrigins: '" + origin + "' is not an origin; "
                        + "give scheme://host[:port], e.g. \"https://app.example.com\", or \"*\" for any");
            }
        }
        this.webSocketAllowedOrigins = List.of(origins);
        return this;
    }

    /**
     * How often an event stream ({@code Response.events}) sends a comment line while it has no
     * event to send, which keeps proxies from timing it out and finds clients that went away.
     * Default 15 s; {@code Duration.ZERO} sends none.
     */
    public Duration eventStreamHeartbeat() {
        return eventStreamHeartbeat;
    }

    /** Sets how often an idle event stream sends a heartbeat comment; {@code Duration.ZERO} sends none. */
    public Settings eventStreamHeartbeat(Duration interval) {
        this.eventStreamHeartbeat = notNegative("eventStreamHeartbeat", interval);
        return this;
    }

    // ---- Proxies and clients ----

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

    /**
     * The clients allowed to send requests, when restricted: others get 403 and their connection
     * closed. Default: empty, every client that can reach the server is served.
     */
    public Optional<ClientAllowList> clientAllowList() {
        return Optional.ofNullable(clientAllowList);
    }

    /**
     * Accepts requests only from these clients, e.g. {@code ClientAllowList.localNetworks()}; null
     * lifts it.
     */
    public Settings allowClients(ClientAllowList allowList) {
        this.clientAllowList = allowList;
        return this;
    }

    /**
     * Accepts requests only from these CIDR ranges, e.g. {@code allowClients("127.0.0.0/8",
     * "192.168.1.0/24")}.
     */
    public Settings allowClients(String... cidrs) {
        return allowClients(ClientAllowList.of(cidrs));
    }

    /**
     * The hosts this app answers for (Flask's {@code TRUSTED_HOSTS}), normalised; empty (the
     * default) answers any syntactically valid Host. When set, a request whose host (its
     * {@code Host} header, the authority of an absolute-form target, or what a trusted proxy
     * reports in {@code X-Forwarded-Host} / {@code Forwarded: host=}) matches none of them is
     * answered 400 before any handler runs, so that {@code baseUrl()}, external {@code urlFor} and
     * redirects only ever name these hosts. In debug mode, on a connection to a loopback address,
     * {@code localhost}, {@code 127.0.0.1} and {@code [::1]} are allowed as well. A request without
     * a Host (HTTP/1.0) is taken as {@code localhost}.
     */
    public List<String> trustedHosts() {
        return trustedHosts.entries();
    }

    /**
     * Answers only requests for these hosts; see {@link #trustedHosts()}. Each entry is an exact
     * name ({@code "example.com"}), a name with a leading dot for it and all its subdomains
     * ({@code ".example.com"}), or an address ({@code "192.0.2.7"}, {@code "[2001:db8::1]"}); without
     * a port it matches any port, with one ({@code "example.com:8443"}) only that port. No entry
     * lifts the restriction. {@code MICROFLASK_TRUSTED_HOSTS} (comma-separated) sets it too.
     */
    public Settings trustedHosts(String... hosts) {
        return trustedHosts(List.of(hosts));
    }

    /** Like {@link #trustedHosts(String...)}; an empty list answers any host. */
    public Settings trustedHosts(List<String> hosts) {
        try {
            this.trustedHosts = HostAllowList.of(hosts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("settings().trustedHosts(...): " + e.getMessage(), e);
        }
        return this;
    }

    /**
     * Whether a request for {@code host} (a Host value, {@code name[:port]}) may be answered:
     * always when {@link #trustedHosts()} is empty, else when it matches an entry. The debug-mode
     * allowance for loopback names is the server's, not this method's.
     */
    public boolean isTrustedHost(String host) {
        return trustedHosts.isEmpty() || trustedHosts.matches(host);
    }

    // ---- Sessions ----

    /**
     * The key that signs session cookies, Flask's {@code SECRET_KEY}. A new {@code App} starts with
     * the environment variable {@code MICROFLASK_SECRET_KEY}, if set; code that sets it afterwards
     * wins. Keep it secret and long
     * (e.g. {@code openssl rand -hex 32}); instances that share it serve the same users. Never
     * write one in the source: anyone who reads it can sign any session.
     *
     * <p>Without one, an app that {@linkplain #usesSessions() uses sessions} refuses to start in
     * production mode (a {@link ServerStartException} saying how to set it); in debug mode it signs
     * with a development key generated once and kept in {@link #instancePath()}{@code /secret_key}.
     */
    public String secretKey() {
        return secretKey;
    }

    /** Sets the key that signs session cookies; {@code null} means none (sessions then fail, saying why). */
    public Settings secretKey(String key) {
        if (key != null && key.isEmpty()) {
            throw new IllegalArgumentException("secretKey must not be empty; generate one with 'openssl rand -hex 32'");
        }
        this.secretKey = key;
        return this;
    }

    /**
     * Keys that signed sessions before the current one: cookies they signed are still accepted,
     * and re-signed with the current key when written. Never used for signing.
     */
    public List<String> previousSecretKeys() {
        return previousSecretKeys;
    }

    /** Sets the keys that signed sessions before the current one; see {@link #previousSecretKeys()}. */
    public Settings previousSecretKeys(String... keys) {
        for (String key : keys) {
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("previousSecretKeys must not contain a null or empty key");
            }
        }
        this.previousSecretKeys = List.of(keys);
        return this;
    }

    /** The session cookie's name. Default {@code "session"}. */
    public String sessionCookieName() {
        return sessionCookieName;
    }

    /** Sets the session cookie's name, a valid cookie token; see {@link #sessionCookieName()}. */
    public Settings sessionCookieName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("sessionCookieName must not be empty; the default is \"session\"");
        }
        try {
            Cookie.checkName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sessionCookieName: " + e.getMessage(), e);
        }
        this.sessionCookieName = name;
        return this;
    }

    /**
     * How long a session cookie stays valid after it was last written: older ones are ignored
     * (an empty session). Also the cookie's Max-Age for permanent sessions. Default 31 days.
     */
    public Duration sessionMaxAge() {
        return sessionMaxAge;
    }

    /** Sets how long a session cookie stays valid after it was last written; must be positive. */
    public Settings sessionMaxAge(Duration maxAge) {
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("sessionMaxAge must be positive, got " + maxAge);
        }
        this.sessionMaxAge = maxAge;
        return this;
    }

    /**
     * Whether the session cookie always gets the {@code Secure} attribute (browsers then send it
     * over HTTPS only). Default false: it gets {@code Secure} exactly when the request came over
     * HTTPS, as {@link Request#scheme()} tells (directly, or as a trusted proxy reports in
     * {@code X-Forwarded-Proto} or {@code Forwarded: proto=}). Set it when the site is served over
     * HTTPS only, so that no answer ever sets the cookie without it.
     */
    public boolean sessionCookieSecure() {
        return sessionCookieSecure;
    }

    /**
     * Sets whether the session cookie always gets {@code Secure}, not only on HTTPS requests; see
     * {@link #sessionCookieSecure()}.
     */
    public Settings sessionCookieSecure(boolean secure) {
        this.sessionCookieSecure = secure;
        return this;
    }

    /** Whether scripts in the page cannot read the session cookie. Default true. */
    public boolean sessionCookieHttpOnly() {
        return sessionCookieHttpOnly;
    }

    /** Sets whether scripts in the page are kept from reading the session cookie. */
    public Settings sessionCookieHttpOnly(boolean httpOnly) {
        this.sessionCookieHttpOnly = httpOnly;
        return this;
    }

    /** The session cookie's SameSite attribute. Default {@code LAX}. */
    public Cookie.SameSite sessionCookieSameSite() {
        return sessionCookieSameSite;
    }

    /** Sets the session cookie's SameSite attribute; see {@link #sessionCookieSameSite()}. */
    public Settings sessionCookieSameSite(Cookie.SameSite sameSite) {
        this.sessionCookieSameSite = sameSite;
        return this;
    }

    /** The session cookie's Domain, or {@code null} (the default) for the request's host only. */
    public String sessionCookieDomain() {
        return sessionCookieDomain;
    }

    /**
     * Sets the session cookie's Domain; {@code null} is the request's host only. A host name
     * (ASCII letters, digits, {@code -}, {@code .}), checked as {@link Cookie#domain(String)} does.
     */
    public Settings sessionCookieDomain(String domain) {
        try {
            this.sessionCookieDomain = Cookie.checkDomain(domain);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sessionCookieDomain: " + e.getMessage(), e);
        }
        return this;
    }

    /** The session cookie's Path. Default {@code "/"}. */
    public String sessionCookiePath() {
        return sessionCookiePath;
    }

    /**
     * Sets the session cookie's Path; see {@link #sessionCookiePath()}. Checked as
     * {@link Cookie#path(String)} does: printable ASCII other than space, {@code "}, {@code ,},
     * {@code ;} and {@code \}.
     */
    public Settings sessionCookiePath(String path) {
        try {
            this.sessionCookiePath = Cookie.checkPath(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sessionCookiePath: " + e.getMessage(), e);
        }
        return this;
    }

    /**
     * Whether a permanent session that a request read is written again, so that it expires
     * {@link #sessionMaxAge()} after the last visit rather than after login. Default true, as in Flask.
     */
    public boolean refreshSessionEachRequest() {
        return refreshSessionEachRequest;
    }

    /** Sets whether a permanent session a request read is written again, renewing its expiry. */
    public Settings refreshSessionEachRequest(boolean refresh) {
        this.refreshSessionEachRequest = refresh;
        return this;
    }

    /**
     * Whether the app is declared to use sessions. Default false, which does not mean "no": at
     * start, microflask looks for handlers and hooks that take a {@link Session} or call
     * {@code request.session()}, {@code flash(...)}, {@code flashes()} or a {@code Session} method,
     * in the registered classes' bytecode. Declare it when that cannot be seen: the session is
     * opened only by helper classes the handlers call, or only by templates
     * ({@code {{session.user}}}, {@code {{#flashes}}}). Used sessions without a secret key stop a
     * production start.
     */
    public boolean usesSessions() {
        return usesSessions;
    }

    /** Declares whether the app uses sessions where the start-time scan cannot see it; see {@link #usesSessions()}. */
    public Settings usesSessions(boolean uses) {
        this.usesSessions = uses;
        return this;
    }

    // ---- CSRF ----

    /**
     * Whether requests that a page on another site could make with the user's cookies are
     * checked (cross-site request forgery). Default true. Checked are requests with an unsafe
     * method (anything but GET, HEAD, OPTIONS and TRACE) whose body a browser sends cross-site
     * without asking first: {@code application/x-www-form-urlencoded}, {@code multipart/form-data},
     * {@code text/plain}, and a POST without {@code Content-Type}. Such a request is accepted when
     * <ul>
     *   <li>the browser says it came from this site ({@code Sec-Fetch-Site: same-origin}), or its
     *       {@code Origin} is one of {@link #csrfTrustedOrigins()}; or</li>
     *   <li>it carries the session's token ({@link Request#csrfToken()}) in the {@code csrf_token}
     *       form field or the {@code X-CSRF-Token} header, and neither {@code Origin} nor
     *       {@code Sec-Fetch-Site} names another site.</li>
     * </ul>
     * Anything else is answered 400 ({@link CsrfException}, saying what was missing). A JSON body
     * needs no token: a page on another site cannot send {@code application/json} without a CORS
     * preflight, which only origins the app allows pass. Nor does a request with an
     * {@code Authorization: Bearer} header, which browsers never add by themselves. Single routes
     * or classes opt out with {@link CsrfExempt}.
     */
    public boolean csrfProtection() {
        return csrfProtection;
    }

    /**
     * Turns CSRF protection on or off for the whole app; see {@link #csrfProtection()}. Turn it off
     * only for an app no browser uses with cookies; prefer {@link CsrfExempt} on the routes that need it.
     */
    public Settings csrfProtection(boolean on) {
        this.csrfProtection = on;
        return this;
    }

    /**
     * Other sites whose pages may post to this app without a token, as origins
     * ({@code scheme://host[:port]}, e.g. {@code "https://shop.example.com"}). Empty by default:
     * only this app's own origin.
     */
    public List<String> csrfTrustedOrigins() {
        return csrfTrustedOrigins;
    }

    /**
     * Sets the origins trusted to post without a token, e.g. {@code "https://shop.example.com"};
     * see {@link #csrfTrustedOrigins()}.
     *
     * @throws IllegalArgumentException for anything but {@code http(s)://host[:port]}
     */
    public Settings csrfTrustedOrigins(String... origins) {
        List<String> checked = new java.util.ArrayList<>();
        for (String origin : origins) {
            checked.add(checkOrigin("csrfTrustedOrigins", origin));
        }
        this.csrfTrustedOrigins = List.copyOf(checked);
        return this;
    }

    /** An origin in the normal form of {@link Origins}, or an exception naming {@code setting}. */
    static String checkOrigin(String setting, String origin) {
        String normal = Origins.normalize(origin == null ? null : origin.trim());
        if (normal == null) {
            throw new IllegalArgumentException(setting + ": '" + origin + "' is not an origin; write it as a browser "
                    + "sends it in the Origin header, http(s)://host[:port] without a path, e.g. "
                    + "\"https://app.example.com\" or \"http://localhost:3000\"");
        }
        return normal;
    }

    // ---- CORS ----

    /**
     * Lets scripts on the origins {@code policy} names call the whole app; see
     * {@link #cors(String, Cors)}.
     */
    public Settings cors(Cors policy) {
        return cors("", policy);
    }

    /**
     * Lets scripts on the origins {@code policy} names call the routes under {@code prefix}
     * ({@code "/api"} covers {@code /api} and {@code /api/...}; {@code ""} is app-wide; the longest
     * covering prefix wins); {@code null} removes the prefix's policy. Off by default: browsers
     * then keep other sites' scripts from reading the answers. Under a policy, a preflight
     * ({@code OPTIONS} with {@code Access-Control-Request-Method}) is answered before routing and
     * before the hooks: 204 with the {@code Access-Control-Allow-*} headers, or 403 saying what the
     * policy does not allow. Answers to an allowed origin get {@code Access-Control-Allow-Origin}
     * (and {@code -Credentials}, {@code -Expose-Headers}); every answer under a policy gets
     * {@code Vary: Origin}.
     */
    public Settings cors(String prefix, Cors policy) {
        if (prefix == null || !(prefix.isEmpty() || prefix.startsWith("/"))) {
            throw new IllegalArgumentException("cors: a prefix is \"\" (app-wide) or a path starting with '/', "
                    + "e.g. \"/api\"; got '" + prefix + "'");
        }
        Map<String, Cors> changed = new java.util.LinkedHashMap<>(corsPolicies);
        if (policy == null) {
            changed.remove(prefix);
        } else {
            changed.put(prefix, policy);
        }
        this.corsPolicies = java.util.Collections.unmodifiableMap(changed);
        return this;
    }

    /** The CORS policies by prefix ({@code ""} app-wide), as {@link #cors(String, Cors)} set them; empty by default. */
    public Map<String, Cors> corsPolicies() {
        return corsPolicies;
    }

    // ---- Security headers ----

    /**
     * Whether every answer carries {@code X-Content-Type-Options: nosniff}, so that browsers
     * never run an upload or a text answer as a script or page. Default true.
     */
    public boolean contentTypeNosniff() {
        return contentTypeNosniff;
    }

    /** Sets whether answers carry {@code X-Content-Type-Options: nosniff}; see {@link #contentTypeNosniff()}. */
    public Settings contentTypeNosniff(boolean nosniff) {
        this.contentTypeNosniff = nosniff;
        return this;
    }

    /**
     * The {@code Referrer-Policy} of every answer: what other sites learn of the page a link
     * came from. Default {@code strict-origin-when-cross-origin} (other sites get the origin only,
     * never the path or query); {@code null} sends none.
     */
    public String referrerPolicy() {
        return referrerPolicy;
    }

    /** Sets the {@code Referrer-Policy}, e.g. {@code "no-referrer"}; {@code null} sends none. */
    public Settings referrerPolicy(String policy) {
        this.referrerPolicy = headerSetting("Referrer-Policy", policy);
        return this;
    }

    /**
     * The {@code X-Frame-Options} of every answer, against clickjacking (another site showing
     * this app's pages in a frame). Default {@code SAMEORIGIN}: only this app's own pages may
     * frame it; {@code "DENY"} forbids frames altogether; {@code null} sends none (to allow
     * frames from chosen sites, set {@link #contentSecurityPolicy(String)} with
     * {@code frame-ancestors} instead, which browsers prefer over this header).
     */
    public String frameOptions() {
        return frameOptions;
    }

    /** Sets {@code X-Frame-Options}: {@code "DENY"}, {@code "SAMEORIGIN"} or {@code null} for none. */
    public Settings frameOptions(String option) {
        if (option != null && !option.equalsIgnoreCase("DENY") && !option.equalsIgnoreCase("SAMEORIGIN")) {
            throw new IllegalArgumentException("frameOptions: '" + option + "' is not DENY or SAMEORIGIN (browsers "
                    + "ignore ALLOW-FROM); to allow chosen sites, use null here and contentSecurityPolicy(\"frame-ancestors "
                    + "'self' https://partner.example\")");
        }
        this.frameOptions = option == null ? null : option.toUpperCase(java.util.Locale.ROOT);
        return this;
    }

    /**
     * The {@code Content-Security-Policy} of every answer, or {@code null} (the default) for none:
     * a policy depends on what the pages load, e.g.
     * {@code "default-src 'self'; frame-ancestors 'self'"}.
     */
    public String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    /** Sets the {@code Content-Security-Policy}; {@code null} sends none. */
    public Settings contentSecurityPolicy(String policy) {
        this.contentSecurityPolicy = headerSetting("Content-Security-Policy", policy);
        return this;
    }

    /**
     * The {@code Strict-Transport-Security} (HSTS) of answers over HTTPS, telling browsers to use
     * only HTTPS for this host from now on. Sent only when {@link Request#isSecure()} (TLS, or a
     * trusted proxy's https), never over plain HTTP, and never for {@code localhost} or an IP
     * address, nor with the {@link #adhocCertificate(boolean) adhoc} development certificate, so that
     * testing HTTPS on this machine or a phone does not lock the browser out of plain HTTP. Default {@code max-age=31536000} (a year); add
     * {@code ; includeSubDomains} once every subdomain serves HTTPS; {@code null} sends none.
     */
    public String strictTransportSecurity() {
        return strictTransportSecurity;
    }

    /** Sets the {@code Strict-Transport-Security} value sent over HTTPS; {@code null} sends none. */
    public Settings strictTransportSecurity(String value) {
        this.strictTransportSecurity = headerSetting("Strict-Transport-Security", value);
        return this;
    }

    private static String headerSetting(String header, String value) {
        if (value != null) {
            if (value.isBlank()) {
                throw new IllegalArgumentException(header + " must not be blank; use null to send none");
            }
            HeaderChecks.headerValue(header, value);
        }
        return value;
    }

    // ---- Static files ----

    /** Whether {@code /static/<path:filename>} (endpoint {@code "static"}) is served. Default true. */
    public boolean serveStaticFiles() {
        return serveStaticFiles;
    }

    /**
     * Sets whether {@code /static/...} is served; turn it off before {@code register} to serve it
     * yourself.
     */
    public Settings serveStaticFiles(boolean serve) {
        this.serveStaticFiles = serve;
        return this;
    }

    /**
     * A directory on disk whose files are served at {@code /static/...}, before {@code static/} on
     * the classpath; {@code null} (the default) for the classpath only.
     */
    public Path staticDirectory() {
        return staticDirectory;
    }

    /** Sets a directory on disk served at {@code /static/...} before the classpath; {@code null} for none. */
    public Settings staticDirectory(Path directory) {
        this.staticDirectory = directory == null ? null : directory.toAbsolutePath().normalize();
        return this;
    }

    /**
     * How long browsers may use a static file without asking again ({@code Cache-Control:
     * public, max-age=...}). Default zero: {@code no-cache}, i.e. they revalidate with the ETag
     * and get a 304 when nothing changed.
     */
    public Duration staticMaxAge() {
        return staticMaxAge;
    }

    /** Sets how long browsers may use a static file without asking again; see {@link #staticMaxAge()}. */
    public Settings staticMaxAge(Duration maxAge) {
        if (maxAge == null || maxAge.isNegative()) {
            throw new IllegalArgumentException("staticMaxAge must be zero or positive, got " + maxAge);
        }
        this.staticMaxAge = maxAge;
        return this;
    }

    /**
     * Whether files whose path under {@code /static/} has a segment starting with a dot
     * ({@code .env}, {@code .git/config}, {@code css/.DS_Store}) are served. Default false: they
     * are answered 404, since such files are secrets and tool state far more often than assets.
     * {@code /static/.well-known/...} (RFC 8615) is served either way.
     */
    public boolean serveDotfiles() {
        return serveDotfiles;
    }

    /** Sets whether files under a segment starting with a dot are served; see {@link #serveDotfiles()}. */
    public Settings serveDotfiles(boolean serve) {
        this.serveDotfiles = serve;
        return this;
    }

    // ---- Compression ----

    /**
     * Whether answers are compressed when the client accepts it: gzip always, {@code br} when
     * {@code com.aayushatharva.brotli4j:brotli4j} (and its native library) is on the class path,
     * {@code zstd} when {@code com.github.luben:zstd-jni} is; negotiated by {@code Accept-Encoding}.
     * Only in-memory bodies of text, JSON, XML, JavaScript, SVG and similar types of at least
     * {@link #compressionMinSize()} bytes; never partial answers or already-compressed bodies. Static
     * files are served from a precompressed {@code name.br}/{@code name.gz} beside them when there
     * is one. Default true.
     */
    public boolean compression() {
        return compression;
    }

    /** Sets whether answers are compressed; see {@link #compression()}. */
    public Settings compression(boolean compress) {
        this.compression = compress;
        return this;
    }

    /** Bodies smaller than this are sent uncompressed (the saving would not pay for the work). Default 1024 bytes. */
    public int compressionMinSize() {
        return compressionMinSize;
    }

    /** Sets the smallest body that is compressed, in bytes (0 or more); see {@link #compressionMinSize()}. */
    public Settings compressionMinSize(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("compressionMinSize must be zero or positive, got " + bytes);
        }
        this.compressionMinSize = bytes;
        return this;
    }

    // ---- Uploads ----

    /**
     * Largest uploaded file accepted in a multipart form, in bytes; more is answered 413. The
     * whole body is also bounded by {@link #maxBodySize()}. Default 16 MiB.
     */
    public long maxFileSize() {
        return maxFileSize;
    }

    /** Sets the largest uploaded file accepted, in bytes; see {@link #maxFileSize()}. */
    public Settings maxFileSize(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("maxFileSize must be positive, got " + bytes);
        }
        this.maxFileSize = bytes;
        return this;
    }

    /** Uploaded files larger than this are kept in a temporary file, not in memory. Default 16 KiB. */
    public long uploadMemoryThreshold() {
        return uploadMemoryThreshold;
    }

    /** Sets the size above which an uploaded file goes to a temporary file instead of memory. */
    public Settings uploadMemoryThreshold(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("uploadMemoryThreshold must be zero or positive, got " + bytes);
        }
        this.uploadMemoryThreshold = bytes;
        return this;
    }

    /**
     * Where uploads above the threshold are written; deleted when the request ends.
     * {@code null} (the default) for {@code java.io.tmpdir}.
     */
    public Path uploadDirectory() {
        return uploadDirectory;
    }

    /**
     * Sets where uploads above the threshold are written; {@code null} is the system's temporary
     * directory.
     */
    public Settings uploadDirectory(Path directory) {
        this.uploadDirectory = directory;
        return this;
    }

    // ---- Request bodies and forms ----

    /**
     * Request bodies up to this size are kept in memory; a larger one is written to a temporary
     * file in {@link #uploadDirectory()} as it arrives, and deleted when the request ends (or the
     * client leaves), so memory per request stays bounded whatever {@link #maxBodySize()} allows.
     * {@code request.bodyStream()} reads either. Default 256 KiB.
     */
    public long bodyMemoryThreshold() {
        return bodyMemoryThreshold;
    }

    /** Sets the size above which a request body goes to a temporary file; see {@link #bodyMemoryThreshold()}. */
    public Settings bodyMemoryThreshold(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bodyMemoryThreshold must be zero or positive, got " + bytes);
        }
        this.bodyMemoryThreshold = bytes;
        return this;
    }

    /**
     * The most bytes of form fields read into memory: an {@code application/x-www-form-urlencoded}
     * body, or the text fields of a multipart form together (files do not count); more is 413.
     * Flask's {@code MAX_FORM_MEMORY_SIZE}. Default 500 000 bytes.
     */
    public long maxFormMemorySize() {
        return maxFormMemorySize;
    }

    /** Sets the most bytes of form fields held in memory; see {@link #maxFormMemorySize()}. */
    public Settings maxFormMemorySize(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("maxFormMemorySize must be positive, got " + bytes);
        }
        this.maxFormMemorySize = bytes;
        return this;
    }

    /** The most parts (fields and files) a multipart form may have; more is 413. Flask's {@code MAX_FORM_PARTS}. Default 1000. */
    public int maxFormParts() {
        return maxFormParts;
    }

    /** Sets the most parts a multipart form may have; see {@link #maxFormParts()}. */
    public Settings maxFormParts(int parts) {
        this.maxFormParts = positive("maxFormParts", parts);
        return this;
    }

    // ---- Operations: access log, request ids, health and readiness ----

    /**
     * The access log's format: one line per request at INFO on the logger {@code io.microflask.access}
     * ({@link AccessLogFormat}). Default {@link AccessLogFormat#OFF}, except that debug mode then
     * writes {@link AccessLogFormat#COMMON} lines (and with the logger at DEBUG level, production
     * does too, at DEBUG). {@code MICROFLASK_ACCESS_LOG} ({@code common}, {@code combined},
     * {@code json}, {@code off}) sets it without code.
     */
    public AccessLogFormat accessLog() {
        return accessLog;
    }

    /** Sets the access log's format; see {@link #accessLog()}. */
    public Settings accessLog(AccessLogFormat format) {
        this.accessLog = Objects.requireNonNull(format, "accessLog must not be null (AccessLogFormat.OFF turns it off)");
        return this;
    }

    /**
     * The header that carries a request id. Taken from the request only when it comes from one of
     * the {@link #trustedProxies(String...) trusted proxies} and is 1 to 128 characters of letters,
     * digits and {@code -_.:+/=}; otherwise the server generates one. Either way the answer echoes it
     * in this header, {@link Request#requestId()} gives it to handlers, the access log writes it,
     * and the SLF4J MDC holds it as {@code requestId} while the handler and its hooks run.
     * Default {@code X-Request-Id}.
     */
    public String requestIdHeader() {
        return requestIdHeader;
    }

    /** Sets the request id header; see {@link #requestIdHeader()}. */
    public Settings requestIdHeader(String header) {
        if (header == null || !header.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("requestIdHeader must be a header name of letters, digits and '-', got "
                    + (header == null ? "null" : "'" + header + "'"));
        }
        this.requestIdHeader = header;
        return this;
    }

    /**
     * The liveness path ({@code /healthz} in the notes sample): {@code 200 {"status":"up"}} while the
     * process serves, draining included, so that an orchestrator does not restart an instance that
     * is only stopping. Default {@code null}: no such route.
     */
    public String healthPath() {
        return healthPath;
    }

    /** Sets the liveness path, e.g. {@code "/healthz"}; {@code null} removes it. See {@link #healthPath()}. */
    public Settings healthPath(String path) {
        this.healthPath = operationsPath("healthPath", path);
        return this;
    }

    /**
     * The readiness path ({@code /readyz} in the notes sample): {@code 200} when every check added
     * with {@code App.readinessCheck} passes, {@code 503} when one fails or the server is draining
     * (see {@link #drainPeriod()}); the JSON body names each check and whether it is up. Default
     * {@code null}: no such route.
     */
    public String readinessPath() {
        return readinessPath;
    }

    /** Sets the readiness path, e.g. {@code "/readyz"}; {@code null} removes it. See {@link #readinessPath()}. */
    public Settings readinessPath(String path) {
        this.readinessPath = operationsPath("readinessPath", path);
        return this;
    }

    /**
     * How long a stopping server keeps serving, with readiness answering 503 and every answer
     * carrying {@code Connection: close}, before it closes its listening socket: the time a load
     * balancer needs to see the instance is not ready and send new requests elsewhere. Then the
     * shutdown goes on as usual ({@link #shutdownTimeout()}). Default zero: the listener closes at
     * once. {@code MICROFLASK_DRAIN_PERIOD} (seconds) sets it without code.
     */
    public Duration drainPeriod() {
        return drainPeriod;
    }

    /** Sets the drain period; see {@link #drainPeriod()}. */
    public Settings drainPeriod(Duration period) {
        this.drainPeriod = notNegative("drainPeriod", period);
        return this;
    }

    private static String operationsPath(String name, String path) {
        if (path != null && (!path.startsWith("/") || !path.matches("/[A-Za-z0-9._~/-]*"))) {
            throw new IllegalArgumentException(name + " must be a path starting with '/' of letters, digits and "
                    + "-._~/ (e.g. \"/healthz\"), got '" + path + "'");
        }
        return path;
    }

    // ---- Debug and development ----

    /**
     * Whether debug details (stack traces, source, the route list, live reload) are shown to
     * clients that are not on this machine. Default false: they get the production page. This is
     * the client-address half of the decision only ({@link Request#mayShowDebugDetails()}): the
     * request must still ask for a debug host ({@link #debugHosts()}), so a phone on the LAN that
     * opens {@code http://192.168.1.23:5000} also needs {@code debugHosts("192.168.1.23")}.
     */
    public boolean showDebugToRemoteClients() {
        return showDebugToRemoteClients;
    }

    /**
     * Sets whether debug details are shown to clients on other machines; keep it off unless you
     * must. It does not lift the Host check; see {@link #showDebugToRemoteClients()}.
     */
    public Settings showDebugToRemoteClients(boolean show) {
        this.showDebugToRemoteClients = show;
        return this;
    }

    /**
     * Hosts, beyond {@code localhost}, {@code 127.0.0.1} and {@code [::1]} (any port), for which
     * debug details are shown: the request's host must be one of these, as well as its client being
     * allowed ({@link #showDebugToRemoteClients()}), for the debug error page, the route list, the
     * reload-problem page and live reload. Default: none. This is the guard against DNS
     * rebinding: a page on {@code evil.example} whose name resolves to 127.0.0.1 reaches the server
     * from a loopback address, but its requests carry {@code Host: evil.example}. Entries are
     * written as in {@link #trustedHosts(String...)}.
     */
    public List<String> debugHosts() {
        return debugHosts.entries();
    }

    /**
     * Adds these hosts to those for which debug details are shown (e.g. a name in
     * {@code /etc/hosts} or the LAN address a phone uses); see {@link #debugHosts()}. No entry
     * leaves only the loopback names.
     */
    public Settings debugHosts(String... hosts) {
        try {
            this.debugHosts = HostAllowList.of(List.of(hosts));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("settings().debugHosts(...): " + e.getMessage(), e);
        }
        return this;
    }

    /**
     * Whether a request for {@code host} (a Host value) may be shown debug details, as far as its
     * host goes: {@code localhost}, {@code 127.0.0.1}, {@code [::1]} or one of {@link #debugHosts()}.
     */
    public boolean isDebugHost(String host) {
        return HostNames.isLoopbackName(host) || debugHosts.matches(host);
    }

    /**
     * Whether a server whose port is in use starts on the nearest free port instead of failing
     * (the banner shows which). Default false, as in Flask: failing loudly is the safer surprise.
     */
    public boolean fallbackToFreePort() {
        return fallbackToFreePort;
    }

    /** Sets whether a port in use makes the server start on the nearest free port instead of failing. */
    public Settings fallbackToFreePort(boolean fallback) {
        this.fallbackToFreePort = fallback;
        return this;
    }

    /**
     * The instance folder: what this app keeps on this machine rather than in its source, as in
     * Flask. In debug mode, when no secret key is set, the development key that signs sessions is
     * generated into {@code secret_key} there (readable by the owner only, where the file system
     * allows) and reused on later runs, so sessions survive restarts. Default {@code instance},
     * relative to the working directory; keep it out of version control.
     */
    public Path instancePath() {
        return instancePath;
    }

    /** Sets the instance folder; see {@link #instancePath()}. */
    public Settings instancePath(Path path) {
        this.instancePath = Objects.requireNonNull(path, "instancePath: give a directory, e.g. Path.of(\"instance\")");
        return this;
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
