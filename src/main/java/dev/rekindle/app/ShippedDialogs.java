package dev.rekindle.app;

import dev.rekindle.dialog.load.DialogLoader;
import dev.rekindle.dialog.load.LoadResult;
import dev.rekindle.dialog.load.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The dialogs that ship in the jar under {@value #FOLDER} (pom.xml copies dialogs/*.yaml there), for a start from
 * a folder that has no dialogs/ of its own. A problem names its file as {@code rekindle.jar!/dialogs/x.yaml}; run
 * from classes (tests), the files are a plain folder and keep their paths.
 */
final class ShippedDialogs implements DialogSource {
    static final String FOLDER = "dialogs/";

    private final ClassLoader loader;

    ShippedDialogs() {
        this(ShippedDialogs.class.getClassLoader());
    }

    /** The dialogs as {@code loader} finds them (tests give one over a jar of their own). */
    ShippedDialogs(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public LoadResult load() throws IOException {
        URL bot = loader.getResource(FOLDER + "bot.yaml");
        if (bot == null) {
            throw new IOException("the jar holds no dialogs (" + FOLDER + "bot.yaml is not in it): rebuild it with "
                    + "`mvn -B -q package -DskipTests`, or give --dialogs DIR");
        }
        if (bot.getProtocol().equals("jar")) {
            return fromJar(((JarURLConnection) bot.openConnection()).getJarFileURL());
        }
        try {
            return DialogLoader.loadDirectory(Path.of(bot.toURI()).getParent());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("the shipped dialogs at " + bot + " cannot be read as files: give --dialogs DIR", e);
        }
    }

    private static LoadResult fromJar(URL jarUrl) throws IOException {
        Path jar;
        try {
            jar = Path.of(jarUrl.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("the jar at " + jarUrl + " cannot be opened as a file: give --dialogs DIR", e);
        }
        List<SourceFile> files = new ArrayList<>();
        try (JarFile j = new JarFile(jar.toFile())) {
            for (JarEntry e :
                    j.stream().sorted(Comparator.comparing(JarEntry::getName)).toList()) {
                if (isDialogFile(e.getName())) {
                    try (InputStream in = j.getInputStream(e)) {
                        files.add(new SourceFile(
                                jar.getFileName() + "!/" + e.getName(),
                                new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        return DialogLoader.loadSources(files);
    }

    /** A YAML file directly in the folder (not in a subfolder, as with the loader's folders). */
    private static boolean isDialogFile(String entry) {
        return entry.startsWith(FOLDER)
                && entry.indexOf('/', FOLDER.length()) < 0
                && (entry.endsWith(".yaml") || entry.endsWith(".yml"));
    }

    @Override
    public String describe() {
        return "the jar";
    }
}
