package io.microflask.render;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.microflask.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** microflask-render uses core only through its public API (see {@link ArchitectureRules}). */
class ApiUsageTest {

    @Test
    void usesOnlyCoresPublicApi() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.microflask.render");
        ArchitectureRules.extensionUsesOnlyPublicApi("io.microflask.render..").check(main);
    }
}
