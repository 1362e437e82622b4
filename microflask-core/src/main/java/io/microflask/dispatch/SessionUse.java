package io.microflask.dispatch;

import io.microflask.Session;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds out, at start and without running a request, whether an app uses sessions, so that a
 * production server without a secret key can refuse to start. An object uses them when its class
 * (or a superclass):
 * <ul>
 *   <li>declares a method with a {@link Session} parameter (a handler or hook taking one), or</li>
 *   <li>calls {@code Request.session()}, {@code flash(...)}, {@code flashes(...)} or {@code csrfToken()}, or any
 *       method of {@code Session}, which its class file's constant pool shows as a method
 *       reference. Lambdas are compiled into their class, so their calls count too.</li>
 * </ul>
 * A hook given as a lambda or method reference counts when the class that defines it does. What
 * this cannot see: sessions used only by other classes the handlers call (a helper that is handed
 * the request), and templates; an app declares those with {@code settings().usesSessions(true)}.
 * The class file is read through the class's own loader; one that cannot be read counts as not
 * using sessions.
 */
final class SessionUse {
    private static final String REQUEST = "io/microflask/Request";
    private static final String SESSION = "io/microflask/Session";
    private static final Set<String> REQUEST_SESSION_METHODS = Set.of("session", "flash", "flashes", "csrfToken");
    private static final int MAGIC = 0xCAFEBABE;

    private SessionUse() {
    }

    /**
     * Where the first of {@code objects} uses sessions, e.g. {@code "com.example.Pages calls
     * Request.flash"}, or {@code null}.
     */
    static String find(Collection<?> objects) {
        Set<Class<?>> seen = new HashSet<>();
        for (Object object : objects) {
            for (Class<?> type = object.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
                if (!seen.add(type)) {
                    continue;
                }
                String use = inClass(type);
                if (use != null) {
                    return use;
                }
            }
        }
        return null;
    }

    /** How {@code type} itself uses sessions, or {@code null}. */
    static String inClass(Class<?> type) {
        if (!type.isHidden()) {
            // Sorted: the JVM gives declared methods in no fixed order, and the message should not vary.
            String taking = Arrays.stream(type.getDeclaredMethods())
                    .filter(method -> Arrays.asList(method.getParameterTypes()).contains(Session.class))
                    .map(HandlerNames::describe).sorted().findFirst().orElse(null);
            if (taking != null) {
                return taking + " takes a Session";
            }
        }
        String className = classFileOf(type);
        String call = sessionCall(type.getClassLoader(), className);
        return call == null ? null : className + " calls " + call;
    }

    /** The binary name whose class file holds {@code type}'s code: a lambda's is the class that defines it. */
    private static String classFileOf(Class<?> type) {
        String name = type.getName();
        int lambda = name.indexOf("$$Lambda");
        return type.isHidden() && lambda > 0 ? name.substring(0, lambda) : name;
    }

    /** The first session call in the class file of {@code className}, e.g. {@code "Request.flash"}, or {@code null}. */
    private static String sessionCall(ClassLoader loader, String className) {
        if (loader == null) {
            return null; // the JDK's own classes
        }
        try (InputStream in = loader.getResourceAsStream(className.replace('.', '/') + ".class")) {
            return in == null ? null : sessionCall(new DataInputStream(in));
        } catch (IOException | RuntimeException e) {
            return null; // unreadable or of a format this does not know: the setting covers it
        }
    }

    /**
     * Reads the constant pool (JVMS §4.4) and looks for a method reference to {@code Request}'s
     * session methods or to any method of {@code Session}.
     */
    static String sessionCall(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            return null;
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNames = new int[count];
        int[] nameAndTypeNames = new int[count];
        int[][] methodRefs = new int[count][];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // takes two entries
                }
                case 7 -> classNames[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 9 -> in.readInt();
                case 10, 11 -> methodRefs[i] = new int[]{in.readUnsignedShort(), in.readUnsignedShort()};
                case 12 -> {
                    nameAndTypeNames[i] = in.readUnsignedShort();
                    in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 17, 18 -> in.readInt();
                default -> {
                    return null; // a constant this reader does not know: stop rather than misread
                }
            }
        }
        for (int[] ref : methodRefs) {
            if (ref == null) {
                continue;
            }
            String owner = utf8[classNames[ref[0]]];
            String method = utf8[nameAndTypeNames[ref[1]]];
            if (SESSION.equals(owner) || (REQUEST.equals(owner) && REQUEST_SESSION_METHODS.contains(method))) {
                return owner.substring(owner.lastIndexOf('/') + 1) + "." + method;
            }
        }
        return null;
    }
}
