package io.microflask.devtools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the app's own classes afresh: a class whose {@code .class} file is in one of the
 * directories (newest compile first, then the app's class output directories) is defined here,
 * child-first; everything else (microflask, libraries, the JDK) comes from the parent, so there
 * is one copy of the framework and the new classes see the same {@code App}, {@code Request}...
 *
 * <p>Each reload makes a new loader; the old one and its classes become garbage once no
 * handler refers to them.
 */
final class ReloadingClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final List<Path> generations;
    private final List<Path> classDirs;
    private final List<Path> searchOrder;
    private final Map<Path, ProtectionDomain> domains = new ConcurrentHashMap<>();

    /**
     * @param generations the output directories of in-process compiles, newest first
     * @param classDirs   the app's class output directories (Maven's or the IDE's)
     */
    ReloadingClassLoader(List<Path> generations, List<Path> classDirs, ClassLoader parent) {
        super("microflask-reload", parent);
        this.generations = List.copyOf(generations);
        this.classDirs = List.copyOf(classDirs);
        List<Path> order = new ArrayList<>(generations);
        order.addAll(classDirs);
        this.searchOrder = List.copyOf(order);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                Path dir = directoryOf(name);
                if (dir == null) {
                    return super.loadClass(name, resolve);
                }
                loaded = define(name, dir);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        Path dir = directoryOf(name);
        if (dir == null) {
            throw new ClassNotFoundException(name);
        }
        return define(name, dir);
    }

    /** Whether this loader defines the class itself (it is one of the app's). */
    boolean owns(String className) {
        return directoryOf(className) != null;
    }

    /**
     * The app's class output directory of a class: where an IDE or Maven put it, or for a class
     * that exists only in a fresh compile, the first class output directory.
     */
    Path originalDirectoryOf(String className) {
        String file = classFile(className);
        for (Path dir : classDirs) {
            if (Files.isRegularFile(dir.resolve(file))) {
                return dir;
            }
        }
        return classDirs.isEmpty() ? null : classDirs.get(0);
    }

    List<Path> generations() {
        return generations;
    }

    private Path directoryOf(String className) {
        String file = classFile(className);
        for (Path dir : searchOrder) {
            if (Files.isRegularFile(dir.resolve(file))) {
                return dir;
            }
        }
        return null;
    }

    private Class<?> define(String name, Path dir) throws ClassNotFoundException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve(classFile(name)));
        } catch (IOException e) {
            throw new ClassNotFoundException(name + ": could not read " + dir.resolve(classFile(name)) + ": " + e, e);
        }
        int lastDot = name.lastIndexOf('.');
        if (lastDot > 0) {
            String packageName = name.substring(0, lastDot);
            if (getDefinedPackage(packageName) == null) {
                try {
                    definePackage(packageName, null, null, null, null, null, null, null);
                } catch (IllegalArgumentException alreadyDefinedConcurrently) {
                    // another thread defined it first: fine
                }
            }
        }
        return defineClass(name, bytes, 0, bytes.length, domains.computeIfAbsent(dir, this::domain));
    }

    private ProtectionDomain domain(Path dir) {
        try {
            return new ProtectionDomain(new CodeSource(dir.toUri().toURL(), (Certificate[]) null), null, this, null);
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected URL findResource(String name) {
        for (Path dir : searchOrder) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    return file.toUri().toURL();
                } catch (MalformedURLException e) {
                    return null;
                }
            }
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        List<URL> found = new ArrayList<>();
        for (Path dir : searchOrder) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    found.add(file.toUri().toURL());
                } catch (MalformedURLException e) {
                    // not a usable file URL: skip it
                }
            }
        }
        return Collections.enumeration(found);
    }

    static String classFile(String className) {
        return className.replace('.', '/') + ".class";
    }
}
