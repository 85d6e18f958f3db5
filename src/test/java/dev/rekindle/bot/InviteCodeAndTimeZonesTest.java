package dev.rekindle.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InviteCodeAndTimeZonesTest {

    @Test
    void anInvitationCodeCarries128RandomBitsInTwentyTwoUrlSafeCharacters() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            InviteCode c = InviteCode.random(random);
            assertTrue(c.code().matches("[A-Za-z0-9_-]{22}"), c.code());
            assertTrue(c.code().length() <= 64, "fits Telegram's start payload");
            seen.add(c.code());
        }
        assertEquals(1000, seen.size());
        assertTrue(InviteCode.BYTES * 8 >= 96);
    }

    @Test
    void onlyTheHashOfACodeIsKeptAndItNeverPrintsTheCode() {
        InviteCode c = InviteCode.random(new SecureRandom());
        assertEquals(64, c.hash().length());
        assertNotEquals(c.code(), c.hash());
        assertFalse(c.toString().contains(c.code()));
    }

    @Test
    void malformedCodesAreRecognised() {
        assertFalse(InviteCode.wellFormed("abc"));
        assertFalse(InviteCode.wellFormed("A".repeat(21) + "!"));
        assertFalse(InviteCode.wellFormed(null));
        assertTrue(InviteCode.wellFormed("A".repeat(22)));
    }

    @Test
    void aTimeZoneComesFromAnOffsetACityOrAZoneIdAndNothingIsGuessed() {
        assertEquals(Optional.of(ZoneOffset.ofHours(2)), TimeZones.parse("+2"));
        assertEquals(Optional.of(ZoneOffset.ofHoursMinutes(-5, -30)), TimeZones.parse("-5:30"));
        assertEquals(Optional.of(ZoneOffset.ofHoursMinutes(5, 45)), TimeZones.parse("UTC+5:45"));
        assertEquals(Optional.of(ZoneOffset.ofHours(-3)), TimeZones.parse("GMT -3"));
        assertEquals(Optional.of(ZoneOffset.UTC), TimeZones.parse("utc"));
        assertEquals(Optional.of(ZoneId.of("America/New_York")), TimeZones.parse("  New   York "));
        assertEquals(Optional.of(ZoneId.of("Europe/Vienna")), TimeZones.parse("Europe/Vienna"));
        assertEquals(Optional.empty(), TimeZones.parse("Springfield"));
        assertEquals(Optional.empty(), TimeZones.parse("+15"));
        assertEquals(Optional.empty(), TimeZones.parse("+2:17"));
        assertEquals(Optional.empty(), TimeZones.parse("Mars/Olympus"));
    }
}
