package dev.rekindle.dialog.load;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The dialogs the bot ships with must load without a single error. */
class ShippedDialogsTest {

    @Test
    void shippedDialogsLoadClean() {
        Path dir = Path.of("dialogs");
        Assumptions.assumeTrue(Files.isDirectory(dir), "no dialogs/ folder in this checkout yet; nothing to check");
        LoadResult r = DialogLoader.loadDirectory(dir);
        r.problems().forEach(p -> System.out.println("dialogs: " + p));
        assertFalse(r.hasErrors(), () -> "dialogs/ has errors:\n" + BrokenDialogsTest.describe(r.problems()));
        assertTrue(r.library().isPresent());
    }
}
