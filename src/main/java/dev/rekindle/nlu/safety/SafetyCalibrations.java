package dev.rekindle.nlu.safety;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A language folder's calibration of its safety model, kept current like the model itself: the stored
 * {@value SafetyCalibration#FILE} while it was fitted for this model on these lines, else fitted again on the same
 * folders of labelled lines (named in the file) and written back. A missing or unreadable file is never replaced by a
 * guess: the caller refuses to start.
 */
public final class SafetyCalibrations {
    private SafetyCalibrations() {}

    /** Told just before a fit starts, so that a caller can say why it waits. */
    @FunctionalInterface
    public interface BeforeFitting {
        /**
         * A fit is about to start.
         *
         * @param reason why the stored calibration cannot be used
         * @param sets   the folders it is fitted on
         */
        void fitting(String reason, List<String> sets);
    }

    /**
     * The calibration of {@code model} in {@code dir}: the stored one while current, else one fitted now on the
     * folders the file names, written to the file.
     *
     * @throws NoSuchFileException      when the folder has no calibration file
     * @throws IllegalArgumentException when the file is not a calibration, or is stale and its folders are missing
     */
    public static SafetyCalibration loadOrFit(Path dir, SafetyModel model, BeforeFitting before) throws IOException {
        Path file = dir.resolve(SafetyCalibration.FILE);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no calibration file");
        }
        SafetyCalibration stored =
                SafetyCalibration.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        List<String> missing = stored.fittedOn().stream()
                .filter(s -> !Files.isDirectory(dir.resolve(s)))
                .toList();
        if (!missing.isEmpty()) {
            if (stored.model().equals(model.fingerprint())) {
                return stored; // a folder shipped without its sets, like the jar: the file is all there is
            }
            throw new IllegalArgumentException(file + " was fitted for another safety model, and its lines ("
                    + String.join(", ", missing) + ") are not in " + dir + " to fit it again");
        }
        String data = fingerprint(dir, stored.fittedOn());
        if (stored.model().equals(model.fingerprint()) && stored.data().equals(data)) {
            return stored;
        }
        before.fitting(
                stored.model().equals(model.fingerprint())
                        ? "the lines it was fitted on changed"
                        : "the safety model changed since it was fitted",
                stored.fittedOn());
        SafetyCalibration fitted = fit(model, dir, stored.fittedOn(), data);
        Path tmp = file.resolveSibling(SafetyCalibration.FILE + ".tmp");
        Files.writeString(tmp, fitted.format(), StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return fitted;
    }

    /** The Platt scaling of {@code model}'s raw scores on the lines of three words or more of {@code sets}. */
    static SafetyCalibration fit(SafetyModel model, Path dir, List<String> sets, String data) throws IOException {
        List<SafetyEvaluation.Line> lines = new ArrayList<>();
        for (String s : sets) {
            lines.addAll(SafetyEvaluation.load(dir.resolve(s)));
        }
        List<SafetyEvaluation.Line> asked = lines.stream()
                .filter(l -> LexiconWords.of(l.text()).size() >= SafetyCalibration.MIN_WORDS)
                .toList();
        double[] raw = new double[asked.size()];
        boolean[] concern = new boolean[asked.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = model.uncalibrated(asked.get(i).text()).concern();
            concern[i] = asked.get(i).expected() != null;
        }
        return SafetyCalibration.fit(model.fingerprint(), data, sets, raw, concern);
    }

    /** The SHA-256 of every {@code *.tsv} of each folder (in the given order, files by name): name and bytes. */
    static String fingerprint(Path dir, List<String> sets) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        for (String s : sets) {
            List<Path> files;
            try (var list = Files.list(dir.resolve(s))) {
                files = list.filter(p -> p.getFileName().toString().endsWith(".tsv"))
                        .sorted()
                        .toList();
            }
            for (Path f : files) {
                byte[] bytes = Files.readAllBytes(f);
                sha.update((s + "/" + f.getFileName() + "\0" + bytes.length + "\0").getBytes(StandardCharsets.UTF_8));
                sha.update(bytes);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
