package dev.rekindle.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.session.SessionJson;
import dev.rekindle.store.Cause;
import dev.rekindle.store.Fixture;
import dev.rekindle.store.JournalEntry;
import dev.rekindle.store.OutboxKind;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.ReceivedUpdate;
import dev.rekindle.store.StoreException;
import dev.rekindle.store.TestClock;
import dev.rekindle.store.UpdateCommit;
import dev.rekindle.testing.DatabaseBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataAtRestTest {
    static final String MARKER = "Wombat-4417";

    @TempDir
    Path dir;

    final TestClock clock = TestClock.atNoon();

    private Path file() {
        return dir.resolve("data/rekindle.db");
    }

    private SqliteStore open(DataKey key) {
        return SqliteStore.open(
                Database.open(file(), clock, key, Migrations.latest()), SqliteSessionStore.CacheSettings.DEFAULT);
    }

    private static long writeMarker(SqliteStore store) {
        long couple = Fixture.couple(store, 11, 22, Fixture.GROUP);
        store.inbox().receive(1, "{}");
        store.sessions()
                .commit(new UpdateCommit(
                        couple,
                        0,
                        Fixture.session("Ana " + MARKER),
                        List.of(new Action.SaveJournal("checkin", "gratitude", Partner.A, "thanks for " + MARKER)),
                        List.of(),
                        List.of(),
                        List.of(),
                        new Cause.InboxUpdate(1)));
        return couple;
    }

    private boolean filesHold(String text) {
        return DatabaseBytes.contain(file(), text);
    }

    private byte[] digestOfFiles() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var files = Files.list(file().getParent())) {
            for (Path f : files.sorted().toList()) {
                md.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(f));
            }
        }
        return md.digest();
    }

    @Test
    void everyValueGetsANonceOfItsOwnOverTwentyThousandValues() {
        // GCM's secrecy breaks when a nonce repeats under one key: the same text sealed many times must differ each
        // time, in its nonce first of all
        DataKey key = DataKey.random();
        java.util.Set<java.nio.ByteBuffer> nonces = new java.util.HashSet<>();
        java.util.Set<java.nio.ByteBuffer> sealed = new java.util.HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] value = key.encrypt("the same words", "sessions:1");
            nonces.add(java.nio.ByteBuffer.wrap(java.util.Arrays.copyOfRange(value, 1, 1 + DataKey.NONCE_BYTES)));
            sealed.add(java.nio.ByteBuffer.wrap(value));
            assertEquals("the same words", key.decrypt(value, "sessions:1"));
        }
        assertEquals(20_000, nonces.size(), "a nonce was used twice");
        assertEquals(20_000, sealed.size(), "a sealed value repeated");
    }

    @Test
    void aMarkerInAnAnswerAndAJournalLineIsInNeitherTheFileNorItsLogButReadsBack() throws Exception {
        DataKey key = DataKey.random();
        long couple;
        try (SqliteStore store = open(key)) {
            couple = writeMarker(store);
            assertFalse(filesHold(MARKER), "the marker is encrypted in the file and its log");
            assertTrue(filesHold("Ben"), "the check itself finds unencrypted text (a name is not free text)");
            assertEquals(
                    Fixture.session("Ana " + MARKER),
                    store.sqliteSessions()
                            .loadFromDatabase(couple)
                            .orElseThrow()
                            .session());
            assertEquals(
                    List.of("thanks for " + MARKER),
                    store.journal().list(couple).stream()
                            .map(JournalEntry::text)
                            .toList());
        }
        try (SqliteStore store = open(key)) {
            assertEquals(
                    Fixture.session("Ana " + MARKER),
                    store.sessions().load(couple).orElseThrow().session());
            assertFalse(filesHold(MARKER));
        }
    }

    @Test
    void aWrongKeyFromTheEnvironmentIsRefusedAtOpenAndNothingIsReadOrChanged() throws Exception {
        byte[] right = new byte[32];
        right[0] = 1;
        byte[] wrong = new byte[32];
        wrong[0] = 2;
        Map<String, String> rightEnv = Map.of(DataKey.ENV, Base64.getEncoder().encodeToString(right));
        Map<String, String> wrongEnv = Map.of(DataKey.ENV, Base64.getEncoder().encodeToString(wrong));
        long couple;
        try (SqliteStore store = open(DataKey.resolve(rightEnv, file()))) {
            couple = writeMarker(store);
        }
        byte[] before = digestOfFiles();

        StoreException e = assertThrows(StoreException.class, () -> open(DataKey.resolve(wrongEnv, file())));

        assertEquals(
                "the data key (from REKINDLE_DATA_KEY) does not match the one database " + file()
                        + " was written with: set REKINDLE_DATA_KEY to the right key or restore "
                        + file().resolveSibling("rekindle.key") + "; nothing was read or changed",
                e.getMessage());
        assertArrayEquals(before, digestOfFiles(), "no file changed");
        try (SqliteStore store = open(DataKey.resolve(rightEnv, file()))) {
            assertEquals(
                    List.of("thanks for " + MARKER),
                    store.journal().list(couple).stream()
                            .map(JournalEntry::text)
                            .toList());
        }
    }

    @Test
    void aWrongOrMissingKeyFileIsRefusedAtOpenAndNothingIsReadOrChanged() throws Exception {
        assumeTrue(System.getenv(DataKey.ENV) == null, "the environment names a key");
        Path keyFile = file().resolveSibling("rekindle.key");
        long couple;
        try (SqliteStore store = SqliteStore.open(file(), clock)) {
            couple = writeMarker(store);
        }
        byte[] good = Files.readAllBytes(keyFile);
        byte[] other = new byte[32];
        Files.write(keyFile, Base64.getEncoder().encode(other));
        byte[] before = digestOfFiles();

        StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(file(), clock));
        assertTrue(e.getMessage().startsWith("the data key (from " + keyFile + ") does not match"), e.getMessage());
        assertTrue(e.getMessage().endsWith("restore " + keyFile + "; nothing was read or changed"), e.getMessage());
        assertArrayEquals(before, digestOfFiles(), "no file changed");

        Files.delete(keyFile);
        before = digestOfFiles();
        assertThrows(StoreException.class, () -> SqliteStore.open(file(), clock));
        assertArrayEquals(before, digestOfFiles(), "no file changed, and no new key file was left behind");

        Files.write(keyFile, good);
        try (SqliteStore store = SqliteStore.open(file(), clock)) {
            assertEquals(
                    Fixture.session("Ana " + MARKER),
                    store.sessions().load(couple).orElseThrow().session());
        }
    }

    @Test
    void theKeyFileIsCreatedOnFirstStartReadableByItsOwnerOnly() throws Exception {
        assumeTrue(System.getenv(DataKey.ENV) == null, "the environment names a key");
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
        Path keyFile = file().resolveSibling("rekindle.key");
        SqliteStore.open(file(), clock).close();
        assertTrue(Files.exists(keyFile));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertEquals(32, Base64.getDecoder().decode(Files.readString(keyFile).strip()).length);
    }

    @Test
    void aFlippedByteOrABlobMovedToAnotherCouplesRowIsAnErrorNeverServed() {
        try (SqliteStore store = open(DataKey.random())) {
            long couple = writeMarker(store);
            long other = Fixture.couple(store, 33, 44, Fixture.GROUP - 1);
            store.inbox().receive(2, "{}");
            store.sessions()
                    .commit(UpdateCommit.sessionOnly(other, 0, Fixture.session("Cy"), new Cause.InboxUpdate(2)));
            store.database().write("move a blob", c -> {
                try (var s = c.createStatement()) {
                    s.executeUpdate(
                            "UPDATE sessions SET engine_json = (SELECT engine_json FROM sessions WHERE couple_id = "
                                    + couple + ") WHERE couple_id = " + other);
                    s.executeUpdate("UPDATE journal SET text = CAST(substr(text, 1, 20) || X'00' || substr(text, 22)"
                            + " AS BLOB)");
                }
                return null;
            });
            assertThrows(
                    DataKey.TamperedException.class,
                    () -> store.sqliteSessions().loadFromDatabase(other));
            assertThrows(DataKey.TamperedException.class, () -> store.journal().list(couple));
            assertEquals(
                    Fixture.session("Ana " + MARKER),
                    store.sqliteSessions()
                            .loadFromDatabase(couple)
                            .orElseThrow()
                            .session());
        }
    }

    @Test
    void plainTextPutInPlaceOfAnEncryptedValueIsRefused() {
        try (SqliteStore store = open(DataKey.random())) {
            long couple = writeMarker(store);
            store.database().write("put plain text", c -> {
                try (var p = c.prepareStatement("UPDATE sessions SET engine_json = ? WHERE couple_id = ?")) {
                    p.setString(1, SessionJson.write(Fixture.session("Mallory")));
                    p.setLong(2, couple);
                    p.executeUpdate();
                }
                return null;
            });
            assertThrows(
                    DataKey.TamperedException.class,
                    () -> store.sqliteSessions().loadFromDatabase(couple));
        }
    }

    @Test
    void aMalformedKeyInTheEnvironmentNamesTheVariable() {
        StoreException notBase64 =
                assertThrows(StoreException.class, () -> DataKey.resolve(Map.of(DataKey.ENV, "not base64!"), file()));
        assertTrue(notBase64.getMessage().startsWith("REKINDLE_DATA_KEY is not valid base64"), notBase64.getMessage());
        StoreException tooShort = assertThrows(
                StoreException.class,
                () -> DataKey.resolve(Map.of(DataKey.ENV, Base64.getEncoder().encodeToString(new byte[16])), file()));
        assertEquals(
                "REKINDLE_DATA_KEY holds 16 bytes but must hold 32 (base64 of 32 random bytes, e.g. the output "
                        + "of: openssl rand -base64 32)",
                tooShort.getMessage());
    }

    @Test
    void plainTextRowsOfAnOlderDatabaseAreEncryptedAtTheFirstOpenWithAKey() throws Exception {
        DataKey key = DataKey.random();
        long couple;
        try (SqliteStore old =
                SqliteStore.open(Database.open(file(), clock, key, 3), SqliteSessionStore.CacheSettings.DEFAULT)) {
            couple = Fixture.couple(old, 11, 22, Fixture.GROUP);
            old.database().write("write as version 3 did", c -> {
                try (var p =
                        c.prepareStatement("INSERT INTO sessions (couple_id, engine_json, schema, version, updated)"
                                + " VALUES (?, ?, 1, 1, 0)")) {
                    p.setLong(1, couple);
                    p.setString(2, SessionJson.write(Fixture.session("Ana " + MARKER)));
                    p.executeUpdate();
                }
                try (var p = c.prepareStatement("INSERT INTO journal (couple_id, dialog, kind, author, text, created)"
                        + " VALUES (?, 'checkin', 'gratitude', 'A', ?, 0)")) {
                    p.setLong(1, couple);
                    p.setString(2, "thanks for " + MARKER);
                    p.executeUpdate();
                }
                return null;
            });
        }
        assertTrue(filesHold(MARKER), "version 3 kept plain text");
        try (SqliteStore store = open(key)) {
            assertEquals(
                    Fixture.session("Ana " + MARKER),
                    store.sessions().load(couple).orElseThrow().session());
            assertEquals(
                    List.of("thanks for " + MARKER),
                    store.journal().list(couple).stream()
                            .map(JournalEntry::text)
                            .toList());
        }
        assertFalse(filesHold(MARKER), "encrypted in place, the old text overwritten");
    }

    @Test
    void aMarkerInAnUpdateWaitingInTheInboxAndInAMessageWaitingInTheOutboxIsInNeitherTheFileNorItsLog() {
        DataKey key = DataKey.random();
        String update = "{\"update_id\":7,\"message\":{\"text\":\"I miss you " + MARKER + "\"}}";
        try (SqliteStore store = open(key)) {
            long couple = Fixture.couple(store, 11, 22, Fixture.GROUP);
            assertTrue(store.inbox().receive(7, update));
            store.inbox().receiveAll(Map.of(8L, update.replace("7", "8")));
            long queued = store.outbox()
                    .enqueue(
                            couple,
                            new Outgoing(11, OutboxKind.SEND, "{\"text\":\"Ana wrote: " + MARKER + "\"}", null));
            assertFalse(filesHold(MARKER), "pending and unsent, the marker is encrypted in the file and its log");
            assertEquals(
                    List.of(update, update.replace("7", "8")),
                    store.inbox().pending().stream()
                            .map(ReceivedUpdate::rawJson)
                            .toList());
            assertEquals(
                    "{\"text\":\"Ana wrote: " + MARKER + "\"}",
                    store.outbox().entry(queued).orElseThrow().payload());
            assertEquals(queued, store.outbox().due(clock.instant(), 10).get(0).id());

            long refused = store.outbox()
                    .enqueue(couple, new Outgoing(11, OutboxKind.SEND, "{\"text\":\"" + MARKER + "\"}", null));
            store.outbox().markFailed(refused, "Bad Request: chat not found");
            assertEquals(
                    "", store.outbox().entry(refused).orElseThrow().payload(), "a given-up message keeps no payload");
            store.inbox().markFailed(7);
            assertFalse(filesHold(MARKER), "a failed update keeps its JSON, encrypted");
            store.inbox().markDone(8);
            store.outbox().markSent(queued);
            assertEquals("", store.outbox().entry(queued).orElseThrow().payload(), "a sent message keeps no payload");
            assertEquals(
                    "",
                    Rows.text(store, "SELECT raw_json FROM inbox WHERE update_id = 8"),
                    "a done update keeps no JSON");
        }
    }

    @Test
    void anInboxJsonOrOutboxPayloadMovedToAnotherRowIsNeverServed() {
        try (SqliteStore store = open(DataKey.random())) {
            long couple = Fixture.couple(store, 11, 22, Fixture.GROUP);
            store.inbox().receive(1, "{\"one\":1}");
            store.inbox().receive(2, "{\"two\":2}");
            long first = store.outbox().enqueue(couple, new Outgoing(11, OutboxKind.SEND, "{\"text\":\"one\"}", null));
            long second = store.outbox().enqueue(couple, new Outgoing(11, OutboxKind.SEND, "{\"text\":\"two\"}", null));
            store.database().write("move values between rows", c -> {
                try (var s = c.createStatement()) {
                    s.execute("UPDATE inbox SET raw_json = (SELECT raw_json FROM inbox WHERE update_id = 1) "
                            + "WHERE update_id = 2");
                    s.execute("UPDATE outbox SET payload = (SELECT payload FROM outbox WHERE id = " + first + ") "
                            + "WHERE id = " + second);
                }
                return null;
            });
            assertThrows(DataKey.TamperedException.class, () -> store.inbox().pending());
            assertEquals(
                    "",
                    store.outbox().entry(second).orElseThrow().payload(),
                    "served empty, which the sender gives up as failed");
            assertEquals(
                    "{\"text\":\"one\"}",
                    store.outbox().entry(first).orElseThrow().payload());
        }
    }

    @Test
    void aPendingUpdateAndAnUnsentMessageOfAVersion4DatabaseAreEncryptedAtTheFirstOpenAndReadBack() {
        DataKey key = DataKey.random();
        String update = "{\"update_id\":3,\"message\":{\"text\":\"" + MARKER + "\"}}";
        String payload = "{\"text\":\"Ana shared: " + MARKER + "\"}";
        try (SqliteStore old =
                SqliteStore.open(Database.open(file(), clock, key, 4), SqliteSessionStore.CacheSettings.DEFAULT)) {
            old.database().write("write as version 4 did", c -> {
                try (var p = c.prepareStatement(
                        "INSERT INTO inbox (update_id, raw_json, received, state) " + "VALUES (3, ?, 0, 'pending')")) {
                    p.setString(1, update);
                    p.executeUpdate();
                }
                try (var p = c.prepareStatement("INSERT INTO inbox (update_id, raw_json, received, state, done) "
                        + "VALUES (2, '', 0, 'done', 0)")) {
                    p.executeUpdate();
                }
                try (var p = c.prepareStatement("INSERT INTO outbox (chat_id, kind, payload, created, next_attempt, "
                        + "state) VALUES (11, 'send', ?, 0, 0, 'pending')")) {
                    p.setString(1, payload);
                    p.executeUpdate();
                }
                return null;
            });
        }
        assertTrue(filesHold(MARKER), "version 4 kept the inbox and the outbox in plain text");
        try (SqliteStore store = open(key)) {
            assertEquals(
                    List.of(update),
                    store.inbox().pending().stream()
                            .map(ReceivedUpdate::rawJson)
                            .toList());
            assertEquals(payload, store.outbox().due(clock.instant(), 10).get(0).payload());
            assertEquals(
                    "",
                    Rows.text(store, "SELECT raw_json FROM inbox WHERE update_id = 2"),
                    "an erased value stays erased");
        }
        assertFalse(filesHold(MARKER), "encrypted in place, the old text overwritten");
    }
}
