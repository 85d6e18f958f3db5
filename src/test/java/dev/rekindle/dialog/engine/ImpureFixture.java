package dev.rekindle.dialog.engine;

/** A class that breaks the engine's rules on purpose, so that ArchitectureTest can show its rules catch it. */
final class ImpureFixture {
    private ImpureFixture() {}

    static long readsTheClockAndTheDisk() throws java.io.IOException {
        java.nio.file.Files.size(java.nio.file.Path.of("x"));
        return java.time.Instant.now().toEpochMilli() + new java.util.Random().nextInt();
    }
}
