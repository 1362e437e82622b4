package io.microflask.staticfiles;

import io.microflask.HttpException;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;
import io.microflask.Settings;
import io.microflask.util.AcceptEncoding;
import io.microflask.util.ClasspathFolders;
import io.microflask.util.EntityTags;
import io.microflask.util.HttpDates;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Serves {@code /static/<path:filename>} (endpoint {@code "static"}, so
 * {@code urlFor("static", Map.of("filename", "style.css"))} works as in Flask) from
 * {@code settings().staticDirectory()} when set, then from {@code static/} on the classpath; in
 * debug mode from the source folder of {@code static/} ({@code src/main/resources/static}) before
 * the classpath, so that edits show without a build. {@link #folder} serves a blueprint's folder alike.
 *
 * <p>Answers carry {@code ETag} and {@code Last-Modified}; 304, 206 (several ranges as
 * {@code multipart/byteranges}) and 416 are answered by the request's last step, as for every
 * {@code Response.file}; files on disk are sent without passing through the heap. When the client
 * accepts it, a precompressed sibling ({@code style.css.br}, {@code .zst}, {@code .gz}) is sent
 * instead of the file, with its {@code Content-Encoding}. A path that could leave the static root (a
 * {@code ..} segment, an encoded slash or backslash, a NUL, a drive letter, an empty segment) is
 * a 404, whatever its encoding. So is a dotfile ({@code .env}, {@code .git/config}: any segment
 * that starts with a dot, {@code .well-known/} at the root excepted) unless
 * {@code settings().serveDotfiles(true)}.
 */
public final class StaticFiles {
    private static final Logger log = LoggerFactory.getLogger(StaticFiles.class);
    private static final String CLASSPATH_ROOT = "static/";
    private static final String WELL_KNOWN = ".well-known";
    /** Precompressed siblings looked for, by coding, in the server's order of preference. */
    private static final Map<String, String> PRECOMPRESSED = orderedSuffixes();
    /**
     * Classpath resources in jars are kept in memory up to this size each; larger ones are read per
     * request.
     */
    private static final int MAX_CACHED_SIZE = 1 << 20;

    private final Settings settings;
    private final ClassLoader classLoader;
    private final String classpathRoot;
    private final int mountSegments;
    private final BooleanSupplier debug;
    private final Map<String, MemoryResource> jarCache = new ConcurrentHashMap<>();
    private volatile Path sourceRoot;

    /**
     * Static files from {@code settings().staticDirectory()} and {@code classLoader}'s {@code static/};
     * while {@code debug} says so, from the source folder of {@code static/} before the classpath
     * (see {@link #find}).
     */
    public StaticFiles(Settings settings, ClassLoader classLoader, BooleanSupplier debug) {
        this(settings, classLoader, CLASSPATH_ROOT, 0, debug);
    }

    private StaticFiles(Settings settings, ClassLoader classLoader, String classpathRoot, int mountSegments,
                        BooleanSupplier debug) {
        this.settings = settings;
        this.classLoader = classLoader;
        this.classpathRoot = classpathRoot;
        this.mountSegments = mountSegments;
        this.debug = debug;
    }

    /**
     * A blueprint's static folder: the files under {@code folder} on the classpath (e.g.
     * {@code "admin/static"}), served at {@code <mount>/static/<path:filename>} by a blueprint
     * mounted {@code mountSegments} path segments deep; read from its source folder first while
     * {@code debug} says so, as the app's. {@code settings().staticDirectory()} is the app's, not used here.
     */
    public static StaticFiles folder(Settings settings, ClassLoader classLoader, String folder, int mountSegments,
                                     BooleanSupplier debug) {
        String root = ClasspathFolders.normalize(folder, "Blueprint.staticFolder");
        return new StaticFiles(settings, classLoader, root + "/", mountSegments, debug);
    }

    private static Map<String, String> orderedSuffixes() {
        Map<String, String> suffixes = new LinkedHashMap<>();
        suffixes.put("br", ".br");
        suffixes.put("zstd", ".zst");
        suffixes.put("gzip", ".gz");
        return Collections.unmodifiableMap(suffixes);
    }

    /** A static file, found on disk or in memory. */
    private sealed interface Resource permits FileResource, MemoryResource {
    }

    private record FileResource(Path path) implements Resource {
    }

    private record MemoryResource(byte[] bytes, long lastModifiedMillis, String etag) implements Resource {
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
        String contentType = ContentTypes.of(relative);
        Response precompressed = precompressed(request, relative, contentType);
        return precompressed != null ? precompressed : answer(resource, contentType);
    }

    /**
     * The answer from {@code name.br}, {@code name.zst} or {@code name.gz} beside the file, when the
     * client accepts that coding and such a file exists; {@code null} otherwise. Only looked for beside
 * files of a compressible type, so images and archives cost no extra look-ups. A request for a
     * range gets the file itself, so that its offsets mean what the client thinks.
     */
    private Response precompressed(Request request, String relative, String contentType) {
        String accepted = request.header("Accept-Encoding");
        if (!settings.compression() || accepted == null || request.header("Range") != null
                || !AcceptEncoding.isCompressible(contentType)) {
            return null;
        }
        List<String> codings = new ArrayList<>(PRECOMPRESSED.size());
        List<Resource> variants = new ArrayList<>(PRECOMPRESSED.size());
        for (Map.Entry<String, String> candidate : PRECOMPRESSED.entrySet()) {
            Resource variant = find(relative + candidate.getValue());
            if (variant != null) {
                codings.add(candidate.getKey());
                variants.add(variant);
            }
        }
        String coding = AcceptEncoding.choose(accepted, codings);
        if (coding == null) {
            return null;
        }
        return answer(variants.get(codings.indexOf(coding)), contentType).header("Content-Encoding", coding)
                .header("Vary", "Accept-Encoding");
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

    /**
     * The file: from {@code settings().staticDirectory()} (the app's only); in debug mode from the
     * source folder the build copied this folder from ({@code src/main/resources/static} for
     * {@code target/classes/static}), so that an edit shows without a build, as templates do;
     * then from the classpath.
     */
    private Resource find(String relative) {
        Path directory = classpathRoot.equals(CLASSPATH_ROOT) ? settings.staticDirectory() : null;
        if (directory != null) {
            Resource onDisk = fromDirectory(directory, relative);
            if (onDisk != null) {
                return onDisk;
            }
        }
        if (debug.getAsBoolean()) {
            Path source = sourceRoot();
            Resource fresh = source == null ? null : fromDirectory(source, relative);
            if (fresh != null) {
                return fresh;
            }
        }
        return fromClasspath(relative);
    }

    private Path sourceRoot() {
        Path found = sourceRoot;
        if (found == null) {
            found = ClasspathFolders.sourceFolder(classLoader, classpathRoot.substring(0, classpathRoot.length() - 1));
            sourceRoot = found;
        }
        return found;
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
            return new FileResource(candidate);
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
            MemoryResource resource = new MemoryResource(bytes, connection.getLastModified(),
                    EntityTags.ofContent(bytes, 0, bytes.length));
            if (bytes.length <= MAX_CACHED_SIZE) {
                jarCache.put(relative, resource);
            }
            return resource;
        } catch (IOException | URISyntaxException | RuntimeException e) {
            log.debug("static resource {} could not be read: {}", LogSafe.text(url), LogSafe.text(e));
            return null;
        }
    }


    private Response answer(Resource resource, String contentType) {
        Response response;
        if (resource instanceof FileResource file) {
            // Validators, 304, 206 and 416 come from the request's last step, as for any Response.file.
            response = Response.file(file.path(), contentType);
        } else {
            MemoryResource memory = (MemoryResource) resource;
            response = new Response(200).contentType(contentType).body(memory.bytes())
                    .header("ETag", memory.etag()).header("Accept-Ranges", "bytes");
            if (memory.lastModifiedMillis() > 0) {
                response.header("Last-Modified", HttpDates.format(memory.lastModifiedMillis()));
            }
        }
        long maxAge = settings.staticMaxAge().toSeconds();
        return response.header("Cache-Control", maxAge > 0 ? "public, max-age=" + maxAge : "no-cache");
    }
}
