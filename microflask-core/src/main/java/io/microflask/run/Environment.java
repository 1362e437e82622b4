package io.microflask.run;

import io.microflask.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The one place that reads microflask's {@code MICROFLASK_*} environment variables, so that what
 * an app can be told without recompiling is listed here and nowhere else:
 * <ul>
 *   <li>{@code MICROFLASK_HOST}, {@code MICROFLASK_PORT}, {@code MICROFLASK_DEBUG}: where and how
 *       {@code run} serves (see {@link RunOptions}), over what the code gave;</li>
 *   <li>{@code MICROFLASK_SECRET_KEY}: the key that signs sessions, unless the code sets one;</li>
 *   <li>{@code MICROFLASK_TRUSTED_PROXIES}: comma-separated addresses or CIDR ranges of the
 *       reverse proxies whose forwarded headers are believed, unless the code sets them;</li>
 *   <li>{@code MICROFLASK_CERT}, {@code MICROFLASK_KEY}: HTTPS with this PEM certificate and key
 *       ({@code MICROFLASK_CERT=adhoc}: a self-signed development certificate), as {@code --cert}
 *       and {@code --key} (see {@link RunOptions}), over the code's;</li>
 *   <li>{@code MICROFLASK_TRUSTED_HOSTS}: comma-separated hosts the app answers for (others get
 *       400), e.g. {@code example.com,.example.com}, unless the code sets them.</li>
 * </ul>
 * A bad value is an {@link IllegalArgumentException} that names the variable and shows a good one.
 */
public final class Environment {
    /** The host {@code run} binds, over the code's. */
    public static final String HOST_VARIABLE = "MICROFLASK_HOST";
    /** The port {@code run} binds, over the code's. */
    public static final String PORT_VARIABLE = "MICROFLASK_PORT";
    /** Debug mode ({@code 1/true/yes/on} or {@code 0/false/no/off}), over the code's. */
    public static final String DEBUG_VARIABLE = "MICROFLASK_DEBUG";
    /** The secret key that signs sessions. */
    public static final String SECRET_KEY_VARIABLE = "MICROFLASK_SECRET_KEY";
    /** Comma-separated addresses or CIDR ranges of trusted reverse proxies. */
    public static final String TRUSTED_PROXIES_VARIABLE = "MICROFLASK_TRUSTED_PROXIES";
    /** Comma-separated hosts the app answers for, as {@code settings().trustedHosts(...)}. */
    public static final String TRUSTED_HOSTS_VARIABLE = "MICROFLASK_TRUSTED_HOSTS";
    /** HTTPS: a PEM certificate chain file, or {@code adhoc}, as {@code --cert}. */
    public static final String CERT_VARIABLE = "MICROFLASK_CERT";
    /** HTTPS: the PEM private key file of {@code MICROFLASK_CERT}, as {@code --key}. */
    public static final String KEY_VARIABLE = "MICROFLASK_KEY";
    private static final Logger log = LoggerFactory.getLogger(Environment.class);

    private final Map<String, String> variables;

    private Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** The process's environment. */
    public static Environment system() {
        return new Environment(System.getenv());
    }

    /** An environment of these variables (for tests and tools). */
    public static Environment of(Map<String, String> variables) {
        return new Environment(variables);
    }

    /** {@code MICROFLASK_HOST}, or {@code null} when unset or blank. */
    public String host() {
        return nonBlank(HOST_VARIABLE);
    }

    /** {@code MICROFLASK_PORT} as given, or {@code null} when unset or blank. */
    public String port() {
        return nonBlank(PORT_VARIABLE);
    }

    /** {@code MICROFLASK_DEBUG} as given, or {@code null} when unset or blank. */
    public String debug() {
        return nonBlank(DEBUG_VARIABLE);
    }

    /** {@code MICROFLASK_CERT} as given, or {@code null} when unset or blank. */
    public String cert() {
        return nonBlank(CERT_VARIABLE);
    }

    /** {@code MICROFLASK_KEY} as given, or {@code null} when unset or blank. */
    public String key() {
        return nonBlank(KEY_VARIABLE);
    }

    /**
     * Sets what the variables say on {@code settings}: the secret key, the trusted proxies and the
     * trusted hosts.
     * Called when an app is created, so that code setting them afterwards wins.
     */
    public void applyTo(Settings settings) {
        String secretKey = variables.get(SECRET_KEY_VARIABLE);
        if (secretKey != null && !secretKey.isEmpty()) {
            settings.secretKey(secretKey);
        }
        String proxies = nonBlank(TRUSTED_PROXIES_VARIABLE);
        if (proxies != null) {
            trustProxies(settings, proxies);
        }
        String hosts = nonBlank(TRUSTED_HOSTS_VARIABLE);
        if (hosts != null) {
            trustHosts(settings, hosts);
        }
    }

    private static void trustHosts(Settings settings, String list) {
        List<String> hosts = Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        try {
            settings.trustedHosts(hosts);
        } catch (IllegalArgumentException e) {
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new IllegalArgumentException(TRUSTED_HOSTS_VARIABLE + "=\"" + list + "\": " + reason
                    + ". Set it to comma-separated host names, e.g. " + TRUSTED_HOSTS_VARIABLE
                    + "=example.com,.example.org", e);
        }
        log.info("answering requests for {} only ({}); other hosts get 400", settings.trustedHosts(),
                TRUSTED_HOSTS_VARIABLE);
    }

    private static void trustProxies(Settings settings, String list) {
        List<String> ranges = Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        try {
            settings.trustedProxies(ranges);
        } catch (IllegalArgumentException e) {
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new IllegalArgumentException(TRUSTED_PROXIES_VARIABLE + "=\"" + list + "\": " + reason
                    + ". Set it to comma-separated addresses or CIDR ranges, e.g. "
                    + TRUSTED_PROXIES_VARIABLE + "=127.0.0.1,10.0.0.0/8", e);
        }
        log.info("believing X-Forwarded-* and Forwarded headers from {} ({})", settings.trustedProxyRanges(),
                TRUSTED_PROXIES_VARIABLE);
    }

    private String nonBlank(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
