package dev.rekindle.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries of conventions.md, read from the compiled main classes (ArchUnit): a pure engine at the centre,
 * each adapter's library only in its adapter, the SQLite store named only by the wiring, the layers pointing
 * inwards, and no package cycles.
 */
class ArchitectureTest {
    private static final String ENGINE = "dev.rekindle.dialog.engine..";
    private static final String MODEL = "dev.rekindle.dialog.model..";
    private static JavaClasses main;

    @BeforeAll
    static void load() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.rekindle");
    }

    @Test
    void theEngineAndTheLanguageUseNoAdapterNoIoNoThreadsAndNoOtherPartOfRekindle() {
        pureDependencies().check(main);
    }

    @Test
    void theRulesCatchAnEngineClassThatReadsTheClockOrTheDisk() {
        JavaClasses fixture = new ClassFileImporter().importClasses(fixtureClass());
        org.junit.jupiter.api.Assertions.assertTrue(
                pureDependencies().evaluate(fixture).hasViolation());
        org.junit.jupiter.api.Assertions.assertTrue(
                noClockOrChance().evaluate(fixture).hasViolation());
    }

    private static Class<?> fixtureClass() {
        try {
            return Class.forName("dev.rekindle.dialog.engine.ImpureFixture");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArchRule pureDependencies() {
        return noClasses()
                .that()
                .resideInAnyPackage(ENGINE, MODEL)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.telegram..",
                        "java.sql..",
                        "javax.sql..",
                        "org.sqlite..",
                        "opennlp..",
                        "org.snakeyaml..",
                        "com.fasterxml..",
                        "java.io..",
                        "java.nio.file..",
                        "java.net..",
                        "java.util.concurrent..",
                        "dev.rekindle.dialog.load..",
                        "dev.rekindle.dialog.validate..",
                        "dev.rekindle.dialog.session..",
                        "dev.rekindle.nlu..",
                        "dev.rekindle.bot..",
                        "dev.rekindle.store..",
                        "dev.rekindle.telegram..",
                        "dev.rekindle.schedule..",
                        "dev.rekindle.local..",
                        "dev.rekindle.app..")
                .because("the engine is a pure function of session, input and now (conventions.md)");
    }

    @Test
    void theEngineReadsNoClockAndDrawsNoUnseededRandomness() {
        noClockOrChance().check(main);
    }

    private static ArchRule noClockOrChance() {
        return noClasses()
                .that()
                .resideInAnyPackage(ENGINE, MODEL)
                .should()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(LocalDate.class, "now")
                .orShould()
                .callMethod(LocalDateTime.class, "now")
                .orShould()
                .callMethod(ZonedDateTime.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(System.class, "nanoTime")
                .orShould()
                .callMethod(Math.class, "random")
                .orShould()
                .callMethod(UUID.class, "randomUUID")
                .orShould()
                .callConstructor(Random.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(Clock.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(InstantSource.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(java.security.SecureRandom.class)
                .because("time and chance come in as arguments, so a turn can be replayed and tested");
    }

    @Test
    void eachAdaptersLibraryStaysInItsAdapter() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.rekindle.telegram..", "dev.rekindle.app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.telegram..")
                .because("Telegram is one adapter: telegram/, wired in app/")
                .check(main);
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.rekindle.store.sqlite..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..")
                .because("the database is one adapter: store/sqlite/, behind the ports in store/")
                .check(main);
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.rekindle.nlu..", "dev.rekindle.app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("opennlp..")
                .because("OpenNLP is behind nlu/")
                .check(main);
    }

    @Test
    void onlyTheWiringNamesTheSqliteStore() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.rekindle.store.sqlite..", "dev.rekindle.app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.rekindle.store.sqlite..")
                .because("the rest of Rekindle speaks to the store through its ports in store/; app/ opens the SQLite "
                        + "one")
                .check(main);
    }

    @Test
    void theLayersPointInwards() {
        noClasses()
                .that()
                .resideInAPackage("dev.rekindle.dialog..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.rekindle.nlu..",
                        "dev.rekindle.bot..",
                        "dev.rekindle.store..",
                        "dev.rekindle.telegram..",
                        "dev.rekindle.schedule..",
                        "dev.rekindle.local..",
                        "dev.rekindle.app..")
                .because("the dialog language and engine know nothing of how they are run")
                .check(main);
        noClasses()
                .that()
                .resideInAPackage("dev.rekindle.nlu..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.rekindle.bot..",
                        "dev.rekindle.store..",
                        "dev.rekindle.telegram..",
                        "dev.rekindle.schedule..",
                        "dev.rekindle.local..",
                        "dev.rekindle.app..")
                .because("understanding is a library the adapters call")
                .check(main);
        noClasses()
                .that()
                .resideInAnyPackage("dev.rekindle.store..", "dev.rekindle.schedule..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.rekindle.telegram..", "dev.rekindle.local..", "dev.rekindle.app..")
                .because("storage and timing serve every channel")
                .check(main);
        noClasses()
                .that()
                .resideInAnyPackage("dev.rekindle.bot..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.rekindle.telegram..", "dev.rekindle.local..", "dev.rekindle.app..")
                .because("the bot's core is channel-neutral: Telegram and the terminal are its adapters")
                .check(main);
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.rekindle.app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.rekindle.app..")
                .because("app/ wires everything together and nothing depends on it")
                .check(main);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.rekindle.(**)").should().beFreeOfCycles().check(main);
    }
}
