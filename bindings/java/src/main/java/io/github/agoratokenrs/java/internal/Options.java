package io.github.agoratokenrs.java.internal;

import io.github.agoratokenrs.java.TokenOptions;

/** {@link TokenOptions} as the C struct. Internal. */
public final class Options {
    private Options() {}

    /** The C options for these (null for the defaults, which the library reads as NULL). */
    public static NativeOptions of(TokenOptions options) {
        if (options == null || options.isDefault()) {
            return null;
        }
        return new NativeOptions(options.issuedAt().isPresent(), (int) options.issuedAt().orElse(0),
                options.salt().isPresent(), (int) options.salt().orElse(0), options.isStrict());
    }

    /** A fixed issue time and salt, as upstream's objects hold them (Java ints, packed as their 32 bits). */
    public static NativeOptions fixed(int issuedAt, int salt) {
        return new NativeOptions(true, issuedAt, true, salt, false);
    }
}
