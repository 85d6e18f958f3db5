package dev.rekindle.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a SQLite database the way an attacker with the disk would: raw bytes of the file and its WAL. */
public final class DatabaseBytes {
    private DatabaseBytes() {}

    /** True when the UTF-8 bytes of {@code text} stand anywhere in {@code db} or {@code db-wal}. */
    public static boolean contain(Path db, String text) {
        return contain(db, text.getBytes(StandardCharsets.UTF_8));
    }

    /** True when {@code needle} (e.g. a ciphertext read from a row) stands anywhere in {@code db} or {@code db-wal}. */
    public static boolean contain(Path db, byte[] needle) {
        for (Path f : new Path[] {db, db.resolveSibling(db.getFileName() + "-wal")}) {
            try {
                if (Files.exists(f) && indexOf(Files.readAllBytes(f), needle) >= 0) {
                    return true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
