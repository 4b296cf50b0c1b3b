package io.github.agoratokenrs.java;

/**
 * An input the official builders accept and this library builds the same way, but that is
 * almost certainly a mistake (see {@link CompatWarnings}). {@code code} is the core's stable
 * code, the same string in every binding: {@code role_read_as_join_only},
 * {@code undefined_privilege}, {@code expiry_looks_absolute}, {@code expiry_looks_relative},
 * {@code lifetime_over_24h} or {@code undefined_rtm2_type}. {@code message} says what upstream
 * does with the value and what to pass instead.
 */
public record CompatWarning(String code, String message) {}
