package io.github.agoratokenrs.java;

import java.util.OptionalLong;

/**
 * The issue time and salt of a token (default: the system clock and a random salt), and strict
 * mode. Immutable; every builder method of the drop-in classes has an overload taking it as its
 * last argument, which upstream Java lacks:
 *
 * <pre>{@code
 * TokenOptions fixed = TokenOptions.defaults().withIssuedAt(1_700_000_000L).withSalt(1);
 * new RtcTokenBuilder2().buildTokenWithUid(appId, cert, "room", 42, Role.ROLE_PUBLISHER, 600, 600, fixed);
 * }</pre>
 *
 * <p>Times and salts are unsigned 32-bit numbers in a token: pass 0..4294967295, or a Java
 * {@code int}'s value (a negative {@code int} stands for its unsigned 32 bits, as upstream's
 * {@code ByteBuffer.putInt} packs it). For 006 tokens the issue time is "now": the token expires
 * 24 hours after it.
 *
 * <p>Strict mode refuses, with a typed {@link AgoraTokenException}, what the drop-in classes
 * otherwise build and warn about (unknown role numbers, 007 expiries that look like Unix
 * timestamps, 006 expiries that look like seconds, undefined 006 privileges).
 */
public final class TokenOptions {
    private static final TokenOptions DEFAULTS = new TokenOptions(null, null, false);

    private final Long issuedAt;
    private final Long salt;
    private final boolean strict;

    private TokenOptions(Long issuedAt, Long salt, boolean strict) {
        this.issuedAt = issuedAt;
        this.salt = salt;
        this.strict = strict;
    }

    /** The clock, a random salt, upstream's lenient reading. */
    public static TokenOptions defaults() {
        return DEFAULTS;
    }

    /** These options with a fixed issue time (Unix seconds). */
    public TokenOptions withIssuedAt(long unixSeconds) {
        return new TokenOptions(u32("issuedAt", unixSeconds), salt, strict);
    }

    /** These options with a fixed salt. */
    public TokenOptions withSalt(long salt) {
        return new TokenOptions(issuedAt, u32("salt", salt), strict);
    }

    /** These options in strict mode (or not). */
    public TokenOptions strict(boolean strict) {
        return new TokenOptions(issuedAt, salt, strict);
    }

    /** The fixed issue time as an unsigned value, if set. */
    public OptionalLong issuedAt() {
        return issuedAt == null ? OptionalLong.empty() : OptionalLong.of(issuedAt);
    }

    /** The fixed salt as an unsigned value, if set. */
    public OptionalLong salt() {
        return salt == null ? OptionalLong.empty() : OptionalLong.of(salt);
    }

    /** Whether surprising input is refused instead of built with a warning. */
    public boolean isStrict() {
        return strict;
    }

    /** Whether these are the defaults (passed to the library as NULL). */
    public boolean isDefault() {
        return issuedAt == null && salt == null && !strict;
    }

    private static long u32(String field, long value) {
        if (value < Integer.MIN_VALUE || value > 0xFFFF_FFFFL) {
            throw new AgoraTokenException(12, "invalid_argument", "invalid " + field + ": " + value
                    + " is outside -2147483648..4294967295: tokens hold 32 bits, given as a Java int (negative values "
                    + "are packed as their unsigned 32 bits, as upstream does) or 0 to 4294967295");
        }
        return value & 0xFFFF_FFFFL;
    }

    @Override
    public String toString() {
        return "TokenOptions[issuedAt=" + (issuedAt == null ? "clock" : issuedAt) + ", salt="
                + (salt == null ? "random" : salt) + ", strict=" + strict + "]";
    }
}
