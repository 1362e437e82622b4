package io.microflask.run;

import io.microflask.Settings;
import io.microflask.util.ConfigValues;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a development server listens and in which mode, after the overrides that need no
 * recompiling, like Flask's {@code FLASK_RUN_HOST}/{@code FLASK_RUN_PORT}/{@code FLASK_DEBUG}.
 * Precedence, strongest first:
 * <ol>
 *   <li>command-line arguments passed from {@code main}: {@code --host H}, {@code --port N},
 *       {@code --debug} / {@code --no-debug} (also {@code --host=H}, {@code --port=N}), and for
 *       HTTPS {@code --cert adhoc} or {@code --cert FILE --key FILE} (PEM, as Flask);</li>
 *   <li>environment variables {@code MICROFLASK_HOST}, {@code MICROFLASK_PORT},
 *       {@code MICROFLASK_DEBUG} ({@code 1/true/yes/on} or {@code 0/false/no/off}),
 *       {@code MICROFLASK_CERT}, {@code MICROFLASK_KEY};</li>
 *   <li>the values the code gave {@code run}.</li>
 * </ol>
 * Other arguments are left alone for the app. A bad value is an {@link IllegalArgumentException}
 * naming the argument or variable.
 *
 * @param host      the host to bind
 * @param port      the port to bind (0 = any free port)
 * @param debug     whether debug mode is on
 * @param overrides what the command line or environment changed, e.g. {@code "port 8080 from --port"}
 * @param cert      {@code "adhoc"}, a PEM certificate chain file, or {@code null} when neither the
 *                  command line nor the environment gave one (the code's settings stand)
 * @param key       the PEM private key file of {@code cert}, or {@code null}
 */
public record RunOptions(String host, int port, boolean debug, List<String> overrides, String cert, String key) {
    private static final String HOST_VARIABLE = Environment.HOST_VARIABLE;
    private static final String PORT_VARIABLE = Environment.PORT_VARIABLE;
    private static final String DEBUG_VARIABLE = Environment.DEBUG_VARIABLE;
    private static final String CERT_VARIABLE = Environment.CERT_VARIABLE;
    private static final String KEY_VARIABLE = Environment.KEY_VARIABLE;
    /** {@code --cert adhoc}: a self-signed development certificate made at start. */
    public static final String ADHOC = "adhoc";

    public RunOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is empty: give run(...) an address such as \"127.0.0.1\" "
                    + "(this machine only) or \"0.0.0.0\" (every interface)");
        }
        Ports.validate(port);
        overrides = List.copyOf(overrides);
        if (cert != null && cert.equals(ADHOC) && key != null) {
            throw new IllegalArgumentException("--cert adhoc makes its own key: drop --key " + key + " (or "
                    + KEY_VARIABLE + "), or give a certificate file with --cert FILE --key " + key);
        }
        if (cert != null && !cert.equals(ADHOC) && key == null) {
            throw new IllegalArgumentException("--cert " + cert + " needs its private key: add --key FILE (or "
                    + KEY_VARIABLE + "), e.g. --cert fullchain.pem --key privkey.pem; or use --cert adhoc for a "
                    + "self-signed development certificate");
        }
        if (cert == null && key != null) {
            throw new IllegalArgumentException("--key " + key + " needs its certificate: add --cert FILE (or "
                    + CERT_VARIABLE + ")");
        }
    }

    /** Options without HTTPS overrides. */
    public RunOptions(String host, int port, boolean debug, List<String> overrides) {
        this(host, port, debug, overrides, null, null);
    }

    /**
     * Puts {@link #cert()} and {@link #key()} into {@code settings}, when given: the command line
     * or environment wins over the code.
     */
    public void applyTlsTo(Settings settings) {
        if (cert == null) {
            return;
        }
        if (cert.equals(ADHOC)) {
            settings.adhocCertificate(true);
        } else {
            settings.certificate(Path.of(cert), Path.of(key));
        }
    }

    /** Exactly what the code gave, with no overrides. */
    public static RunOptions of(String host, int port, boolean debug) {
        return new RunOptions(host, port, debug, List.of());
    }

    /**
     * Applies the environment, then the command line, over what the code gave.
     */
    public static RunOptions resolve(String[] args, Environment environment, String host, int port,
                                     boolean debug) {
        of(host, port, debug); // the code's own values must be valid too, whatever overrides them
        List<String> overrides = new ArrayList<>();
        String envHost = environment.host();
        if (envHost != null) {
            host = envHost;
            overrides.add("host " + host + " from " + HOST_VARIABLE);
        }
        String envPort = environment.port();
        if (envPort != null) {
            port = parsePort(PORT_VARIABLE + "=" + envPort, envPort);
            overrides.add("port " + port + " from " + PORT_VARIABLE);
        }
        String envDebug = environment.debug();
        if (envDebug != null) {
            debug = parseFlag(DEBUG_VARIABLE + "=" + envDebug, envDebug);
            overrides.add("debug " + (debug ? "on" : "off") + " from " + DEBUG_VARIABLE);
        }
        String cert = environment.cert();
        String key = environment.key();
        if (cert != null) {
            overrides.add("HTTPS with " + cert + " from " + CERT_VARIABLE);
        }
        String[] given = args == null ? new String[0] : args;
        for (int i = 0; i < given.length; i++) {
            String arg = given[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--host" -> {
                    String value = valueOf(given, i, arg, "--host 0.0.0.0");
                    if (!arg.contains("=")) {
                        i++;
                    }
                    if (value.isBlank()) {
                        throw new IllegalArgumentException("--host needs an address, e.g. --host 127.0.0.1 or "
                                + "--host 0.0.0.0");
                    }
                    host = value.trim();
                    overrides.add("host " + host + " from --host");
                }
                case "--port" -> {
                    String value = valueOf(given, i, arg, "--port 8080");
                    if (!arg.contains("=")) {
                        i++;
                    }
                    port = parsePort("--port " + value, value);
                    overrides.add("port " + port + " from --port");
                }
                case "--debug", "--no-debug" -> {
                    if (arg.contains("=")) {
                        throw new IllegalArgumentException(arg + " takes no value: write --debug to turn debug "
                                + "mode on or --no-debug to turn it off");
                    }
                    debug = name.equals("--debug");
                    overrides.add("debug " + (debug ? "on" : "off") + " from " + name);
                }
                case "--cert", "--key" -> {
                    String value = valueOf(given, i, arg, name.equals("--cert") ? "--cert adhoc" : "--key privkey.pem");
                    if (!arg.contains("=")) {
                        i++;
                    }
                    if (value.isBlank()) {
                        throw new IllegalArgumentException(name + " needs a value, e.g. --cert adhoc or --cert "
                                + "fullchain.pem --key privkey.pem");
                    }
                    if (name.equals("--cert")) {
                        cert = value.trim();
                        key = cert.equals(ADHOC) && !key(given).isPresent() ? null : key;
                        overrides.add("HTTPS with " + cert + " from --cert");
                    } else {
                        key = value.trim();
                    }
                }
                default -> {
                    // The app's own argument: not ours to judge.
                }
            }
        }
        return new RunOptions(host, port, debug, overrides, cert, key);
    }

    /** Whether the command line has a {@code --key}: then an environment's key is not dropped for adhoc. */
    private static java.util.Optional<String> key(String[] args) {
        for (String arg : args) {
            if (arg.equals("--key") || arg.startsWith("--key=")) {
                return java.util.Optional.of(arg);
            }
        }
        return java.util.Optional.empty();
    }

    private static String valueOf(String[] args, int index, String arg, String example) {
        int equals = arg.indexOf('=');
        if (equals >= 0) {
            return arg.substring(equals + 1);
        }
        if (index + 1 >= args.length || args[index + 1].startsWith("--")) {
            throw new IllegalArgumentException(arg + " needs a value, e.g. " + example);
        }
        return args[index + 1];
    }

    private static int parsePort(String source, String value) {
        int port;
        try {
            port = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > Ports.MAX_PORT) {
            throw new IllegalArgumentException(source + " is not a valid port: give a whole number within 0-"
                    + Ports.MAX_PORT + " (0 lets the operating system pick a free port)");
        }
        return port;
    }

    private static boolean parseFlag(String source, String value) {
        try {
            return ConfigValues.flag(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not a valid debug flag: use 1, true, yes or "
                    + "on to turn debug mode on, and 0, false, no or off to turn it off");
        }
    }
}
