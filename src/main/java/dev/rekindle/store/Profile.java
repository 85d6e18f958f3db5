package dev.rekindle.store;

import java.time.Instant;

/**
 * Where a user stands in onboarding and what they said there.
 *
 * @param step          the onboarding stage they are at ({@link OnboardingStage#DONE} once finished)
 * @param adult         they said they are 18 or older
 * @param consented     when they agreed to the privacy note; null before
 * @param safety        their answer to the private safety question; null before it was asked
 * @param screened      when they answered it; null before
 * @param pendingInvite the hash of an invitation they opened before finishing onboarding; null if none
 */
public record Profile(
        long userId,
        OnboardingStage step,
        boolean adult,
        Instant consented,
        ScreeningAnswer safety,
        Instant screened,
        String pendingInvite) {

    /**
     * Where a user is in onboarding: the question they are asked, or DONE, or UNDER_AGE. Stored by name, in lower
     * case ({@code profiles.step}), so a constant keeps its name.
     */
    public enum OnboardingStage {
        ABOUT,
        AGE,
        PRIVACY,
        NAME,
        ZONE,
        SAFETY,
        DONE,
        UNDER_AGE
    }

    /**
     * The answer to the private screening "do you feel safe with your partner?". Never shown to the partner. Stored
     * by name, in lower case ({@code profiles.safety}), so a constant keeps its name.
     */
    public enum ScreeningAnswer {
        SAFE,
        UNSAFE,
        UNSAID
    }

    /** A user who has just met the bot. */
    public static Profile start(long userId) {
        return new Profile(userId, OnboardingStage.ABOUT, false, null, null, null, null);
    }

    public boolean onboarded() {
        return step == OnboardingStage.DONE;
    }

    public boolean unsafe() {
        return safety == ScreeningAnswer.UNSAFE;
    }

    public Profile at(OnboardingStage next) {
        return new Profile(userId, next, adult, consented, safety, screened, pendingInvite);
    }

    public Profile adult(boolean isAdult) {
        return new Profile(userId, step, isAdult, consented, safety, screened, pendingInvite);
    }

    public Profile consentedAt(Instant when) {
        return new Profile(userId, step, adult, when, safety, screened, pendingInvite);
    }

    public Profile screened(ScreeningAnswer answer, Instant when) {
        return new Profile(userId, step, adult, consented, answer, when, pendingInvite);
    }

    public Profile pendingInvite(String codeHash) {
        return new Profile(userId, step, adult, consented, safety, screened, codeHash);
    }
}
