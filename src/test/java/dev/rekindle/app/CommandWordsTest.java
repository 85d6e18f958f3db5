package dev.rekindle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekindle.dialog.load.DialogLoader;
import dev.rekindle.dialog.load.SourceFile;
import dev.rekindle.dialog.model.DialogLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The "/" list Telegram shows takes its words from bot.yaml and the dialogs, never from Java. */
class CommandWordsTest {

    @Test
    void theGlobalCommandsAreDescribedByBotYaml() {
        Map<String, String> commands = TelegramBot.commands(Shipped.library());
        assertEquals("Choose an exercise", commands.get("menu"));
        assertEquals("Stop the exercise that is running", commands.get("stop"));
        assertEquals(Shipped.library().current("appreciation").orElseThrow().description(), commands.get("appreciate"));
    }

    @Test
    void aTherapistsRewordingReachesTelegram() throws Exception {
        List<SourceFile> sources = new ArrayList<>();
        try (var files = Files.list(Path.of("dialogs"))) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                String text = Files.readString(f);
                if (f.getFileName().toString().equals("bot.yaml")) {
                    text = text.replace(
                            "command_stop: \"Stop the exercise that is running\"",
                            "command_stop: \"Leave the exercise, **no questions asked**\"");
                }
                sources.add(new SourceFile("dialogs/" + f.getFileName(), text));
            }
        }
        DialogLibrary reworded = DialogLoader.loadSources(sources).library().orElseThrow();
        assertEquals(
                "Leave the exercise, no questions asked",
                TelegramBot.commands(reworded).get("stop"));
    }
}
