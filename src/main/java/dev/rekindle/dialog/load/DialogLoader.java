package dev.rekindle.dialog.load;

import dev.rekindle.dialog.model.BotSettings;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.dialog.model.Source;
import dev.rekindle.dialog.validate.BotInput;
import dev.rekindle.dialog.validate.DialogInput;
import dev.rekindle.dialog.validate.Problem;
import dev.rekindle.dialog.validate.Problems;
import dev.rekindle.dialog.validate.Validator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads a folder of dialog files (plus the one bot.yaml) into a {@link DialogLibrary}, or explains every
 * problem in them. Reading (YAML to model, {@link DialogReader}) and checking ({@link Validator}) are
 * separate; both add to one list of problems so a therapist sees all mistakes at once.
 */
public final class DialogLoader {
    private DialogLoader() {}

    /** Loads every *.yaml and *.yml directly in {@code dir} (not subfolders: dialogs/tests holds transcripts). */
    public static LoadResult loadDirectory(Path dir) {
        Problems problems = new Problems();
        List<RawFile> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            problems.error(
                    Source.of(dir.toString(), 1, 1),
                    "folder '" + dir + "' does not exist",
                    "give the folder that holds the dialog files");
            return new LoadResult(Optional.empty(), problems.list());
        }
        try (Stream<Path> listing = Files.list(dir)) {
            for (Path p : listing.filter(DialogLoader::isYaml)
                    .sorted(Comparator.comparing(Path::toString))
                    .toList()) {
                read(p, problems).ifPresent(files::add);
            }
        } catch (IOException e) {
            problems.error(
                    Source.of(dir.toString(), 1, 1), "cannot list folder '" + dir + "': " + e.getMessage(), null);
        }
        return load(files, problems, dir.toString());
    }

    /** Same rules as {@link #loadDirectory}, for files held in memory (tests, examples from the docs). */
    public static LoadResult loadSources(List<SourceFile> files) {
        List<RawFile> raw = new ArrayList<>();
        for (SourceFile f : files) {
            raw.add(new RawFile(f.name(), f.content(), fingerprint(f.content().getBytes(StandardCharsets.UTF_8))));
        }
        return load(raw, new Problems(), "bot.yaml");
    }

    /** The first 12 hex digits of the SHA-256 of the file's bytes: changes whenever the file does. */
    public static String fingerprint(byte[] bytes) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                    .substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A file read, with the {@link #fingerprint} of its bytes. */
    private record RawFile(String name, String content, String fingerprint) {}

    private static boolean isYaml(Path p) {
        String n = p.getFileName().toString();
        return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"));
    }

    private static Optional<RawFile> read(Path p, Problems problems) {
        String name = p.toString();
        try {
            if (Files.size(p) > SafeYaml.MAX_CHARS) {
                problems.error(
                        Source.of(name, 1, 1),
                        "file is larger than 1 MiB",
                        "split it; a dialog file is normally a few kilobytes");
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(p);
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return Optional.of(new RawFile(name, text, fingerprint(bytes)));
        } catch (CharacterCodingException e) {
            problems.error(Source.of(name, 1, 1), "file is not valid UTF-8", "save it as UTF-8 in your editor");
        } catch (IOException e) {
            problems.error(Source.of(name, 1, 1), "cannot read file: " + e.getMessage(), null);
        }
        return Optional.empty();
    }

    private static LoadResult load(List<RawFile> files, Problems problems, String botPlace) {
        List<DialogInput> dialogs = new ArrayList<>();
        List<BotInput> bots = new ArrayList<>();
        for (RawFile f : files) {
            Optional<YNode> tree = SafeYaml.parse(f.name(), f.content(), problems);
            if (tree.isEmpty()) {
                continue;
            }
            YNode root = tree.get();
            if (root instanceof YNode.Map m && m.entry("bot") != null) {
                BotSettings bot = new BotReader(problems).read(root);
                if (!bots.isEmpty()) {
                    problems.error(
                            m.entry("bot").keySource(),
                            "bot settings are already in " + bots.get(0).where().file(),
                            "keep exactly one bot.yaml");
                }
                bots.add(new BotInput(bot, LocationIndex.of(f.name(), root)));
            } else if (isBotFileName(f.name())) {
                problems.error(
                        root.source(),
                        "bot.yaml must start with 'bot:'",
                        "put messages:, menu: and safety: under a top-level 'bot:' key");
            } else if (!(root instanceof YNode.Map)) {
                // Reading on would only add "has no id", "has no title"... for every key.
                problems.error(
                        root.source(),
                        "a dialog file must be a mapping of keys (id:, title:, states: ...), not " + root.kind(),
                        "start the file with 'id: <name>' at the beginning of a line");
            } else {
                Dialog d = new DialogReader(problems).read(root, f.fingerprint());
                dialogs.add(new DialogInput(d, LocationIndex.of(f.name(), root)));
            }
        }
        if (bots.isEmpty() && files.stream().noneMatch(f -> isBotFileName(f.name()))) {
            problems.error(
                    Source.of(botPlace, 1, 1),
                    "there is no bot.yaml",
                    "add bot.yaml with 'bot:' holding messages:, menu: and safety:");
        }
        problems.addAll(Validator.validate(dialogs, bots.stream().findFirst()));
        List<Problem> sorted = sort(problems.list(), files);
        if (problems.hasErrors()) {
            return new LoadResult(Optional.empty(), sorted);
        }
        List<Dialog> all = dialogs.stream().map(DialogInput::dialog).toList();
        return new LoadResult(Optional.of(DialogLibrary.of(bots.get(0).bot(), all)), sorted);
    }

    private static boolean isBotFileName(String name) {
        String n = Path.of(name).getFileName().toString();
        return n.equals("bot.yaml") || n.equals("bot.yml");
    }

    /** In file order, then by line and column, so the list reads like the files. */
    private static List<Problem> sort(List<Problem> problems, List<RawFile> files) {
        List<String> order = files.stream().map(RawFile::name).toList();
        return problems.stream()
                .sorted(Comparator.comparingInt((Problem p) -> {
                            int i = order.indexOf(p.source().file());
                            return i < 0 ? Integer.MAX_VALUE : i;
                        })
                        .thenComparingInt(p -> p.source().line())
                        .thenComparingInt(p -> p.source().column()))
                .toList();
    }
}
