package io.microflask.testsupport;

import com.tngtech.archunit.lang.ArchRule;

import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Architecture rules shared by the modules' tests (core's {@code ArchitectureTest} and each
 * extension's {@code ApiUsageTest}), so that every module checks the same package lists.
 *
 * <p>Package names use ArchUnit's syntax: {@code "io.microflask"} is the root package alone,
 * {@code "io.microflask.spi.."} is {@code spi} and everything under it.
 */
public final class ArchitectureRules {

    /**
     * The packages of core that are its public API, which extensions may use: the root package
     * {@code io.microflask} (only the root, not its subpackages), {@code io.microflask.spi..},
     * and {@code io.microflask.util..}.
     */
    public static final List<String> CORE_PUBLIC_PACKAGES =
            List.of("io.microflask", "io.microflask.spi..", "io.microflask.util..");

    /**
     * The packages of core that are its implementation and may change at any time; nothing
     * outside core may depend on them.
     */
    public static final List<String> CORE_INTERNAL_PACKAGES = List.of(
            "io.microflask.dispatch..",
            "io.microflask.routing..",
            "io.microflask.session..",
            "io.microflask.multipart..",
            "io.microflask.staticfiles..",
            "io.microflask.security..",
            "io.microflask.tls..",
            "io.microflask.server..",
            "io.microflask.run..",
            "io.microflask.boot..");

    /**
     * Every package of core: {@link #CORE_PUBLIC_PACKAGES} followed by
     * {@link #CORE_INTERNAL_PACKAGES}. A class of core outside these is unclassified, and core's
     * architecture test fails on it.
     */
    public static final List<String> CORE_PACKAGES = concat(CORE_PUBLIC_PACKAGES, CORE_INTERNAL_PACKAGES);

    /**
     * The optional libraries and the extension modules built on them, none of which core may
     * depend on: Jackson, Mustache, and microflask-json, -render and -devtools.
     */
    public static final List<String> OPTIONAL_LIBRARY_PACKAGES = List.of(
            "com.fasterxml.jackson..",
            "com.github.mustachejava..",
            "io.microflask.json..",
            "io.microflask.render..",
            "io.microflask.devtools..");

    private ArchitectureRules() {
    }

    /**
     * Classes in {@code extensionPackage} (e.g. {@code "io.microflask.json.."}) depend on core only
     * through its public API, the {@link #CORE_PUBLIC_PACKAGES}: never on a class in one of the
     * {@link #CORE_INTERNAL_PACKAGES}. Check it against the extension's main classes only
     * ({@code ImportOption.DoNotIncludeTests}); the rule fails if no class is in the package, so a
     * mistyped package name does not pass silently.
     *
     * @param extensionPackage the extension's package in ArchUnit syntax, e.g.
     *                         {@code "io.microflask.json.."}
     * @return the rule
     * @throws IllegalArgumentException if {@code extensionPackage} is blank or names core itself
     */
    public static ArchRule extensionUsesOnlyPublicApi(String extensionPackage) {
        if (extensionPackage == null || extensionPackage.isBlank()) {
            throw new IllegalArgumentException("extensionPackage must name the extension's package, e.g. \"io.microflask.json..\"");
        }
        String bare = extensionPackage.endsWith("..")
                ? extensionPackage.substring(0, extensionPackage.length() - 2) : extensionPackage;
        if (bare.equals("io.microflask") || CORE_PACKAGES.contains(bare + "..")) {
            throw new IllegalArgumentException(extensionPackage + " is a package of core, not of an extension");
        }
        return noClasses().that().resideInAPackage(extensionPackage)
                .should().dependOnClassesThat().resideInAnyPackage(CORE_INTERNAL_PACKAGES.toArray(String[]::new))
                .because("an extension is written against core's public API (io.microflask, io.microflask.spi.., "
                        + "io.microflask.util..) only, so that core's internals can change without breaking it");
    }

    /**
     * No class of core (the {@link #CORE_PACKAGES}) depends on one of the
     * {@link #OPTIONAL_LIBRARY_PACKAGES}: core runs with none of them on the classpath.
     *
     * @return the rule
     */
    public static ArchRule coreStaysFreeOfOptionalLibraries() {
        return noClasses().that().resideInAnyPackage(CORE_PACKAGES.toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage(OPTIONAL_LIBRARY_PACKAGES.toArray(String[]::new))
                .because("core must work with none of the optional modules on the classpath: Jackson, Mustache and "
                        + "the json, render and devtools extensions plug into core through io.microflask.spi, "
                        + "never the other way around");
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
