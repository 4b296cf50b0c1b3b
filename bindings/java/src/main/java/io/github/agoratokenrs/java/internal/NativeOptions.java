package io.github.agoratokenrs.java.internal;

import com.sun.jna.Structure;

/**
 * C {@code AgoraTokenOptions}: {@code uint32_t issued_at, salt; uint8_t has_issued_at, has_salt,
 * strict} (12 bytes with the padding). Internal; see {@code io.github.agoratokenrs.java.TokenOptions}.
 */
@Structure.FieldOrder({"issued_at", "salt", "has_issued_at", "has_salt", "strict"})
public final class NativeOptions extends Structure {
    public int issued_at;
    public int salt;
    public byte has_issued_at;
    public byte has_salt;
    public byte strict;

    /** The options of one call: any 32-bit issue time and salt (an {@code int}'s bits), each optional. */
    public NativeOptions(boolean hasIssuedAt, int issuedAt, boolean hasSalt, int salt, boolean strict) {
        this.issued_at = issuedAt;
        this.salt = salt;
        this.has_issued_at = (byte) (hasIssuedAt ? 1 : 0);
        this.has_salt = (byte) (hasSalt ? 1 : 0);
        this.strict = (byte) (strict ? 1 : 0);
    }
}
