package dev.rekindle.store.sqlite;

import dev.rekindle.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * One process per database file, held through an operating-system lock on {@code rekindle.db.lock} beside it. Two
 * bots on one file would both poll Telegram and answer twice, and a key rotation beside a running bot would leave
 * rows the new key cannot read. Inside one JVM the lock is counted, so tests and a restart in place may open the
 * file again; only {@link #exclusive} wants nobody else at all.
 */
final class ProcessLock implements AutoCloseable {
    private static final Map<Path, Held> HELD = new HashMap<>(); // guarded by HELD

    private static final class Held {
        final FileChannel channel;
        final FileLock lock;
        int users;

        Held(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }
    }

    private final Path key;
    private boolean released; // guarded by HELD

    private ProcessLock(Path key) {
        this.key = key;
    }

    /** Takes the lock for a store that opens {@code database}; other opens in this JVM share it. */
    static ProcessLock shared(Path database) {
        return take(database, false);
    }

    /** Takes the lock only when nothing else, in this process or another, has the database open. */
    static ProcessLock exclusive(Path database) {
        return take(database, true);
    }

    static Path lockFile(Path database) {
        return database.resolveSibling(database.getFileName() + ".lock");
    }

    private static ProcessLock take(Path database, boolean alone) {
        Path file = lockFile(database.toAbsolutePath().normalize());
        synchronized (HELD) {
            Held held = HELD.get(file);
            if (held != null && alone) {
                throw inUse(database, "this process");
            }
            if (held == null) {
                held = lockOs(database, file);
                HELD.put(file, held);
            }
            held.users++;
            return new ProcessLock(file);
        }
    }

    private static Held lockOs(Path database, Path file) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw inUse(database, "another process");
            }
            return new Held(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException(
                    "cannot lock " + file + ": " + e.getMessage() + "; check the folder's permissions", e);
        }
    }

    private static StoreException inUse(Path database, String who) {
        return new StoreException("database " + database + " is open in " + who
                + " (a running bot or chat); stop it first, then try again");
    }

    @Override
    public void close() {
        synchronized (HELD) {
            if (released) {
                return;
            }
            released = true;
            Held held = HELD.get(key);
            if (held != null && --held.users == 0) {
                HELD.remove(key);
                try {
                    held.lock.release();
                } catch (IOException e) {
                    // the channel's close below releases it as well
                }
                closeQuietly(held.channel);
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written through it; closing is all that was left
        }
    }
}
