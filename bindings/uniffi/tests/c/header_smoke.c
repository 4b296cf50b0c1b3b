/*
 * ABI smoke test of the Rust library through the generated C header that the Swift
 * bindings import (AgoraTokenFFI.h), since no Swift compiler is available here:
 *  1. the checks the generated Swift runs when it loads the library (contract version and
 *     one checksum per exported function), with the values taken from the generated Swift;
 *  2. real calls: create Credentials, build a signaling token (compared with a conformance
 *     vector), and a typed error (InvalidAppId) decoded from the error buffer.
 * Usage: header_smoke APP_ID CERT ACCOUNT EXPIRED_TS EXPECTED_TOKEN
 * Prints "N passed, M failed" and exits 1 on any failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "AgoraTokenFFI.h"
#include "swift_checks.h" /* written by scripts/test-uniffi.sh from the generated Swift */

static int passed, failed;

static void check(int ok, const char *what) {
    if (ok) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "FAIL %s\n", what);
    }
}

/* A string argument: uniffi lowers it as a RustBuffer holding the UTF-8 bytes. */
static RustBuffer string_arg(const char *text) {
    RustCallStatus status = {0};
    ForeignBytes bytes = {(int32_t)strlen(text), (const uint8_t *)text};
    RustBuffer buf = ffi_agora_token_uniffi_rustbuffer_from_bytes(bytes, &status);
    check(status.code == 0, "rustbuffer_from_bytes");
    return buf;
}

static void free_buffer(RustBuffer buf) {
    RustCallStatus status = {0};
    ffi_agora_token_uniffi_rustbuffer_free(buf, &status);
}

/* Whether needle occurs in the len bytes at haystack (error buffers are not NUL-terminated). */
static int contains(const uint8_t *haystack, size_t len, const char *needle) {
    size_t n = strlen(needle);
    for (size_t i = 0; n <= len && i <= len - n; i++) {
        if (memcmp(haystack + i, needle, n) == 0) return 1;
    }
    return 0;
}

static int32_t read_i32_be(const uint8_t *p) {
    return (int32_t)(((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3]);
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: %s APP_ID CERT ACCOUNT EXPIRED_TS EXPECTED_TOKEN\n", argv[0]);
        return 2;
    }
    const char *app_id = argv[1], *cert = argv[2], *account = argv[3], *expected = argv[5];
    uint32_t expired_ts = (uint32_t)strtoul(argv[4], NULL, 10);

    /* 1. What the Swift bindings check at load time. */
    check(ffi_agora_token_uniffi_uniffi_contract_version() == SWIFT_CONTRACT_VERSION, "contract version");
    size_t n = sizeof(SWIFT_CHECKSUMS) / sizeof(SWIFT_CHECKSUMS[0]);
    check(n == SWIFT_CHECKSUM_FUNCTIONS_IN_HEADER, "the Swift checks every checksum function of the header");
    for (size_t i = 0; i < n; i++) {
        check(SWIFT_CHECKSUMS[i].fn() == SWIFT_CHECKSUMS[i].expected, SWIFT_CHECKSUMS[i].name);
    }

    /* 2a. Credentials + signaling token, compared with the conformance vector. */
    RustCallStatus status = {0};
    uint64_t credentials =
        uniffi_agora_token_uniffi_fn_constructor_credentials_new(string_arg(app_id), string_arg(cert), &status);
    check(status.code == 0 && credentials != 0, "Credentials(appId, appCertificate)");
    if (status.code == 0) {
        RustBuffer token =
            uniffi_agora_token_uniffi_fn_func_build_signaling_token(credentials, string_arg(account), expired_ts, &status);
        check(status.code == 0, "build_signaling_token status");
        check(status.code == 0 && token.len == strlen(expected) && memcmp(token.data, expected, token.len) == 0,
              "build_signaling_token = conformance vector");
        free_buffer(token);
        uniffi_agora_token_uniffi_fn_free_credentials(credentials, &status);
        check(status.code == 0, "free Credentials");
    }

    /* 2b. A bad app id: status 1 (an expected error) carrying AgoraTokenError variant 1
     * (InvalidAppId) and the core's message, as Swift would throw it. */
    RustCallStatus error = {0};
    uniffi_agora_token_uniffi_fn_constructor_credentials_new(string_arg("abc"), string_arg(cert), &error);
    check(error.code == 1, "bad app id gives an error status");
    if (error.code == 1 && error.errorBuf.len >= 8) {
        const uint8_t *p = error.errorBuf.data;
        int32_t variant = read_i32_be(p), len = read_i32_be(p + 4);
        const char *prefix = "app id must be 32 hexadecimal characters";
        check(variant == 1, "error variant is InvalidAppId");
        check(len > 0 && (uint64_t)len + 8 == error.errorBuf.len && (size_t)len >= strlen(prefix) && memcmp(p + 8, prefix, strlen(prefix)) == 0,
              "error message is the core's");
        check(!contains(p + 8, (size_t)len, cert), "message does not contain the certificate");
        free_buffer(error.errorBuf);
    }

    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
