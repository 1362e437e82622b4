package io.microflask.devtools;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.microflask.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** microflask-devtools uses core only through its public API (see {@link ArchitectureRules}). */
class ApiUsageTest {

    @Test
    void usesOnlyCoresPublicApi() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.microflask.devtools");
        ArchitectureRules.extensionUsesOnlyPublicApi("io.microflask.devtools..").check(main);
    }
}
