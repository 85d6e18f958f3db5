package dev.rekindle.dialog.engine;

import static org.junit.jupiter.api.Assertions.fail;

import dev.rekindle.dialog.load.DialogLoader;
import dev.rekindle.dialog.load.LoadResult;
import dev.rekindle.dialog.model.DialogLibrary;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Drives every shipped dialog with thousands of random inputs from both partners, in every chat:
 * presses on open and stale buttons, free text of every shape with random intents, commands, clock
 * jumps and the odd safety alert. The engine must never throw and never leave the dialogs' states.
 */
class ShippedDialogsPropertyTest {
    private static final int SEEDS = 12;
    private static final int STEPS = 400;

    @TestFactory
    Stream<DynamicTest> everyShippedDialogSurvivesRandomInput() {
        LoadResult loaded = DialogLoader.loadDirectory(Path.of("dialogs"));
        if (loaded.hasErrors()) {
            fail("shipped dialogs do not load: " + loaded.problems());
        }
        DialogLibrary library = loaded.library().orElseThrow();
        return library.dialogs().stream()
                .map(d -> DynamicTest.dynamicTest(d.id(), () -> {
                    for (int seed = 1; seed <= SEEDS; seed++) {
                        RandomDriver.drive(library, d, seed, STEPS);
                    }
                }));
    }
}
