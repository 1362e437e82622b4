package io.microflask.run;

import io.microflask.Settings;
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
 *       400), e.g. {@code example.com,.example.com}, unless the code sets them;</li>
 *   <li>every other {@code MICROFLASK_*} variable: a configuration key (see {@link Configuration}),
 *       which sets the {@code Settings} value of that name ({@code MICROFLASK_MAX_BODY_SIZE=32MiB}).</li>
 * </ul>
 * A bad value is an {@link IllegalArgumentException} that names the variable and shows a good one.
 */
public final class Environment {
    /** What every variable microflask reads starts with. */
    public static final String PREFIX = "MICROFLASK_";
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
     * Sets on {@code settings} every setting a {@code MICROFLASK_*} variable names (see
     * {@link SettingsBinder}): the secret key, the trusted proxies and hosts, and every other
     * setting ({@code MICROFLASK_MAX_BODY_SIZE=32MiB}). {@link Configuration#load} does this with
     * the configuration files too; code setting them afterwards wins.
     */
    public void applyTo(Settings settings) {
        SettingsBinder.apply(Configuration.fromEnvironment(this), settings);
    }

    /** Every variable of this environment (the {@code MICROFLASK_*} ones are configuration). */
    public Map<String, String> variables() {
        return variables;
    }

    private String nonBlank(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
