package dev.rekindle.store.sqlite;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connection that keeps its prepared statements: the store's code prepares each statement where it runs it
 * (try-with-resources), and SQLite's parse and plan of the same SQL text, with the driver's objects around
 * it, then cost more than running it (measured in the end-to-end benchmark: docs/performance.md). Here
 * {@code prepareStatement(sql)} hands back the statement prepared the last time, and its {@code close()} only
 * clears the parameters and makes it free again. A statement still in use (its close not yet called, e.g. the
 * same query nested inside a loop over its own results) is never handed out twice: the second one is
 * prepared afresh and closed for real. A connection is used by one thread at a time (the writer, or a
 * reader taken from the pool); the cache's lock is for the close at shutdown, which another thread may call.
 */
final class CachedStatements implements InvocationHandler {
    /** Distinct SQL texts kept per connection; the store has fewer, so nothing is evicted in practice. */
    private static final int MAX = 256;

    private final Connection raw;
    // synchronized although a connection is used by one thread at a time: the store's close, at shutdown, comes from
    // another thread while a reader may still be in use, and an access-ordered map changes even on a get
    private final Map<String, Entry> cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            if (size() > MAX && !eldest.getValue().inUse) {
                closeQuietly(eldest.getValue().statement);
                return true;
            }
            return false;
        }
    });

    private static final class Entry {
        final PreparedStatement statement;
        final PreparedStatement handedOut;
        boolean inUse;
        /** The last query's results: closed (which resets the statement) when the statement is given back. */
        ResultSet results;

        Entry(PreparedStatement statement, PreparedStatement handedOut) {
            this.statement = statement;
            this.handedOut = handedOut;
        }
    }

    private CachedStatements(Connection raw) {
        this.raw = raw;
    }

    static Connection wrap(Connection raw) {
        return (Connection) Proxy.newProxyInstance(
                CachedStatements.class.getClassLoader(), new Class<?>[] {Connection.class}, new CachedStatements(raw));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("prepareStatement") && args != null && args.length == 1) {
            return prepare((String) args[0]);
        }
        if (name.equals("close") && (args == null || args.length == 0)) {
            cache.values().forEach(e -> closeQuietly(e.statement));
            cache.clear();
        }
        try {
            return method.invoke(raw, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        Entry e = cache.get(sql);
        if (e == null) {
            PreparedStatement s = raw.prepareStatement(sql);
            Entry made = new Entry(s, handedOut(s, sql));
            cache.put(sql, made);
            e = made;
        } else if (e.inUse) {
            return raw.prepareStatement(sql); // nested use of the same text: its own statement, closed for real
        }
        e.inUse = true;
        return e.handedOut;
    }

    /** The statement as the caller sees it: closing it gives it back. */
    private PreparedStatement handedOut(PreparedStatement s, String sql) {
        return (PreparedStatement) Proxy.newProxyInstance(
                CachedStatements.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && (args == null || args.length == 0)) {
                        Entry e = cache.get(sql);
                        if (e != null && e.statement == s) {
                            e.inUse = false;
                            try {
                                // a statement left in the middle of its rows would hold its read transaction open
                                if (e.results != null) {
                                    e.results.close();
                                    e.results = null;
                                }
                                s.clearParameters();
                            } catch (SQLException x) {
                                cache.remove(sql); // a statement that cannot be reset is not kept
                                closeQuietly(s);
                            }
                        } else {
                            s.close(); // evicted meanwhile
                        }
                        return null;
                    }
                    if (method.getName().equals("isClosed") && (args == null || args.length == 0)) {
                        Entry e = cache.get(sql);
                        return e == null || e.statement != s || !e.inUse || s.isClosed();
                    }
                    Object result;
                    try {
                        result = method.invoke(s, args);
                    } catch (InvocationTargetException x) {
                        throw x.getCause();
                    }
                    if (result instanceof ResultSet rs) {
                        Entry e = cache.get(sql);
                        if (e != null && e.statement == s) {
                            e.results = rs;
                        }
                    }
                    return result;
                });
    }

    private static void closeQuietly(PreparedStatement s) {
        try {
            s.close();
        } catch (SQLException ignored) {
            // the connection is closing or the statement is broken: nothing to keep either way
        }
    }
}
