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
 * <p>From the top: {@code App} (the front class) may use anything; {@code dispatch}, {@code run}
 * and {@code testing} sit below it and beside each other; {@code server} below them; the feature
 * packages {@code routing}, {@code session}, {@code multipart} and {@code staticfiles} below that;
 * then the API model (every other class of the root package {@code io.microflask}, and
 * {@code io.microflask.spi}); and {@code util} at the bottom, on the JDK alone.
 *
 * <p>The root package holds two layers, so the rules never use "the root package" as a unit:
 * {@link #APP} is {@code io.microflask.App} with its nested classes, {@link #API} the rest of the
 * root package plus {@code spi}.
 */
class ArchitectureTest {

    private static final String ROOT = "io.microflask";
    private static final String APP_CLASS = ROOT + ".App";

    /** {@code io.microflask.App} and its nested (also anonymous) classes. */
    private static final DescribedPredicate<JavaClass> APP = DescribedPredicate.describe(
            "App (io.microflask.App and its nested classes)",
            c -> c.getName().equals(APP_CLASS) || c.getName().startsWith(APP_CLASS + "$"));

    /** The API model: the root package without App, and spi. */
    private static final DescribedPredicate<JavaClass> API =
            resideInAPackage(ROOT).and(not(APP)).or(resideInAPackage(ROOT + ".spi.."))
                    .as("the API (io.microflask without App, and io.microflask.spi..)");

    private static final DescribedPredicate<JavaClass> UTIL = inCorePackage("util");
    private static final DescribedPredicate<JavaClass> ROUTING = inCorePackage("routing");
    private static final DescribedPredicate<JavaClass> SESSION = inCorePackage("session");
    private static final DescribedPredicate<JavaClass> MULTIPART = inCorePackage("multipart");
    private static final DescribedPredicate<JavaClass> STATICFILES = inCorePackage("staticfiles");
    private static final DescribedPredicate<JavaClass> SERVER = inCorePackage("server");
    private static final DescribedPredicate<JavaClass> DISPATCH = inCorePackage("dispatch");
    private static final DescribedPredicate<JavaClass> RUN = inCorePackage("run");
    private static final DescribedPredicate<JavaClass> TESTING = inCorePackage("testing");

    /** Everything the project owns (core, the extensions, samples): what the layer rules police. */
    private static final DescribedPredicate<JavaClass> MICROFLASK =
            resideInAPackage(ROOT + "..").as("microflask classes");

    private static final DescribedPredicate<JavaClass> JDK = resideInAnyPackage("java..", "javax..").as("the JDK");
    private static final DescribedPredicate<JavaClass> NETTY = resideInAPackage("io.netty..").as("Netty");
    private static final DescribedPredicate<JavaClass> SLF4J = resideInAPackage("org.slf4j..").as("SLF4J");

    /**
     * The slices of the cycle check: "app" (App and its nested classes), "api" (the rest of the
     * root package and spi), and one slice per other subpackage of core.
     */
    private static final SliceAssignment CORE_SLICES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            if (APP.test(javaClass)) {
                return SliceIdentifier.of("app");
            }
            if (API.test(javaClass)) {
                return SliceIdentifier.of("api");
            }
            String pkg = javaClass.getPackageName();
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
            return "core slices: 'app' = io.microflask.App, 'api' = the rest of io.microflask with io.microflask.spi.., "
                    + "and one slice per other subpackage";
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
                        + "App is the top layer and the API model the bottom one, so they are separate slices "
                        + "even though both live in io.microflask")
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
    void apiDependsOnlyOnUtilNettyJdkAndSlf4j() {
        classes().that(API)
                .should().onlyDependOnClassesThat(API.or(UTIL).or(JDK).or(NETTY).or(SLF4J))
                .because("the API model is what applications and extensions compile against, the bottom layer "
                        + "above util: it must not need App (the top layer) or any of core's internals")
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
    void serverDependsOnlyOnApiUtilAndRouting() {
        mayUseWithinMicroflask("server", SERVER, API.or(UTIL).or(ROUTING))
                .because("the server turns HTTP into requests handed to a RequestService and writes the responses: "
                        + "it must not know how requests are dispatched, how an app is run or tested, or App")
                .check(core);
    }

    @Test
    void dispatchDoesNotDependOnRunTestingOrApp() {
        noClasses().that(DISPATCH)
                .should().dependOnClassesThat(RUN.or(TESTING).or(APP))
                .because("dispatch handles requests; starting a server (run), the test client (testing) and App "
                        + "are built on top of it, not under it")
                .check(core);
    }

    @Test
    void runDoesNotDependOnDispatchTestingOrApp() {
        noClasses().that(RUN)
                .should().dependOnClassesThat(DISPATCH.or(TESTING).or(APP))
                .because("run starts and stops a server (hosts, ports, banner, signals); what the server serves "
                        + "is App's business, which wires run and dispatch together")
                .check(core);
    }

    @Test
    void testingDoesNotDependOnDispatchRunOrApp() {
        noClasses().that(TESTING)
                .should().dependOnClassesThat(DISPATCH.or(RUN).or(APP))
                .because("the test client talks to an in-process exchange that App hands it; it must not reach "
                        + "into dispatching, the run machinery or App itself")
                .check(core);
    }

    @Test
    void onlyAppDependsOnApp() {
        noClasses().that(not(APP))
                .should().dependOnClassesThat(APP)
                .because("App is the front class and the top layer: it hands work down to the layers below, "
                        + "which must never call back up, or every package would be in a cycle through App")
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
