package io.microflask.staticfiles;

import io.microflask.HttpException;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;
import io.microflask.Settings;
import io.microflask.util.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves {@code /static/<path:filename>} (endpoint {@code "static"}, so
 * {@code urlFor("static", Map.of("filename", "style.css"))} works as in Flask) from
 * {@code settings().staticDirectory()} when set, then from {@code static/} on the classpath.
 *
 * <p>Answers carry {@code ETag} and {@code Last-Modified} (and 304 when the client's copy is
 * current), honour single {@code Range} requests (206, or 416 when out of bounds), and files on
 * disk are sent without passing through the heap. A path that could leave the static root (a
 * {@code ..} segment, an encoded slash or backslash, a NUL, a drive letter, an empty segment) is
 * a 404, whatever its encoding. So is a dotfile ({@code .env}, {@code .git/config}: any segment
 * that starts with a dot, {@code .well-known/} at the root excepted) unless
 * {@code settings().serveDotfiles(true)}.
 */
public final class StaticFiles {
    private static final Logger log = LoggerFactory.getLogger(StaticFiles.class);
    private static final String CLASSPATH_ROOT = "static/";
    private static final String WELL_KNOWN = ".well-known";
    /**
     * Classpath resources in jars are kept in memory up to this size each; larger ones are read per
     * request.
     */
    private static final int MAX_CACHED_SIZE = 1 << 20;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final Settings settings;
    private final ClassLoader classLoader;
    private final String classpathRoot;
    private final int mountSegments;
    private final Map<String, MemoryResource> jarCache = new ConcurrentHashMap<>();

    /** Static files from {@code settings().staticDirectory()} and {@code classLoader}'s {@code static/}. */
    public StaticFiles(Settings settings, ClassLoader classLoader) {
        this(settings, classLoader, CLASSPATH_ROOT, 0);
    }

    private StaticFiles(Settings settings, ClassLoader classLoader, String classpathRoot, int mountSegments) {
        this.settings = settings;
        this.classLoader = classLoader;
        this.classpathRoot = classpathRoot;
        this.mountSegments = mountSegments;
    }

    /**
     * A blueprint's static folder: the files under {@code folder} on the classpath (e.g.
     * {@code "admin/static"}), served at {@code <mount>/static/<path:filename>} by a blueprint
     * mounted {@code mountSegments} path segments deep. {@code settings().staticDirectory()} is
     * the app's, not used here.
     */
    public static StaticFiles folder(Settings settings, ClassLoader classLoader, String folder, int mountSegments) {
        String root = folder.replace('\\', '/');
        while (root.startsWith("/")) {
            root = root.substring(1);
        }
        if (root.isEmpty() || root.contains("..")) {
            throw new IllegalArgumentException("a static folder is a classpath directory such as \"admin/static\", got '"
                    + folder + "'");
        }
        return new StaticFiles(settings, classLoader, root.endsWith("/") ? root : root + "/", mountSegments);
    }

    /** A static file, found on disk or in memory. */
    private sealed interface Resource permits FileResource, MemoryResource {
        long size();

        long lastModifiedMillis();

        String etag();
    }

    private record FileResource(Path path, long size, long lastModifiedMillis) implements Resource {
        /** The entity tag of this file's content. */
        public String etag() {
            return "\"" + Long.toHexString(size) + "-" + Long.toHexString(lastModifiedMillis) + "\"";
        }
    }

    private record MemoryResource(byte[] bytes, long lastModifiedMillis, String etag) implements Resource {
        /** The size in bytes. */
        public long size() {
            return bytes.length;
        }
    }

    @Route(value = "/static/<path:filename>", endpoint = "static")
    /** The answer for {@code /static/<path:filename>}: the file, 304, 206, 416 or 404. */
    public Response serve(Request request) {
        List<String> segments = request.segments();
        // Under a blueprint's mount, the path starts with the mount's segments.
        segments = mountSegments == 0 || segments.size() < mountSegments ? segments
                : segments.subList(mountSegments, segments.size());
        String relative = safeRelativePath(segments);
        if (relative != null && !settings.serveDotfiles() && hasDotfile(segments)) {
            log.debug("{} names a dotfile; not served (settings().serveDotfiles(true) would serve it)", request.path());
            relative = null;
        }
        Resource resource = relative == null ? null : find(relative);
        if (resource == null) {
            throw new HttpException(404, "The requested URL " + request.path() + " was not found on this server.");
        }
        return answer(request, resource, ContentTypes.of(relative));
    }

    /**
     * The path below {@code /static/} joined from decoded segments, or {@code null} when any
     * segment could name something outside the static root. Segments are checked after
     * percent-decoding, so {@code %2e%2e}, {@code %2f} and {@code %5c} are caught like their plain forms.
     */
    static String safeRelativePath(List<String> segments) {
        if (segments.size() < 2 || !segments.get(0).equals("static")) {
            return null;
        }
        StringBuilder relative = new StringBuilder();
        for (int i = 1; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return null;
            }
            for (int c = 0; c < segment.length(); c++) {
                char ch = segment.charAt(c);
                if (ch == '/' || ch == '\\' || ch == ':' || ch < 0x20 || ch == 0x7f) {
                    return null;
                }
            }
            if (i > 1) {
                relative.append('/');
            }
            relative.append(segment);
        }
        return relative.toString();
    }

    /**
     * Whether a segment below {@code /static/} starts with a dot ({@code .env}, {@code .git/config},
     * {@code css/.DS_Store}): such files are secrets or tool state far more often than assets. A
     * {@code .well-known} directory at the root (RFC 8615: {@code security.txt}, ACME challenges)
     * is no dotfile here, though a dotfile inside it is.
     */
    static boolean hasDotfile(List<String> segments) {
        for (int i = 1; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.startsWith(".") && !(i == 1 && segment.equals(WELL_KNOWN) && segments.size() > 2)) {
                return true;
            }
        }
        return false;
    }

    private Resource find(String relative) {
        Path directory = classpathRoot.equals(CLASSPATH_ROOT) ? settings.staticDirectory() : null;
        if (directory != null) {
            Resource onDisk = fromDirectory(directory, relative);
            if (onDisk != null) {
                return onDisk;
            }
        }
        return fromClasspath(relative);
    }

    private static Resource fromDirectory(Path root, String relative) {
        Path candidate = root.resolve(relative).normalize();
        if (!candidate.startsWith(root)) {
            return null;
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(candidate, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return null;
            }
            // A symbolic link inside the root must not lead out of it.
            if (!candidate.toRealPath().startsWith(root.toRealPath())) {
                log.debug("static file {} resolves outside {}; not served", LogSafe.text(candidate), root);
                return null;
            }
            return new FileResource(candidate, attributes.size(), attributes.lastModifiedTime().toMillis());
        } catch (IOException e) {
            return null;
        }
    }

    private Resource fromClasspath(String relative) {
        MemoryResource cached = jarCache.get(relative);
        if (cached != null) {
            return cached;
        }
        URL url = classLoader.getResource(classpathRoot + relative);
        if (url == null) {
            return null;
        }
        try {
            if (url.getProtocol().equals("file")) {
                // Classes directories in development: served from disk like staticDirectory.
                Path root = Path.of(url.toURI());
                for (int i = relative.split("/").length; i > 0; i--) {
                    root = root.getParent();
                }
                return fromDirectory(root, relative);
            }
            URLConnection connection = url.openConnection();
            if (connection instanceof JarURLConnection jar && (jar.getJarEntry() == null
                    || jar.getJarEntry().isDirectory())) {
                return null;
            }
            connection.setUseCaches(false);
            byte[] bytes;
            try (InputStream in = connection.getInputStream()) {
                bytes = in.readAllBytes();
            }
            MemoryResource resource = new MemoryResource(bytes, connection.getLastModified(), digestTag(bytes));
            if (bytes.length <= MAX_CACHED_SIZE) {
                jarCache.put(relative, resource);
            }
            return resource;
        } catch (IOException | URISyntaxException | RuntimeException e) {
            log.debug("static resource {} could not be read: {}", LogSafe.text(url), LogSafe.text(e));
            return null;
        }
    }

    private static String digestTag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response answer(Request request, Resource resource, String contentType) {
        String etag = resource.etag();
        long lastModifiedSeconds = resource.lastModifiedMillis() / 1000;
        String lastModified = resource.lastModifiedMillis() > 0
                ? HTTP_DATE.format(ZonedDateTime.ofInstant(Instant.ofEpochSecond(lastModifiedSeconds), ZoneOffset.UTC))
                : null;

        if (notModified(request, etag, lastModifiedSeconds)) {
            return validators(Response.of(304), etag, lastModified);
        }
        long size = resource.size();
        String range = request.header("Range");
        if (range != null && request.method().equals("GET") && size >= 0
                && rangeStillApplies(request.header("If-Range"), etag, lastModified)) {
            long[] bounds = parseRange(range, size);
            if (bounds == UNSATISFIABLE) {
                return validators(Response.of(416), etag, lastModified)
                        .header("Content-Range", "bytes */" + size)
                        .contentType("text/plain; charset=utf-8")
                        .body("The requested range is not within the file's " + size + " bytes.");
            }
            if (bounds != null) {
                long start = bounds[0];
                long length = bounds[1] - bounds[0] + 1;
                Response partial = body(resource, contentType, start, length).status(206)
                        .header("Content-Range", "bytes " + start + "-" + bounds[1] + "/" + size);
                return validators(partial, etag, lastModified);
            }
        }
        return validators(body(resource, contentType, 0, size), etag, lastModified);
    }

    private static Response body(Resource resource, String contentType, long offset, long length) {
        if (resource instanceof FileResource file && length > 0) {
            return Response.file(file.path(), contentType).bodyFile(file.path(), offset, length);
        }
        byte[] bytes = resource instanceof MemoryResource memory ? memory.bytes() : new byte[0];
        byte[] slice = offset == 0 && length == bytes.length ? bytes
                : java.util.Arrays.copyOfRange(bytes, (int) offset, (int) (offset + length));
        return new Response(200).contentType(contentType).body(slice);
    }

    private Response validators(Response response, String etag, String lastModified) {
        response.header("ETag", etag).header("Accept-Ranges", "bytes");
        if (lastModified != null) {
            response.header("Last-Modified", lastModified);
        }
        long maxAge = settings.staticMaxAge().toSeconds();
        response.header("Cache-Control", maxAge > 0 ? "public, max-age=" + maxAge : "no-cache");
        return response;
    }

    /** RFC 9110 §13.2.2: If-None-Match wins over If-Modified-Since. */
    private static boolean notModified(Request request, String etag, long lastModifiedSeconds) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return false;
        }
        String ifNoneMatch = request.header("If-None-Match");
        if (ifNoneMatch != null) {
            for (String candidate : ifNoneMatch.split(",")) {
                String tag = candidate.trim();
                if (tag.equals("*") || weakless(tag).equals(weakless(etag))) {
                    return true;
                }
            }
            return false;
        }
        String ifModifiedSince = request.header("If-Modified-Since");
        if (ifModifiedSince != null && lastModifiedSeconds > 0) {
            try {
                long since = ZonedDateTime.parse(ifModifiedSince.trim(), HTTP_DATE).toEpochSecond();
                return lastModifiedSeconds <= since;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }

    private static String weakless(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /** An If-Range that names another version means "send it all". */
    private static boolean rangeStillApplies(String ifRange, String etag, String lastModified) {
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.trim();
        return value.equals(etag) || (lastModified != null && value.equals(lastModified));
    }

    private static final long[] UNSATISFIABLE = new long[0];

    /**
     * {@code {first, last}} of a single byte range, {@link #UNSATISFIABLE}, or {@code null} for a
     * header to ignore (malformed, or several ranges: the whole file is then sent, as RFC 9110
     * allows).
     */
    static long[] parseRange(String header, long size) {
        String value = header.trim();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return null;
        }
        String spec = value.substring(6).trim();
        if (spec.contains(",")) {
            return null;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String first = spec.substring(0, dash).trim();
        String last = spec.substring(dash + 1).trim();
        try {
            if (first.isEmpty()) {
                if (last.isEmpty() || !digits(last)) {
                    return null;
                }
                long suffix = Long.parseLong(last);
                if (suffix == 0 || size == 0) {
                    return UNSATISFIABLE;
                }
                return new long[]{Math.max(0, size - suffix), size - 1};
            }
            if (!digits(first) || (!last.isEmpty() && !digits(last))) {
                return null;
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? size - 1 : Long.parseLong(last);
            if (end < start) {
                return null;
            }
            if (start >= size) {
                return UNSATISFIABLE;
            }
            return new long[]{start, Math.min(end, size - 1)};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean digits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return !text.isEmpty() && text.length() <= 18;
    }
}
