package io.microflask.util;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Folders on the classpath that hold files rather than classes (a blueprint's static files or
 * templates): their names, and the folder of the source tree a build copied one from, which debug
 * mode reads so that an edit shows without a build.
 */
public final class ClasspathFolders {
    private ClasspathFolders() {
    }

    /**
     * {@code folder} as a classpath folder name: forward slashes, no slash at either end, e.g.
     * {@code "admin/static"} for {@code "/admin/static/"}.
     *
     * @param what what the folder is for, for the message, e.g. {@code "Blueprint.templateFolder"}
     * @throws IllegalArgumentException when it is empty or climbs out with {@code ..}
     */
    public static String normalize(String folder, String what) {
        String name = folder == null ? "" : folder.replace('\\', '/');
        int start = 0;
        int end = name.length();
        while (start < end && name.charAt(start) == '/') {
            start++;
        }
        while (end > start && name.charAt(end - 1) == '/') {
            end--;
        }
        name = name.substring(start, end);
        if (name.isEmpty() || ("/" + name + "/").contains("/../") || ("/" + name + "/").contains("/./")
                || name.contains("//")) {
            throw new IllegalArgumentException(what + "(\"" + folder + "\"): give a folder on the classpath such as "
                    + "\"admin/static\" (that is src/main/resources/admin/static), without '.' or '..' segments");
        }
        return name;
    }

    /**
     * The source folder a build copied the classpath folder {@code folder} from, when
     * {@code loader} finds it in a Maven or Gradle main output directory on disk
     * ({@code PROJECT/target/classes/admin/static} or {@code PROJECT/build/resources/main/admin/static}
     * come from {@code PROJECT/src/main/resources/admin/static}) and that source folder exists;
     * {@code null} otherwise (a jar, another layout, no such folder).
     *
     * @param folder a folder name as {@link #normalize} returns it
     */
    public static Path sourceFolder(ClassLoader loader, String folder) {
        URL url = loader.getResource(folder);
        if (url == null || !"file".equals(url.getProtocol())) {
            return null;
        }
        try {
            Path output = Path.of(url.toURI()).toAbsolutePath().normalize();
            for (int segments = folder.split("/").length; segments > 0 && output != null; segments--) {
                output = output.getParent();
            }
            Path resources = output == null ? null : sourceResources(output);
            Path source = resources == null ? null : resources.resolve(folder);
            return source != null && Files.isDirectory(source) ? source : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code src/main/resources} beside a main output directory, or {@code null} for another directory. */
    private static Path sourceResources(Path output) {
        Path parent = output.getParent();
        if (parent == null || parent.getParent() == null || output.getFileName() == null
                || parent.getFileName() == null) {
            return null;
        }
        String name = output.getFileName().toString();
        String parentName = parent.getFileName().toString();
        Path project;
        if (name.equals("classes") && parentName.equals("target")) {
            project = parent.getParent();
        } else if (name.equals("main") && parentName.equals("resources") && parent.getParent().getParent() != null
                && parent.getParent().getFileName().toString().equals("build")) {
            project = parent.getParent().getParent();
        } else {
            return null;
        }
        return project.resolve("src").resolve("main").resolve("resources");
    }
}
