package io.microflask.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.microflask.testsupport.ArchitectureRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layers of microflask-core, checked on its main classes.
 *
 * <p>From the top: {@code boot} (the engine behind {@code App}, found through
 * {@code META-INF/services}) may use anything and nothing uses it; {@code dispatch} and {@code run}
 * sit below it and beside each other; {@code server} below them; the feature packages
 * {@code routing}, {@code session}, {@code multipart}, {@code staticfiles}, {@code security} and {@code tls} below that; then
 * {@code spi}; then the public API, the root package {@code io.microflask} ({@code App} included:
 * it reaches everything behind it through its {@code App.Engine} interface); and {@code util} at
 * the bottom, on the JDK alone. Every package is one slice of the cycle check.
 */
class ArchitectureTest {

    private static final String ROOT = "io.microflask";

    /** {@code io.microflask.App} and its nested (also anonymous) classes. */
    private static final DescribedPredicate<JavaClass> APP = DescribedPredicate.describe(
            "App (io.microflask.App and its nested classes)",
            c -> c.getName().equals(ROOT + ".App") || c.getName().startsWith(ROOT + ".App$"));

    /** The root package alone: the public API. */
    private static final DescribedPredicate<JavaClass> ROOT_PACKAGE = resideInAPackage(ROOT).as("io.microflask");

    /** The API model the feature packages build on: the root package and spi. */
    private static final DescribedPredicate<JavaClass> API =
            ROOT_PACKAGE.or(resideInAPackage(ROOT + ".spi..")).as("the API (io.microflask and io.microflask.spi..)");

    private static final DescribedPredicate<JavaClass> UTIL = inCorePackage("util");
    private static final DescribedPredicate<JavaClass> ROUTING = inCorePackage("routing");
    private static final DescribedPredicate<JavaClass> SESSION = inCorePackage("session");
    private static final DescribedPredicate<JavaClass> MULTIPART = inCorePackage("multipart");
    private static final DescribedPredicate<JavaClass> STATICFILES = inCorePackage("staticfiles");
    private static final DescribedPredicate<JavaClass> SECURITY = inCorePackage("security");
    private static final DescribedPredicate<JavaClass> TLS = inCorePackage("tls");
    private static final DescribedPredicate<JavaClass> SERVER = inCorePackage("server");
    private static final DescribedPredicate<JavaClass> DISPATCH = inCorePackage("dispatch");
    private static final DescribedPredicate<JavaClass> RUN = inCorePackage("run");
    private static final DescribedPredicate<JavaClass> SPI = inCorePackage("spi");
    private static final DescribedPredicate<JavaClass> BOOT = inCorePackage("boot");

    /** Everything the project owns (core, the extensions, samples): what the layer rules police. */
    private static final DescribedPredicate<JavaClass> MICROFLASK =
            resideInAPackage(ROOT + "..").as("microflask classes");

    private static final DescribedPredicate<JavaClass> JDK = resideInAnyPackage("java..", "javax..").as("the JDK");
    private static final DescribedPredicate<JavaClass> NETTY = resideInAPackage("io.netty..").as("Netty");
    private static final DescribedPredicate<JavaClass> SLF4J = resideInAPackage("org.slf4j..").as("SLF4J");

    /** The slices of the cycle check: the root package, and one slice per subpackage of core. */
    private static final SliceAssignment CORE_SLICES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            if (pkg.equals(ROOT)) {
                return SliceIdentifier.of("root");
            }
            if (pkg.startsWith(ROOT + ".")) {
                String sub = pkg.substring(ROOT.length() + 1).split("\\.", 2)[0];
                if (ArchitectureRules.CORE_PACKAGES.contains(ROOT + "." + sub + "..")) {
                    return SliceIdentifier.of(sub);
                }
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "core slices: 'root' = io.microflask, and one slice per subpackage";
        }
    };

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void everyCoreClassIsInAClassifiedPackage() {
        classes().should().resideInAnyPackage(ArchitectureRules.CORE_PACKAGES.toArray(String[]::new))
                .because("the layer rules below, and the extension rule in ArchitectureRules, know only these packages: "
                        + "a new package must be added to ArchitectureRules.CORE_PUBLIC_PACKAGES or CORE_INTERNAL_PACKAGES "
                        + "and given its place among the layers here")
                .check(core);
    }

    @Test
    void coreSlicesAreFreeOfCycles() {
        slices().assignedFrom(CORE_SLICES)
                .should().beFreeOfCycles()
                .because("packages in a cycle can be neither understood, tested nor changed one at a time; "
                        + "the root package is the bottom of them all (App reaches the engine through App.Engine)")
                .check(core);
    }

    @Test
    void utilDependsOnlyOnTheJdk() {
        noClasses().that(UTIL)
                .should().dependOnClassesThat(not(UTIL.or(JDK)))
                .because("util holds small JDK-only helpers that every layer, and the extensions, may use: "
                        + "it must pull in neither the rest of microflask nor Netty")
                .check(core);
    }

    @Test
    void rootDependsOnlyOnUtilNettyAndTheJdk() {
        classes().that(ROOT_PACKAGE)
                .should().onlyDependOnClassesThat(ROOT_PACKAGE.or(UTIL).or(JDK).or(NETTY))
                .because("the root package is what applications compile against: it must not need the SPI or any of "
                        + "core's internals, which App reaches through the App.Engine interface that boot implements")
                .check(core);
    }

    @Test
    void spiDependsOnlyOnTheApiUtilNettyJdkAndSlf4j() {
        classes().that(SPI)
                .should().onlyDependOnClassesThat(API.or(UTIL).or(JDK).or(NETTY).or(SLF4J))
                .because("the SPI is what extensions compile against, beside the public API: it must not need "
                        + "any of core's internals")
                .check(core);
    }

    @Test
    void routingDependsOnlyOnApiAndUtil() {
        mayUseWithinMicroflask("routing", ROUTING, API.or(UTIL))
                .because("routing matches paths to routes and builds URLs from the API model alone; "
                        + "dispatch puts it together with the other features")
                .check(core);
    }

    @Test
    void sessionDependsOnlyOnApiAndUtil() {
        mayUseWithinMicroflask("session", SESSION, API.or(UTIL))
                .because("the signed-cookie session is a feature on the API model alone; "
                        + "dispatch puts it together with the other features")
                .check(core);
    }

    @Test
    void multipartDependsOnlyOnApiAndUtil() {
        mayUseWithinMicroflask("multipart", MULTIPART, API.or(UTIL))
                .because("multipart form parsing is a feature on the API model alone; "
                        + "dispatch puts it together with the other features")
                .check(core);
    }

    @Test
    void staticfilesDependsOnlyOnApiAndUtil() {
        mayUseWithinMicroflask("staticfiles", STATICFILES, API.or(UTIL))
                .because("serving static files is a feature on the API model alone; "
                        + "dispatch puts it together with the other features")
                .check(core);
    }

    @Test
    void securityDependsOnlyOnApiAndUtil() {
        mayUseWithinMicroflask("security", SECURITY, API.or(UTIL))
                .because("CSRF, CORS and the security headers are rules over the API model alone; "
                        + "dispatch applies them at the right step of a request")
                .check(core);
    }

    @Test
    void tlsDependsOnlyOnApiAndUtil() {
        mayUseWithinMicroflask("tls", TLS, API.or(UTIL))
                .because("certificates (reading PEM files, making the development one) are a feature on the JDK "
                        + "alone; the server serves them and run decides which")
                .check(core);
    }

    @Test
    void serverDependsOnlyOnApiUtilRoutingAndTls() {
        mayUseWithinMicroflask("server", SERVER, API.or(UTIL).or(ROUTING).or(TLS))
                .because("the server turns HTTP into requests handed to a RequestService and writes the responses: "
                        + "it must not know how requests are dispatched, how an app is run or tested, or App")
                .check(core);
    }

    @Test
    void dispatchDoesNotDependOnRunOrBoot() {
        noClasses().that(DISPATCH)
                .should().dependOnClassesThat(RUN.or(BOOT).or(APP))
                .because("dispatch handles requests; starting a server (run) and the engine behind App (boot) are "
                        + "built on top of it, not under it")
                .check(core);
    }

    @Test
    void runDoesNotDependOnDispatchOrBoot() {
        noClasses().that(RUN)
                .should().dependOnClassesThat(DISPATCH.or(BOOT).or(APP))
                .because("run starts and stops a server (hosts, ports, banner, signals); what the server serves "
                        + "is the engine's business (boot), which wires run and dispatch together")
                .check(core);
    }

    @Test
    void nothingDependsOnBoot() {
        noClasses().that(not(BOOT))
                .should().dependOnClassesThat(BOOT)
                .because("boot is the top layer: App finds it at run time through META-INF/services, so that "
                        + "the root package depends on nothing behind it")
                .check(core);
    }

    @Test
    void onlyBootImplementsTheEngine() {
        noClasses().that(not(BOOT).and(not(ROOT_PACKAGE)))
                .should().dependOnClassesThat(APP)
                .because("App is the front class: the layers below it never call back up; only boot, which "
                        + "implements App.Engine, sees it")
                .check(core);
    }

    @Test
    void coreStaysFreeOfOptionalLibraries() {
        ArchitectureRules.coreStaysFreeOfOptionalLibraries().check(core);
    }

    /** Classes in {@code layer} depend, among microflask's classes, only on their own layer and {@code allowed}. */
    private static ArchRule mayUseWithinMicroflask(String name, DescribedPredicate<JavaClass> layer,
                                                   DescribedPredicate<JavaClass> allowed) {
        return noClasses().that(layer)
                .should().dependOnClassesThat(MICROFLASK.and(not(layer.or(allowed)))
                        .as("microflask classes outside " + name + " and " + allowed.getDescription()));
    }

    private static DescribedPredicate<JavaClass> inCorePackage(String sub) {
        String pkg = ROOT + "." + sub + "..";
        return resideInAPackage(pkg).as(pkg);
    }
}
