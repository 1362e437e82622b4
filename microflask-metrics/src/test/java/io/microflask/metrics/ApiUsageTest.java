package io.microflask.metrics;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.microflask.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** microflask-metrics uses core only through its public API (see {@link ArchitectureRules}). */
class ApiUsageTest {

    @Test
    void usesOnlyCoresPublicApi() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.microflask.metrics");
        ArchitectureRules.extensionUsesOnlyPublicApi("io.microflask.metrics..").check(main);
    }
}
