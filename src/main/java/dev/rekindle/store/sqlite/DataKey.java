package dev.rekindle.store.sqlite;

import dev.rekindle.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that encrypts what partners write (session JSON with their answers, journal lines) at rest:
 * AES-256-GCM, a fresh random 96-bit nonce per value, a 128-bit tag, and the table and row as associated data,
 * so a value moved to another row fails to decrypt. A value is one BLOB: version byte (1) | nonce (12) |
 * ciphertext and tag. The key comes from {@code REKINDLE_DATA_KEY} (base64 of 32 bytes) or else from a key file
 * next to the database, created with mode 0600 on first start. Key material never reaches a log line or a
 * message.
 */
final class DataKey {
    static final String ENV = "REKINDLE_DATA_KEY";
    static final byte VERSION = 1;
    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * One cipher per thread, initialised again for each value (with its own nonce): looking the algorithm up
     * among the providers for every value was half the cost of encrypting a session (docs/performance.md).
     */
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    });

    private static final System.Logger LOG = System.getLogger(DataKey.class.getName());

    private final SecretKeySpec key;
    private final String source;
    private final Path created;

    private DataKey(byte[] raw, String source) {
        this(raw, source, null);
    }

    private DataKey(byte[] raw, String source, Path created) {
        this.key = new SecretKeySpec(raw, "AES");
        this.source = source;
        this.created = created;
        Arrays.fill(raw, (byte) 0);
    }

    /** The key file this key was just created in, or null: removed again when the database refuses the key. */
    Path created() {
        return created;
    }

    /** A key from 32 raw bytes (tests). */
    static DataKey of(byte[] raw, String source) {
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("a data key must be " + KEY_BYTES + " bytes: " + raw.length);
        }
        return new DataKey(raw.clone(), source);
    }

    /** A new random key (tests). */
    static DataKey random() {
        byte[] raw = new byte[KEY_BYTES];
        RANDOM.nextBytes(raw);
        return new DataKey(raw, "random");
    }

    /** Where the key came from (the variable's name or the key file's path), never the key. */
    String source() {
        return source;
    }

    /** The key file for a database: {@code data/rekindle.db} has {@code data/rekindle.key}. */
    static Path keyFile(Path database) {
        String name = database.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return database.resolveSibling(base + ".key");
    }

    /**
     * The key named by {@code REKINDLE_DATA_KEY} in {@code env}, else the one in the key file next to
     * {@code database}, created (mode 0600) if there is none yet.
     */
    static DataKey resolve(Map<String, String> env, Path database) {
        String named = env.get(ENV);
        if (named != null && !named.isBlank()) {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(named.strip());
            } catch (IllegalArgumentException e) {
                throw new StoreException(ENV + " is not valid base64; it must be the base64 of " + KEY_BYTES
                        + " random bytes (e.g. the output of: openssl rand -base64 32)");
            }
            if (raw.length != KEY_BYTES) {
                int n = raw.length;
                Arrays.fill(raw, (byte) 0);
                throw new StoreException(ENV + " holds " + n + " bytes but must hold " + KEY_BYTES
                        + " (base64 of 32 random bytes, e.g. the output of: openssl rand -base64 32)");
            }
            return new DataKey(raw, ENV);
        }
        return fromFile(keyFile(database.toAbsolutePath()));
    }

    static DataKey fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] raw = new byte[KEY_BYTES];
                RANDOM.nextBytes(raw);
                byte[] text = Base64.getEncoder().encode(raw);
                try {
                    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                        Files.createFile(
                                file,
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    } else {
                        Files.createFile(file);
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "the file system of {0} has no POSIX permissions: "
                                        + "restrict who can read the key file by other means",
                                file);
                    }
                    Files.write(file, text);
                    LOG.log(
                            System.Logger.Level.INFO,
                            "created a new data key in {0}; back it up with the database",
                            file);
                    return new DataKey(raw, file.toString(), file);
                } catch (FileAlreadyExistsException raced) {
                    Arrays.fill(raw, (byte) 0);
                    // another process made it first: read theirs
                } finally {
                    Arrays.fill(text, (byte) 0);
                }
            }
            byte[] text = Files.readAllBytes(file);
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(new String(text, StandardCharsets.US_ASCII).strip());
            } catch (IllegalArgumentException e) {
                throw new StoreException("the key file " + file + " is not valid base64; restore it from a backup");
            } finally {
                Arrays.fill(text, (byte) 0);
            }
            if (raw.length != KEY_BYTES) {
                throw new StoreException("the key file " + file + " holds " + raw.length + " bytes instead of "
                        + KEY_BYTES + "; restore it from a backup");
            }
            return new DataKey(raw, file.toString());
        } catch (IOException e) {
            throw new StoreException(
                    "cannot read or create the key file " + file + ": " + e.getMessage()
                            + "; check the folder's permissions or set " + ENV,
                    e);
        }
    }

    /** Encrypts {@code text}, bound to {@code where} (e.g. "sessions:12"). */
    byte[] encrypt(String text, String where) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = CIPHER.get();
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(where.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(VERSION)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /**
     * Decrypts a value written by {@link #encrypt} for the same {@code where}.
     *
     * @throws TamperedException if the value was changed, moved to another row, or written with another key
     */
    String decrypt(byte[] value, String where) {
        if (value == null || value.length < 1 + NONCE_BYTES + TAG_BITS / 8 || value[0] != VERSION) {
            throw new TamperedException(where, "it is not an encrypted value of version " + VERSION);
        }
        try {
            Cipher c = CIPHER.get();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, value, 1, NONCE_BYTES));
            c.updateAAD(where.getBytes(StandardCharsets.UTF_8));
            byte[] plain = c.doFinal(value, 1 + NONCE_BYTES, value.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new TamperedException(
                    where,
                    "its tag does not match (changed, moved from another row, or " + "written with another key)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /** A stored encrypted value that does not decrypt: never served. */
    static final class TamperedException extends StoreException {
        private static final long serialVersionUID = 1L;

        TamperedException(String where, String why) {
            super("the encrypted value in " + where + " cannot be read: " + why);
        }
    }
}
