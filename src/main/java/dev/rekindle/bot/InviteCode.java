package dev.rekindle.bot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The code in an invitation link {@code t.me/<bot>?start=<code>}: 128 random bits from {@link SecureRandom},
 * base64url without padding (22 characters of {@code A-Z a-z 0-9 _ -}, well inside Telegram's 64-character
 * start payload). Only its SHA-256 is stored, so a copy of the database cannot be used to join a couple.
 */
public record InviteCode(String code) {
    public static final int BYTES = 16;
    public static final int LENGTH = 22;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{" + LENGTH + "}");

    public InviteCode {
        if (!wellFormed(code)) {
            throw new IllegalArgumentException("an invitation code is " + LENGTH + " characters of A-Z a-z 0-9 _ -");
        }
    }

    public static InviteCode random(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return new InviteCode(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    public static boolean wellFormed(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    /** The SHA-256 of the code, in hex: what the database keeps. */
    public String hash() {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256, which every Java must have", e);
        }
    }

    /** Never the code itself: it is a key to a couple. */
    @Override
    public String toString() {
        return "InviteCode[(" + code.length() + " chars)]";
    }
}
