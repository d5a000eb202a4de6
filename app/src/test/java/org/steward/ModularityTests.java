package org.steward;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The modules depend on each other only as designed, and their documentation is written from the code. The activity
 * engine ({@code org.steward.engine}) is a library of its own build, not one of the application's modules.
 */
class ModularityTests {

    // once for both tests: reading the classes is most of what they take
    private static final ApplicationModules modules = ApplicationModules.of(StewardApplication.class,
            JavaClass.Predicates.resideInAPackage("org.steward.engine.."));

    @Test
    void modulesKeepTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeDocumentation();
    }
}
