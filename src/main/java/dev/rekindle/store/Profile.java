package dev.rekindle.store;

import java.time.Instant;

/**
 * Where a user stands in onboarding and what they said there.
 *
 * @param step          the onboarding step they are on ({@link Step#DONE} once finished)
 * @param adult         they said they are 18 or older
 * @param consented     when they agreed to the privacy note; null before
 * @param safety        their answer to the private safety question; null before it was asked
 * @param screened      when they answered it; null before
 * @param pendingInvite the hash of an invitation they opened before finishing onboarding; null if none
 */
public record Profile(long userId, Step step, boolean adult, Instant consented, Safety safety, Instant screened,
                      String pendingInvite) {

    public enum Step {
        ABOUT, AGE, PRIVACY, NAME, ZONE, SAFETY, DONE, UNDER_AGE
    }

    /** The answer to "do you feel safe with your partner?". Never shown to the partner. */
    public enum Safety {
        SAFE, UNSAFE, UNSAID
    }

    /** A user who has just met the bot. */
    public static Profile start(long userId) {
        return new Profile(userId, Step.ABOUT, false, null, null, null, null);
    }

    public boolean onboarded() {
        return step == Step.DONE;
    }

    public boolean unsafe() {
        return safety == Safety.UNSAFE;
    }

    public Profile at(Step next) {
        return new Profile(userId, next, adult, consented, safety, screened, pendingInvite);
    }

    public Profile adult(boolean isAdult) {
        return new Profile(userId, step, isAdult, consented, safety, screened, pendingInvite);
    }

    public Profile consentedAt(Instant when) {
        return new Profile(userId, step, adult, when, safety, screened, pendingInvite);
    }

    public Profile screened(Safety answer, Instant when) {
        return new Profile(userId, step, adult, consented, answer, when, pendingInvite);
    }

    public Profile pendingInvite(String codeHash) {
        return new Profile(userId, step, adult, consented, safety, screened, codeHash);
    }
}
