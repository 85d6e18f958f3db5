package dev.rekindle.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.engine.Engine;
import dev.rekindle.dialog.load.DialogLoader;
import dev.rekindle.store.Member;
import dev.rekindle.store.Profile;
import dev.rekindle.store.Profile.Step;
import dev.rekindle.store.Reply;
import dev.rekindle.store.SqliteStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Onboarding's own decisions, on a real SQLite file, with the shipped sentences. */
class OnboardingTest {
    private static final long USER = 444555666L;

    @TempDir
    Path dir;

    @Test
    void aCityOrOffsetWeKnowIsTheTimeZoneEvenWhenTheSafetyDetectorFlagsItButAnythingElseFlaggedGoesToTheCore() {
        // the shipped classifier took "Toronto" for a crisis (CoupleJourneyIT found it): this detector flags everything
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-30T12:00:00Z"));
        try (SqliteStore store = SqliteStore.open(dir.resolve("rekindle.db"), clock)) {
            Engine engine = new Engine(DialogLoader.loadDirectory(Path.of("dialogs")).library().orElseThrow());
            Onboarding onboarding = new Onboarding(store, engine, clock, "rekindle_bot", new SecureRandom(),
                    (chat, name, file) -> true, text -> true);
            store.couples().createUser(USER, "Alex", ZoneOffset.UTC);
            long couple = store.couples().startCouple(USER);
            store.couples().registerPrivateChat(USER, USER);
            Member alex = store.couples().find(USER, USER).orElseThrow();
            store.pairings().save(Profile.start(USER).adult(true).consentedAt(clock.instant()).at(Step.ZONE), null, null,
                    new Reply(List.of(), OptionalLong.empty()));

            Received crisis = new Received.Text(1, alex, "I can't go on anymore");
            assertEquals(Optional.of(crisis), onboarding.route(crisis, USER, USER, "Alexandra"),
                    "a flagged text that is no time zone goes to the core, whose safety hook answers it");
            assertEquals(Step.ZONE, store.pairings().profile(USER).orElseThrow().step());

            store.inbox().receive(2, "{}");
            Received city = new Received.Text(2, alex, "Toronto");
            assertTrue(onboarding.route(city, USER, USER, "Alexandra").isEmpty(), "onboarding took the answer");
            assertEquals(Step.SAFETY, store.pairings().profile(USER).orElseThrow().step(), "the safety question comes next");
            assertEquals("America/Toronto", store.couples().user(USER).orElseThrow().timeZone().getId());
            assertEquals(couple, store.couples().coupleOf(USER).orElseThrow().id());
        }
    }
}
