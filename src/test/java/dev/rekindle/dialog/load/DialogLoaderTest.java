package dev.rekindle.dialog.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.validate.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DialogLoaderTest {
    private static final String SMALL = """
            id: small
            title: Small
            description: A small dialog.
            audience: private
            triggers: {commands: [/small]}
            start: a
            states:
              a:
                say: "Hello"
                end: true
            """;

    private static LoadResult withSupport(SourceFile... extra) {
        List<SourceFile> files = new ArrayList<>(TestFiles.support());
        files.addAll(List.of(extra));
        return DialogLoader.loadSources(files);
    }

    private static List<Problem> errorsIn(LoadResult r, String file) {
        return r.problems().stream()
                .filter(p -> p.isError() && p.source().file().equals(file))
                .toList();
    }

    @Test
    void versionIsAFingerprintOfTheContent() {
        String v1 = withSupport(new SourceFile("small.yaml", SMALL))
                .library()
                .orElseThrow()
                .current("small")
                .orElseThrow()
                .version();
        String same = withSupport(new SourceFile("other-name.yaml", SMALL))
                .library()
                .orElseThrow()
                .current("small")
                .orElseThrow()
                .version();
        String v2 = withSupport(new SourceFile("small.yaml", SMALL.replace("Hello", "Hello!")))
                .library()
                .orElseThrow()
                .current("small")
                .orElseThrow()
                .version();
        assertTrue(v1.matches("[0-9a-f]{12}"), v1);
        assertEquals(v1, same, "same bytes, same version");
        assertNotEquals(v1, v2, "changed text, new version");
        assertEquals(DialogLoader.fingerprint(SMALL.getBytes(java.nio.charset.StandardCharsets.UTF_8)), v1);
    }

    @Test
    void reportsEveryProblemOfAFile() {
        String many = """
                id: many
                title: Many
                descripton: typo
                audience: private
                start: a
                states:
                  a:
                    say: "Hi {answr}"
                    to: bb
                  b:
                    routes: {conflit: a}
                    timer: {after: 5 minutes, to: a}
                """;
        LoadResult r = withSupport(new SourceFile("many.yaml", many));
        List<String> messages =
                errorsIn(r, "many.yaml").stream().map(Problem::toString).toList();
        String all = String.join("\n", messages);
        assertTrue(
                all.contains(
                        "many.yaml:3:1: error: unknown key 'descripton' in the dialog (did you mean 'description'?)"),
                all);
        assertTrue(all.contains("has no 'description'"), all);
        assertTrue(all.contains("many.yaml:8:14: error: '{answr}'"), all);
        assertTrue(
                all.contains("many.yaml:9:9: error: state 'a' goes to 'bb', which does not exist (did you mean 'b'?)"),
                all);
        // 'bb' is a likely typo of 'b', so 'b' is not also reported as unreachable: one mistake, one error
        assertFalse(all.contains("can never be reached"), all);
        assertTrue(
                all.contains(
                        "many.yaml:11:14: error: 'conflit' in the routes of state 'b' is not a known intent (did you mean 'conflict'?)"),
                all);
        assertTrue(all.contains("the routes of state 'b' have no fallback"), all);
        assertTrue(all.contains("many.yaml:12:20: error: '5 minutes' is not a duration"), all);
        assertEquals(7, messages.size(), all);
        assertTrue(r.library().isEmpty());
    }

    @Test
    void loadsADirectoryButNotItsSubfolders(@TempDir Path dir) throws IOException {
        for (Path p : TestFiles.yamlIn(TestFiles.SUPPORT)) {
            Files.copy(p, dir.resolve(p.getFileName()));
        }
        Files.writeString(dir.resolve("small.yml"), SMALL);
        Files.createDirectory(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/transcript.yaml"), "transcript: not a dialog\nsteps: []\n");
        Files.writeString(dir.resolve("notes.txt"), "not yaml at all: [");
        LoadResult r = DialogLoader.loadDirectory(dir);
        assertFalse(r.hasErrors(), () -> BrokenDialogsTest.describe(r.problems()));
        assertTrue(r.library().orElseThrow().current("small").isPresent());
        assertEquals(
                dir.resolve("small.yml").toString(),
                r.library()
                        .orElseThrow()
                        .current("small")
                        .orElseThrow()
                        .source()
                        .file());
    }

    @Test
    void problemsNameTheFileAsGivenInTheDirectory(@TempDir Path dir) throws IOException {
        for (Path p : TestFiles.yamlIn(TestFiles.SUPPORT)) {
            Files.copy(p, dir.resolve(p.getFileName()));
        }
        Files.writeString(dir.resolve("small.yaml"), SMALL.replace("start: a", "start: aa"));
        LoadResult r = DialogLoader.loadDirectory(dir);
        assertEquals(
                dir.resolve("small.yaml") + ":6:8: error: 'start' names 'aa', which does not exist (did you mean 'a'?)",
                errorsIn(r, dir.resolve("small.yaml").toString()).get(0).toString());
    }

    @Test
    void needsExactlyOneBotFile() {
        List<SourceFile> noBot = TestFiles.support().stream()
                .filter(f -> !TestFiles.isBotFile(f))
                .toList();
        LoadResult none = DialogLoader.loadSources(noBot);
        assertTrue(
                none.problems().stream()
                        .anyMatch(p -> p.isError() && p.message().contains("there is no bot.yaml")),
                none.problems()::toString);

        SourceFile bot = TestFiles.support().stream()
                .filter(TestFiles::isBotFile)
                .findFirst()
                .orElseThrow();
        LoadResult two = withSupport(new SourceFile("extra/bot.yaml", bot.content()));
        assertTrue(
                errorsIn(two, "extra/bot.yaml").stream()
                        .anyMatch(p -> p.message().contains("bot settings are already in")),
                two.problems()::toString);
    }

    @Test
    void refusesHugeFiles() {
        String huge = SMALL + "#" + "x".repeat(1024 * 1024) + "\n";
        LoadResult r = withSupport(new SourceFile("huge.yaml", huge));
        assertEquals(
                "huge.yaml:1:1: error: file is larger than 1 MiB (split it into several dialogs; a dialog file is normally a few kilobytes)",
                errorsIn(r, "huge.yaml").get(0).toString());
    }

    @Test
    void refusesAnAliasBombUnderTheAliasCountAndKeepsModestRepetition() {
        // 18 aliases, each a list of two of the one before: 2^18 values written out, from a few hundred bytes
        StringBuilder bomb = new StringBuilder(SMALL + "x0: &a0 [lol, lol]\n");
        for (int i = 1; i <= 17; i++) {
            bomb.append("x").append(i).append(": &a").append(i).append(" [*a").append(i - 1);
            bomb.append(", *a").append(i - 1).append("]\n");
        }
        LoadResult r = withSupport(new SourceFile("bomb.yaml", bomb.toString()));
        assertEquals(
                "bomb.yaml:22:12: error: the aliases (*name) up to here repeat more than 10000 values (write the values"
                        + " out, or repeat fewer; an alias of a list that holds aliases repeats all of them)",
                errorsIn(r, "bomb.yaml").get(0).toString());

        // a list of buttons repeated a dozen times reads as before (it fails later only as an unknown key)
        StringBuilder modest = new StringBuilder(SMALL + "x0: &b [yes, no, maybe]\n");
        for (int i = 1; i <= 12; i++) {
            modest.append("x").append(i).append(": *b\n");
        }
        LoadResult fine = withSupport(new SourceFile("modest.yaml", modest.toString()));
        assertTrue(
                errorsIn(fine, "modest.yaml").stream()
                        .noneMatch(p -> p.message().contains("aliases")),
                fine.problems()::toString);
    }

    @Test
    void refusesSelfReferencingAliasesAndEmptyFiles() {
        LoadResult r = withSupport(
                new SourceFile("rec.yaml", SMALL + "x: &x [1, *x]\n"), new SourceFile("empty.yaml", "# nothing\n"));
        assertTrue(
                errorsIn(r, "rec.yaml").stream()
                        .anyMatch(p -> p.message().contains("alias refers to a value that contains it")),
                r.problems()::toString);
        assertTrue(
                errorsIn(r, "empty.yaml").stream().anyMatch(p -> p.message().contains("file is empty")),
                r.problems()::toString);
    }

    @Test
    void warningsDoNotFailTheLoad() {
        String a = """
                id: ping
                title: Ping
                description: Calls pong.
                audience: private
                triggers: {commands: [/ping]}
                start: s
                states:
                  s: {call: {dialog: pong, return_to: e}}
                  e: {end: true}
                """;
        String b = a.replace("id: ping", "id: pong")
                .replace("dialog: pong", "dialog: ping")
                .replace("/ping", "/pong");
        String lonely = SMALL.replace("id: small", "id: lonely").replace("triggers: {commands: [/small]}\n", "");
        LoadResult r = withSupport(
                new SourceFile("ping.yaml", a), new SourceFile("pong.yaml", b), new SourceFile("lonely.yaml", lonely));
        assertFalse(r.hasErrors(), () -> BrokenDialogsTest.describe(r.problems()));
        assertTrue(r.library().isPresent());
        assertTrue(
                r.problems().stream()
                        .anyMatch(p -> !p.isError()
                                && p.message().contains("dialogs call each other in a cycle: ping -> pong -> ping")),
                r.problems()::toString);
        assertTrue(
                r.problems().stream()
                        .anyMatch(p -> !p.isError()
                                && p.source().file().equals("lonely.yaml")
                                && p.message().contains("dialog 'lonely' can never start")),
                r.problems()::toString);
    }
}
