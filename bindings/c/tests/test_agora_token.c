/* Tests of the C API (bindings/c/include/agora_token.h), run by scripts/test-c.sh: the shared
 * conformance vectors, the drop-in readings and their warnings, every error path with its
 * status, code string and message, ownership, and a thread-safety smoke. The script runs it a
 * second time under valgrind, which must report no leak and no error.
 *
 * Build: cc -std=c11 -I bindings/c/include -I <dir of vectors.h> -I bindings/c/tests \
 *        test_agora_token.c libagora_token_c.a -lpthread -ldl -lm */
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agora_token.h"
#include "vectors.h"

#define S(text) (text), strlen(text)

static const char APP_ID[] = "970CA35de60c44645bbae8a215061b33";
static const char CERT[] = "5CFd2fd1755d40ecb72977518be15d3b";
/* Any returned string containing this (the certificate's first half) leaks the secret. */
static const char CERT_PREFIX[] = "5CFd2fd1755d40ec";

static int cases_passed, cases_failed, case_failed;
static const char *case_name;

static void fail(const char *file, int line, const char *format, ...) {
  va_list args;
  if (!case_failed) fprintf(stderr, "FAIL %s\n", case_name);
  case_failed = 1;
  fprintf(stderr, "  %s:%d: ", file, line);
  va_start(args, format);
  vfprintf(stderr, format, args);
  va_end(args);
  fputc('\n', stderr);
}

#define CHECK(cond, ...) \
  do { \
    if (!(cond)) fail(__FILE__, __LINE__, __VA_ARGS__); \
  } while (0)

static void begin(const char *name) {
  case_name = name;
  case_failed = 0;
}

static void end(void) {
  if (case_failed) {
    cases_failed++;
  } else {
    cases_passed++;
  }
}

#define RUN(test) \
  do { \
    begin(#test); \
    test(); \
    end(); \
  } while (0)

/* Checks a string the library returned: never the certificate. */
static void check_returned(const char *text) {
  CHECK(text == NULL || strstr(text, CERT_PREFIX) == NULL, "returned string contains the certificate: %s", text);
}

/* Checks success, printing the message otherwise, and frees the message. */
/* The status of the call under test, taken before its out-values are read (C leaves the order
 * in which function arguments are evaluated open, so the checks are macros with a comma). */
static AgoraTokenStatus last_status;

#define EXPECT_OK(call, message) (last_status = (call), expect_ok(__FILE__, __LINE__, last_status, (message)))
static int expect_ok(const char *file, int line, AgoraTokenStatus status, char *message) {
  if (status != AGORA_TOKEN_STATUS_OK) {
    fail(file, line, "status %d (%s): %s", (int)status, agora_token_status_code(status), message ? message : "");
  } else if (message != NULL) {
    fail(file, line, "a message on success: %s", message);
  }
  agora_token_free(message);
  return status == AGORA_TOKEN_STATUS_OK;
}

/* Checks a failure: its status, that the code string names it, and that the message says
 * `fragment` without the certificate. Frees the message. */
#define EXPECT_ERROR(call, message, expected, code, fragment) \
  (last_status = (call), expect_error(__FILE__, __LINE__, last_status, (message), (expected), (code), (fragment)))
static void expect_error(const char *file, int line, AgoraTokenStatus status, char *message, AgoraTokenStatus expected,
                         const char *code, const char *fragment) {
  if (status != expected) fail(file, line, "status %d, expected %d (%s): %s", (int)status, (int)expected, code, message);
  if (strcmp(agora_token_status_code(status), code) != 0)
    fail(file, line, "code %s, expected %s", agora_token_status_code(status), code);
  if (message == NULL || strstr(message, fragment) == NULL)
    fail(file, line, "message \"%s\" does not say \"%s\"", message ? message : "(null)", fragment);
  check_returned(message);
  agora_token_free(message);
}

static AgoraTokenOptions fixed(uint32_t issued_at, uint32_t salt) {
  AgoraTokenOptions options = {0};
  options.issued_at = issued_at;
  options.salt = salt;
  options.has_issued_at = 1;
  options.has_salt = 1;
  return options;
}

static const Vector007 *vector_007(const char *id) {
  for (size_t i = 0; i < VECTORS_007_COUNT; i++)
    if (strcmp(VECTORS_007[i].id, id) == 0) return &VECTORS_007[i];
  fprintf(stderr, "no vector %s\n", id);
  exit(2);
}

/* Checks that a call made the expected token, and frees it. */
#define EXPECT_TOKEN(call, token, message, expected) (last_status = (call), expect_token(last_status, (token), (message), (expected)))
static void expect_token(AgoraTokenStatus status, char *token, char *message, const char *expected) {
  if (expect_ok(__FILE__, __LINE__, status, message)) CHECK(token && strcmp(token, expected) == 0, "token %s\n   expected %s", token, expected);
  check_returned(token);
  agora_token_free(token);
}

/* ---- conformance: the shared vectors ---- */

static int add_vector_service(AgoraTokenBuilder *builder, const VectorService *s) {
  size_t index = 0;
  char *message = NULL;
  AgoraTokenStatus status = AGORA_TOKEN_STATUS_INTERNAL;
  AgoraTokenRtm2Permissions *permissions = NULL;
  switch (s->type) {
    case 1: status = agora_token_builder_add_rtc_account(builder, S(s->channel_name), S(s->uid), &index, &message); break;
    case 2: status = agora_token_builder_add_rtm(builder, S(s->user_id), &index, &message); break;
    case 3:
      status = agora_token_builder_add_streaming_account(builder, S(s->channel_name), S(s->account), &index, &message);
      break;
    case 4: status = agora_token_builder_add_fpa(builder, &index, &message); break;
    case 5: status = agora_token_builder_add_chat(builder, S(s->user_id), &index, &message); break;
    case 6: status = agora_token_builder_add_fcdn_account(builder, S(s->channel_name), S(s->account), &index, &message); break;
    case 7:
      status = agora_token_builder_add_apaas(builder, S(s->room_uuid), S(s->user_uuid), s->role, &index, &message);
      break;
    case 8:
      permissions = agora_token_rtm2_permissions_new();
      for (size_t p = 0; p < s->permission_count; p++) {
        const VectorPermission *pair = &s->permissions[p];
        EXPECT_OK(agora_token_rtm2_permissions_add(permissions, pair->resource_type, pair->permission_type, pair->names,
                                                   pair->lengths, pair->count, &message),
                  message);
        message = NULL;
      }
      status = agora_token_builder_add_rtm2(builder, S(s->user_id), permissions, &index, &message);
      agora_token_rtm2_permissions_free(permissions);
      break;
    case 9: status = agora_token_builder_add_convoai(builder, &index, &message); break;
    case 10: status = agora_token_builder_add_stt(builder, &index, &message); break;
    default: CHECK(0, "service type %u in a vector", s->type);
  }
  if (!EXPECT_OK(status, message)) return 0;
  for (size_t p = 0; p < s->privilege_count; p++) {
    message = NULL;
    status = agora_token_builder_add_privilege(builder, index, s->privileges[p].code, s->privileges[p].expire, &message);
    if (!EXPECT_OK(status, message)) return 0;
  }
  return 1;
}

/* Every 007 build vector through the generic builder: the stock-zlib token string. */
static void vector_007_builds(const Vector007 *v) {
  AgoraTokenOptions options = fixed(v->issued_at, v->salt);
  AgoraTokenBuilder *builder = NULL;
  char *message = NULL, *token = NULL;
  AgoraTokenWarnings *warnings = NULL;
  if (!EXPECT_OK(agora_token_builder_new(S(v->app_id), S(v->app_certificate), v->expire, &options, &warnings, &builder,
                                         &message),
                 message))
    return;
  CHECK(warnings == NULL, "warnings for a %u-second lifetime", v->expire);
  for (size_t i = 0; i < v->service_count; i++)
    if (!add_vector_service(builder, &v->services[i])) break;
  EXPECT_TOKEN(agora_token_builder_build(builder, &token, &message), token, message, v->stock_token);
  agora_token_builder_free(builder);
}

/* Every 007 parse vector: decode (verified when the certificate is known) gives the inputs. */
static void vector_007_parses(const Vector007 *v) {
  char *message = NULL, *json = NULL;
  AgoraTokenStatus status = v->app_certificate
                                ? agora_token_decode(S(v->token), S(v->app_certificate), &json, &message)
                                : agora_token_decode_unverified(S(v->token), &json, &message);
  if (EXPECT_OK(status, message)) CHECK(json && strcmp(json, v->decoded) == 0, "decoded %s\n   expected %s", json, v->decoded);
  check_returned(json);
  agora_token_free(json);
  if (v->app_certificate) {
    message = NULL;
    EXPECT_OK(agora_token_verify(S(v->token), S(v->app_certificate), &message), message);
  }
}

static void conformance(void) {
  char name[160];
  for (size_t i = 0; i < VECTORS_007_COUNT; i++) {
    const Vector007 *v = &VECTORS_007[i];
    if (v->build) {
      snprintf(name, sizeof name, "vector %s builds", v->id);
      begin(name);
      vector_007_builds(v);
      end();
    }
    if (v->parse) {
      snprintf(name, sizeof name, "vector %s decodes", v->id);
      begin(name);
      vector_007_parses(v);
      end();
    }
  }
  for (size_t i = 0; i < VECTORS_006_COUNT; i++) {
    const Vector006 *v = &VECTORS_006[i];
    /* 006 tokens store only their expiry: issue time + 24 hours. */
    AgoraTokenOptions options = fixed(v->expires_at - 86400, v->salt);
    char *message = NULL, *token = NULL;
    AgoraTokenStatus status;
    snprintf(name, sizeof name, "vector %s builds", v->id);
    begin(name);
    if (v->kind == VECTOR_006_RTM) {
      status = agora_token_006_rtm_build_token(S(v->app_id), S(v->app_certificate), S(v->channel_name),
                                               v->privilege_expired_ts, &options, NULL, &token, &message);
    } else {
      int64_t role = v->kind == VECTOR_006_RTC_PUBLISH ? 1 : 2;
      if (strcmp(v->uid, "0") == 0) { /* the string "0" is an account, not "any user" */
        status = agora_token_006_rtc_build_token_with_user_account(S(v->app_id), S(v->app_certificate),
                                                                   S(v->channel_name), S(v->uid), role,
                                                                   v->privilege_expired_ts, &options, NULL, &token, &message);
      } else {
        status = agora_token_006_rtc_build_token_with_uid(S(v->app_id), S(v->app_certificate), S(v->channel_name),
                                                          (uint32_t)strtoul(v->uid, NULL, 10), role,
                                                          v->privilege_expired_ts, &options, NULL, &token, &message);
      }
    }
    EXPECT_TOKEN(status, token, message, v->token);
    {
      /* The same token through the generic 006 builder (upstream's AccessToken::init +
       * addPrivilege), with the token expiry given directly. */
      static const uint16_t join[] = {1}, publish[] = {1, 3, 2, 4}, rtm[] = {1000};
      const uint16_t *codes = v->kind == VECTOR_006_RTM ? rtm : v->kind == VECTOR_006_RTC_PUBLISH ? publish : join;
      size_t count = v->kind == VECTOR_006_RTC_PUBLISH ? 4 : 1;
      uint32_t times[4] = {v->privilege_expired_ts, v->privilege_expired_ts, v->privilege_expired_ts,
                           v->privilege_expired_ts};
      AgoraTokenOptions salt_only = {0};
      salt_only.salt = v->salt;
      salt_only.has_salt = 1;
      message = NULL;
      EXPECT_TOKEN(agora_token_006_build_token(S(v->app_id), S(v->app_certificate), S(v->channel_name),
                                               AGORA_TOKEN_USER_KIND_ACCOUNT, 0, S(v->uid), codes,
                                               times, count, &v->expires_at, &salt_only, NULL, &token, &message),
                   token, message, v->token);
    }
    if (v->kind != VECTOR_006_RTM) {
      message = NULL;
      EXPECT_OK(agora_token_006_verify(S(v->token), S(v->app_certificate), S(v->channel_name),
                                       AGORA_TOKEN_USER_KIND_ACCOUNT, 0, S(v->uid), &message),
                message);
    }
    end();
  }
  for (size_t i = 0; i < INVALID_TOKENS_COUNT; i++) {
    const InvalidToken *v = &INVALID_TOKENS[i];
    char *message = NULL, *json = NULL;
    AgoraTokenStatus status = v->is_006 ? agora_token_006_decode_unverified(S(v->token), &json, &message)
                                        : agora_token_decode_unverified(S(v->token), &json, &message);
    snprintf(name, sizeof name, "vector %s is refused", v->id);
    begin(name);
    CHECK(status != AGORA_TOKEN_STATUS_OK && status != AGORA_TOKEN_STATUS_INTERNAL, "status %d", (int)status);
    CHECK(json == NULL, "JSON for an invalid token");
    CHECK(message != NULL && message[0] != '\0', "no message");
    agora_token_free(message);
    end();
  }
}

/* ---- the drop-in builders: upstream names and semantics ---- */

static void drop_in_builders_match_the_vectors(void) {
  AgoraTokenOptions o = fixed(1111111, 1);
  char *token = NULL, *message = NULL;
  const Vector007 *v = vector_007("at2-rtc-uid-join");
  EXPECT_TOKEN(agora_token_rtc_build_token_with_uid(S(APP_ID), S(CERT), S(v->services[0].channel_name), 2882341273u, 2,
                                                    600, 600, &o, NULL, &token, &message),
               token, message, v->stock_token);
  EXPECT_TOKEN(agora_token_rtc_build_token_with_user_account(S(APP_ID), S(CERT), S(v->services[0].channel_name),
                                                             S("2882341273"), 2, 600, 600, &o, NULL, &token, &message),
               token, message, v->stock_token);
  v = vector_007("at2-rtc-uid0-join");
  EXPECT_TOKEN(agora_token_rtc_build_token_with_uid(S(APP_ID), S(CERT), S(v->services[0].channel_name), 0, 2, 600, 600,
                                                    &o, NULL, &token, &message),
               token, message, v->stock_token);
  EXPECT_TOKEN(agora_token_rtm_build_token(S(APP_ID), S(CERT), S("2882341273"), 600, &o, NULL, &token, &message), token,
               message, vector_007("at2-rtm-uidstr")->stock_token);
  EXPECT_TOKEN(agora_token_chat_build_user_token(S(APP_ID), S(CERT), S("2882341273"), 600, &o, NULL, &token, &message),
               token, message, vector_007("at2-chat-user")->stock_token);
  EXPECT_TOKEN(agora_token_chat_build_app_token(S(APP_ID), S(CERT), 600, &o, NULL, &token, &message), token, message,
               vector_007("at2-chat-app")->stock_token);
  EXPECT_TOKEN(agora_token_apaas_build_room_user_token(S(APP_ID), S(CERT), S("123"), S("2882341273"), 1, 600, &o, NULL,
                                                       &token, &message),
               token, message, vector_007("at2-apaas-room-user")->stock_token);
  EXPECT_TOKEN(agora_token_apaas_build_user_token(S(APP_ID), S(CERT), S("2882341273"), 600, &o, NULL, &token, &message),
               token, message, vector_007("at2-apaas-user")->stock_token);
  EXPECT_TOKEN(agora_token_apaas_build_app_token(S(APP_ID), S(CERT), 600, &o, NULL, &token, &message), token, message,
               vector_007("at2-apaas-app")->stock_token);
  v = vector_007("at2-rtc4-rtm");
  EXPECT_TOKEN(agora_token_rtc_build_token_with_rtm2(S(APP_ID), S(CERT), S(v->services[0].channel_name), S("2882341273"),
                                                     1, 600, 600, 600, 600, 600, S("test_user"), 600, &o, NULL, &token,
                                                     &message),
               token, message, v->stock_token);
}

/* The token a lenient call made, decoded, for checks on its privileges. */
static char *decoded(const char *token) {
  char *json = NULL, *message = NULL;
  EXPECT_OK(agora_token_decode(S(token), S(CERT), &json, &message), message);
  return json;
}

static void drop_in_builders_add_what_upstream_adds(void) {
  AgoraTokenOptions o = fixed(1700000000, 7);
  char *token = NULL, *message = NULL, *json;
  /* BuildTokenWithRtm: RTC for the account and RTM login until the token expires. */
  EXPECT_OK(agora_token_rtc_build_token_with_rtm(S(APP_ID), S(CERT), S("room"), S("alice"), 1, 3600, 600, &o, NULL,
                                                 &token, &message),
            message);
  json = decoded(token);
  CHECK(json && strstr(json, "\"privileges\":{\"1\":600,\"2\":600,\"3\":600,\"4\":600},\"type\":1,\"uid\":\"alice\"") &&
            strstr(json, "{\"name\":\"RTM\",\"privileges\":{\"1\":3600},\"type\":2,\"user_id\":\"alice\"}"),
        "%s", json);
  agora_token_free(json);
  agora_token_free(token);
  /* The per-privilege builders: four expiries, no role. */
  EXPECT_OK(agora_token_rtc_build_token_with_uid_and_privilege(S(APP_ID), S(CERT), S("room"), 42, 3600, 100, 200, 300,
                                                               400, &o, NULL, &token, &message),
            message);
  json = decoded(token);
  CHECK(json && strstr(json, "{\"1\":100,\"2\":200,\"3\":300,\"4\":400},\"type\":1,\"uid\":\"42\""), "%s", json);
  agora_token_free(json);
  agora_token_free(token);
  EXPECT_OK(agora_token_rtc_build_token_with_user_account_and_privilege(S(APP_ID), S(CERT), S("room"), S("0"), 3600, 1, 2,
                                                                        3, 4, &o, NULL, &token, &message),
            message);
  json = decoded(token);
  CHECK(json && strstr(json, "\"uid\":\"0\""), "a string account \"0\" stays \"0\": %s", json);
  agora_token_free(json);
  agora_token_free(token);
  /* FPA: login privilege 0, 24-hour lifetime. */
  EXPECT_OK(agora_token_fpa_build_token(S(APP_ID), S(CERT), &o, NULL, &token, &message), message);
  json = decoded(token);
  CHECK(json && strstr(json, "\"expire\":86400") && strstr(json, "{\"name\":\"FPA\",\"privileges\":{\"1\":0},\"type\":4}"),
        "%s", json);
  agora_token_free(json);
  agora_token_free(token);
  /* ConvoAI and STT: the RTM2 builder's services plus their own. */
  EXPECT_OK(agora_token_convoai_build_token(S(APP_ID), S(CERT), S("room"), S("agent"), 1, 600, 600, 600, 600, 600,
                                            S("agent"), 600, &o, NULL, &token, &message),
            message);
  json = decoded(token);
  CHECK(json && strstr(json, "{\"name\":\"ConvoAI\",\"privileges\":{},\"type\":9}"), "%s", json);
  agora_token_free(json);
  agora_token_free(token);
  EXPECT_OK(agora_token_stt_build_token(S(APP_ID), S(CERT), S("room"), S("bot"), 2, 600, 600, 600, 600, 600, S("bot"), 600,
                                        &o, NULL, &token, &message),
            message);
  json = decoded(token);
  CHECK(json && strstr(json, "{\"name\":\"STT\",\"privileges\":{},\"type\":10}") &&
            strstr(json, "\"privileges\":{\"1\":600},\"type\":1,\"uid\":\"bot\""),
        "a subscriber joins only: %s", json);
  agora_token_free(json);
  agora_token_free(token);
  /* RTM2 with permissions, through the drop-in function. */
  {
    AgoraTokenRtm2Permissions *permissions = agora_token_rtm2_permissions_new();
    size_t lengths[] = {2, 1};
    EXPECT_OK(agora_token_rtm2_permissions_add(permissions, 4, 0, "abc", lengths, 2, &message), message);
    EXPECT_OK(agora_token_rtm_build_token_with_permissions(S(APP_ID), S(CERT), S("u"), permissions, 600, &o, NULL, &token,
                                                           &message),
              message);
    json = decoded(token);
    CHECK(json && strstr(json, "\"permissions\":{\"4\":{\"0\":[\"ab\",\"c\"]}}"), "%s", json);
    agora_token_free(json);
    agora_token_free(token);
    agora_token_rtm2_permissions_free(permissions);
  }
}

/* Upstream reads role 0 as join only; the drop-in does the same and says so. */
static void lenient_readings_warn(void) {
  AgoraTokenOptions o = fixed(1111111, 1);
  AgoraTokenWarnings *warnings = NULL;
  char *token = NULL, *message = NULL, *subscriber = NULL;
  const char *channel = vector_007("at2-rtc-uid-join")->services[0].channel_name;
  EXPECT_OK(agora_token_rtc_build_token_with_uid(S(APP_ID), S(CERT), S(channel), 2882341273u, 0, 600, 600, &o, &warnings,
                                                 &token, &message),
            message);
  CHECK(token && strcmp(token, vector_007("at2-rtc-uid-join")->stock_token) == 0, "role 0 is not read as join only");
  CHECK(agora_token_warnings_count(warnings) == 1, "%zu warnings", agora_token_warnings_count(warnings));
  CHECK(warnings && strcmp(agora_token_warnings_code(warnings, 0), "role_read_as_join_only") == 0, "code %s",
        warnings ? agora_token_warnings_code(warnings, 0) : "");
  CHECK(warnings && strstr(agora_token_warnings_message(warnings, 0), "RTC role 0"), "message %s",
        warnings ? agora_token_warnings_message(warnings, 0) : "");
  CHECK(agora_token_warnings_code(warnings, 1) == NULL && agora_token_warnings_message(warnings, 1) == NULL,
        "out of range gives NULL");
  agora_token_warnings_free(warnings);
  agora_token_free(token);
  /* A plain subscriber (2) builds the same token without a warning. */
  EXPECT_OK(agora_token_rtc_build_token_with_uid(S(APP_ID), S(CERT), S(channel), 2882341273u, 2, 600, 600, &o, &warnings,
                                                 &subscriber, &message),
            message);
  CHECK(warnings == NULL, "a warning for role 2");
  agora_token_free(subscriber);

  /* Timestamps where seconds are expected, and lifetimes over 24 hours. */
  EXPECT_OK(agora_token_rtc_build_token_with_uid(S(APP_ID), S(CERT), S("c"), 1, 1, 1764066022, 90000, &o, &warnings, &token,
                                                 &message),
            message);
  CHECK(agora_token_warnings_count(warnings) == 2, "%zu warnings", agora_token_warnings_count(warnings));
  if (agora_token_warnings_count(warnings) == 2) {
    CHECK(strcmp(agora_token_warnings_code(warnings, 0), "expiry_looks_absolute") == 0, "%s",
          agora_token_warnings_code(warnings, 0));
    CHECK(strstr(agora_token_warnings_message(warnings, 0), "token_expire is 1764066022"), "%s",
          agora_token_warnings_message(warnings, 0));
    CHECK(strcmp(agora_token_warnings_code(warnings, 1), "lifetime_over_24h") == 0, "%s",
          agora_token_warnings_code(warnings, 1));
  }
  agora_token_warnings_free(warnings);
  agora_token_free(token);

  /* 006: role 3 joins only, a relative expiry is packed as given; both warn. */
  EXPECT_OK(agora_token_006_rtc_build_token_with_uid(S(APP_ID), S(CERT), S("c"), 1, 3, 3600, &o, &warnings, &token,
                                                     &message),
            message);
  CHECK(agora_token_warnings_count(warnings) == 2, "%zu warnings", agora_token_warnings_count(warnings));
  if (agora_token_warnings_count(warnings) == 2) {
    CHECK(strcmp(agora_token_warnings_code(warnings, 0), "role_read_as_join_only") == 0, "%s",
          agora_token_warnings_code(warnings, 0));
    CHECK(strcmp(agora_token_warnings_code(warnings, 1), "expiry_looks_relative") == 0, "%s",
          agora_token_warnings_code(warnings, 1));
  }
  agora_token_warnings_free(warnings);
  {
    char *json = NULL;
    EXPECT_OK(agora_token_006_decode_unverified(S(token), &json, &message), message);
    CHECK(json && strstr(json, "\"privileges\":{\"1\":3600}") && strstr(json, "\"expires_at\":1197511"), "%s", json);
    agora_token_free(json);
  }
  agora_token_free(token);

  /* Undefined privileges are packed as given by the unchecked setter, with a warning. */
  {
    AgoraTokenBuilder *builder = NULL;
    size_t index = 99;
    char *json;
    EXPECT_OK(agora_token_builder_new(S(APP_ID), S(CERT), 600, &o, NULL, &builder, &message), message);
    EXPECT_OK(agora_token_builder_add_rtc_uid(builder, S("c"), 7, &index, &message), message);
    CHECK(index == 0, "index %zu", index);
    EXPECT_OK(agora_token_builder_add_privilege_unchecked(builder, 0, 99, 600, &warnings, &message), message);
    CHECK(agora_token_warnings_count(warnings) == 1 && strcmp(agora_token_warnings_code(warnings, 0), "undefined_privilege") == 0,
          "no undefined_privilege warning");
    agora_token_warnings_free(warnings);
    EXPECT_OK(agora_token_builder_build(builder, &token, &message), message);
    json = decoded(token);
    CHECK(json && strstr(json, "\"privileges\":{\"99\":600}"), "%s", json);
    agora_token_free(json);
    agora_token_free(token);
    agora_token_builder_free(builder);
  }
}

/* ---- readings for dynamically typed drop-ins (PHP) ---- */

/* The one warning code a call gave (or "" for none), freeing the list. */
static const char *only_warning(AgoraTokenWarnings *warnings, char *message_out, size_t size) {
  static char code[64];
  code[0] = '\0';
  if (message_out) message_out[0] = '\0';
  if (agora_token_warnings_count(warnings) == 1) {
    snprintf(code, sizeof code, "%s", agora_token_warnings_code(warnings, 0));
    if (message_out) snprintf(message_out, size, "%s", agora_token_warnings_message(warnings, 0));
  } else if (agora_token_warnings_count(warnings) > 1) {
    snprintf(code, sizeof code, "%zu warnings", agora_token_warnings_count(warnings));
  }
  agora_token_warnings_free(warnings);
  return code;
}

static void readings_for_dynamic_languages(void) {
  AgoraTokenWarnings *warnings = NULL;
  char *message = NULL, text[512];
  int64_t packed = -7;

  /* Whole numbers and numeric text pack silently; a fraction and a value that is not a number warn. */
  EXPECT_OK(agora_token_read_number(S("expire"), AGORA_TOKEN_NUMBER_FIELD_U32, AGORA_TOKEN_NUMBER_KIND_TEXT, 600,
                                    S("'600'"), &packed, &warnings, &message),
            message);
  CHECK(packed == 600 && warnings == NULL, "text: %" PRId64, packed);
  EXPECT_OK(agora_token_read_number(S("expire"), AGORA_TOKEN_NUMBER_FIELD_U32, AGORA_TOKEN_NUMBER_KIND_FRACTION, 600,
                                    S("600.9"), &packed, &warnings, &message),
            message);
  CHECK(packed == 600, "fraction: %" PRId64, packed);
  CHECK(strcmp(only_warning(warnings, text, sizeof text), "fraction_truncated") == 0 &&
            strcmp(text, "expire is 600.9, which has a fraction: the official builders drop it and pack 600; pass a whole number") == 0,
        "fraction: %s", text);
  EXPECT_OK(agora_token_read_number(S("salt"), AGORA_TOKEN_NUMBER_FIELD_U32, AGORA_TOKEN_NUMBER_KIND_NOT_A_NUMBER, 1,
                                    S("true"), &packed, &warnings, &message),
            message);
  CHECK(packed == 1 && strcmp(only_warning(warnings, NULL, 0), "not_a_number") == 0, "true: %" PRId64, packed);
  EXPECT_ERROR(agora_token_read_number(S("expire"), AGORA_TOKEN_NUMBER_FIELD_U32, AGORA_TOKEN_NUMBER_KIND_WHOLE, -1,
                                       S("-1"), &packed, &warnings, &message),
               message, AGORA_TOKEN_STATUS_INVALID_ARGUMENT, "invalid_argument", "-1 is outside 0 to 4294967295");
  CHECK(warnings == NULL, "warnings on an error");

  /* 32 bits as PHP's pack("V") and Java's int give them: negatives as their unsigned bits. */
  EXPECT_OK(agora_token_read_number(S("expire"), AGORA_TOKEN_NUMBER_FIELD_U32_BITS, AGORA_TOKEN_NUMBER_KIND_WHOLE, -1,
                                    S("-1"), &packed, &warnings, &message),
            message);
  CHECK(packed == 4294967295 && warnings == NULL, "bits of -1: %" PRId64, packed);
  EXPECT_OK(agora_token_read_number(S("expire"), AGORA_TOKEN_NUMBER_FIELD_U32_BITS, AGORA_TOKEN_NUMBER_KIND_FRACTION, -1,
                                    S("-1.5"), &packed, &warnings, &message),
            message);
  CHECK(packed == 4294967295 && strcmp(only_warning(warnings, text, sizeof text), "fraction_truncated") == 0 &&
            strstr(text, "pack 4294967295"),
        "bits of -1.5: %" PRId64 " %s", packed, text);
  EXPECT_ERROR(agora_token_read_number(S("expire"), AGORA_TOKEN_NUMBER_FIELD_U32_BITS, AGORA_TOKEN_NUMBER_KIND_WHOLE,
                                       4294967296, S("4294967296"), &packed, NULL, &message),
               message, AGORA_TOKEN_STATUS_INVALID_ARGUMENT, "invalid_argument", "4294967296 is outside");

  /* 16-bit fields. */
  EXPECT_OK(agora_token_read_number(S("privilege"), AGORA_TOKEN_NUMBER_FIELD_U16, AGORA_TOKEN_NUMBER_KIND_WHOLE, 65535,
                                    S("65535"), &packed, &warnings, &message),
            message);
  CHECK(packed == 65535 && warnings == NULL, "u16: %" PRId64, packed);
  EXPECT_ERROR(agora_token_read_number(S("privilege"), AGORA_TOKEN_NUMBER_FIELD_U16, AGORA_TOKEN_NUMBER_KIND_WHOLE, 65536,
                                       S("65536"), &packed, NULL, &message),
               message, AGORA_TOKEN_STATUS_INVALID_ARGUMENT, "invalid_argument", "65536 is outside 0 to 65535");
  EXPECT_OK(agora_token_read_number(S("role"), AGORA_TOKEN_NUMBER_FIELD_I16, AGORA_TOKEN_NUMBER_KIND_TEXT, -32768,
                                    S("'-32768'"), &packed, &warnings, &message),
            message);
  CHECK(packed == -32768 && warnings == NULL, "i16: %" PRId64, packed);
  EXPECT_ERROR(agora_token_read_number(S("role"), AGORA_TOKEN_NUMBER_FIELD_I16, AGORA_TOKEN_NUMBER_KIND_WHOLE, 40000,
                                       S("40000"), &packed, NULL, &message),
               message, AGORA_TOKEN_STATUS_INVALID_ARGUMENT, "invalid_argument", "40000 is outside -32768 to 32767");
  EXPECT_ERROR(agora_token_read_number(S("x"), 4, AGORA_TOKEN_NUMBER_KIND_WHOLE, 1, S("1"), &packed, NULL, &message),
               message, AGORA_TOKEN_STATUS_INVALID_ARGUMENT, "invalid_argument", "field_type: is 4");
  EXPECT_ERROR(agora_token_read_number(S("x"), AGORA_TOKEN_NUMBER_FIELD_U32, 9, 1, S("1"), &packed, NULL, &message),
               message, AGORA_TOKEN_STATUS_INVALID_ARGUMENT, "invalid_argument", "kind: is 9");
  EXPECT_ERROR(agora_token_read_number(S("x"), AGORA_TOKEN_NUMBER_FIELD_U32, AGORA_TOKEN_NUMBER_KIND_WHOLE, 1, S("1"),
                                       NULL, NULL, &message),
               message, AGORA_TOKEN_STATUS_INVALID_ARGUMENT, "invalid_argument", "packed: is NULL");

  /* Uids that are not uids become text; roles no number matches join only. */
  EXPECT_OK(agora_token_read_uid_as_text(S("uid"), S("-1"), S("-1"), &warnings, &message), message);
  CHECK(strcmp(only_warning(warnings, text, sizeof text), "uid_written_as_text") == 0 &&
            strstr(text, "the user account \"-1\"") && strstr(text, "uid 4294967295"),
        "uid -1: %s", text);
  EXPECT_OK(agora_token_read_role(7, S("'abc'"), &warnings, &message), message);
  CHECK(strcmp(only_warning(warnings, text, sizeof text), "role_read_as_join_only") == 0 && strstr(text, "RTC role 'abc'"),
        "007 role: %s", text);
  EXPECT_OK(agora_token_read_role(6, S("null"), &warnings, &message), message);
  CHECK(strcmp(only_warning(warnings, text, sizeof text), "role_read_as_join_only") == 0 && strstr(text, "006 RTC role null"),
        "006 role: %s", text);
  EXPECT_ERROR(agora_token_read_role(5, S("x"), &warnings, &message), message, AGORA_TOKEN_STATUS_INVALID_ARGUMENT,
               "invalid_argument", "version: is 5");

  /* RTM2 types RTM2 does not define: refused by _add, packed with a warning by _add_unchecked. */
  {
    AgoraTokenRtm2Permissions *permissions = agora_token_rtm2_permissions_new();
    const size_t lengths[] = {1, 2};
    char *token = NULL, *json = NULL;
    AgoraTokenOptions o = fixed(1111111, 1);
    EXPECT_ERROR(agora_token_rtm2_permissions_add(permissions, 9, 0, "abc", lengths, 2, &message), message,
                 AGORA_TOKEN_STATUS_UNKNOWN_RTM2_TYPE, "unknown_rtm2_type", "resource type 9");
    EXPECT_OK(agora_token_rtm2_permissions_add_unchecked(permissions, 9, 7, "abc", lengths, 2, &warnings, &message),
              message);
    CHECK(agora_token_warnings_count(warnings) == 2, "%zu warnings", agora_token_warnings_count(warnings));
    CHECK(strcmp(only_warning(warnings, NULL, 0), "2 warnings") == 0, "two undefined types");
    /* The same resource type again: only the new permission type warns; the same pair: nothing. */
    EXPECT_OK(agora_token_rtm2_permissions_add_unchecked(permissions, 9, 8, "abc", lengths, 2, &warnings, &message),
              message);
    CHECK(strcmp(only_warning(warnings, text, sizeof text), "undefined_rtm2_type") == 0 && strstr(text, "permission type 8"),
          "%s", text);
    EXPECT_OK(agora_token_rtm2_permissions_add_unchecked(permissions, 9, 8, "abc", lengths, 2, &warnings, &message),
              message);
    CHECK(warnings == NULL, "a second warning for the same pair");
    EXPECT_OK(agora_token_rtm2_permissions_add_unchecked(permissions, 0, 1, "abc", lengths, 2, &warnings, &message),
              message);
    CHECK(warnings == NULL, "a warning for defined types");
    EXPECT_OK(agora_token_rtm_build_token_with_permissions(S(APP_ID), S(CERT), S("u"), permissions, 600, &o, NULL, &token,
                                                          &message),
              message);
    json = decoded(token);
    CHECK(json && strstr(json, "\"permissions\":{\"0\":{\"1\":[\"a\",\"bc\"]},\"9\":{\"7\":[\"a\",\"bc\"],\"8\":[\"a\",\"bc\"]}}"), "%s",
          json);
    agora_token_free(json);
    agora_token_free(token);
    EXPECT_ERROR(agora_token_rtm2_permissions_add_unchecked(NULL, 0, 0, NULL, NULL, 0, &warnings, &message), message,
                 AGORA_TOKEN_STATUS_INVALID_ARGUMENT, "invalid_argument", "permissions: is NULL");
    agora_token_rtm2_permissions_free(permissions);
  }

  /* The generic 006 builder: undefined privileges and relative expiries warn, strict refuses them. */
  {
    const uint16_t codes[] = {1, 13};
    const uint32_t times[] = {1764066022, 3600};
    uint32_t expires_at = 5;
    char *token = NULL, *json = NULL;
    AgoraTokenOptions o = fixed(1111111, 1);
    EXPECT_OK(agora_token_006_build_token(S(APP_ID), S(CERT), S("c"), AGORA_TOKEN_USER_KIND_NONE, 0, NULL, 0, codes, times, 2,
                                          &expires_at, &o, &warnings,
                                          &token, &message),
              message);
    CHECK(agora_token_warnings_count(warnings) == 2, "%zu warnings", agora_token_warnings_count(warnings));
    if (agora_token_warnings_count(warnings) == 2) {
      CHECK(strcmp(agora_token_warnings_code(warnings, 0), "undefined_privilege") == 0, "%s",
            agora_token_warnings_code(warnings, 0));
      CHECK(strcmp(agora_token_warnings_code(warnings, 1), "expiry_looks_relative") == 0 &&
                strstr(agora_token_warnings_message(warnings, 1), "expire of privilege 13 is 3600"),
            "%s", agora_token_warnings_message(warnings, 1));
    }
    agora_token_warnings_free(warnings);
    EXPECT_OK(agora_token_006_decode_unverified(S(token), &json, &message), message);
    CHECK(json && strstr(json, "\"privileges\":{\"1\":1764066022,\"13\":3600}") && strstr(json, "\"expires_at\":5,") &&
              strstr(json, "\"salt\":1"),
          "%s", json);
    agora_token_free(json);
    agora_token_free(token);
    EXPECT_OK(agora_token_006_build_token(S(APP_ID), S(CERT), S("c"), AGORA_TOKEN_USER_KIND_UID, 7, NULL, 0, codes, times, 1, NULL, &o, &warnings,
                                          &token, &message),
              message);
    CHECK(warnings == NULL, "warnings for a defined privilege and an absolute time");
    EXPECT_OK(agora_token_006_decode_unverified(S(token), &json, &message), message);
    CHECK(json && strstr(json, "\"expires_at\":1197511,"), "the default expiry is the issue time + 24 h: %s", json);
    agora_token_free(json);
    message = NULL;
    EXPECT_OK(agora_token_006_verify(S(token), S(CERT), S("c"), AGORA_TOKEN_USER_KIND_UID, 7, NULL, 0, &message), message);
    agora_token_free(token);
    o.strict = 1;
    EXPECT_ERROR(agora_token_006_build_token(S(APP_ID), S(CERT), S("c"), AGORA_TOKEN_USER_KIND_UID, 0, NULL, 0, codes, times, 2, NULL, &o, &warnings,
                                             &token, &message),
                 message, AGORA_TOKEN_STATUS_UNKNOWN_PRIVILEGE, "unknown_privilege", "13");
    CHECK(token == NULL && warnings == NULL, "outputs on an error");
    EXPECT_ERROR(agora_token_006_build_token(S(APP_ID), S(CERT), S("c"), AGORA_TOKEN_USER_KIND_NONE, 0, NULL, 0, NULL, times, 1, NULL, NULL, NULL, &token,
                                             &message),
                 message, AGORA_TOKEN_STATUS_INVALID_ARGUMENT, "invalid_argument", "count is 1");
  }
}

/* ---- bad input: every error path, with its status, code string and message ---- */

static void strict_mode_refuses_what_lenient_mode_warns_about(void) {
  AgoraTokenOptions o = fixed(1111111, 1);
  char *token = (char *)"untouched", *message = NULL;
  AgoraTokenWarnings *warnings = (AgoraTokenWarnings *)&o;
  o.strict = 1;
  EXPECT_ERROR(agora_token_rtc_build_token_with_uid(S(APP_ID), S(CERT), S("c"), 1, 0, 600, 600, &o, &warnings, &token,
                                                    &message),
               message, AGORA_TOKEN_STATUS_UNKNOWN_ROLE, "unknown_role", "unknown RTC role 0");
  CHECK(token == NULL && warnings == NULL, "outputs are cleared on failure");
  EXPECT_ERROR(agora_token_rtc_build_token_with_uid(S(APP_ID), S(CERT), S("c"), 1, 1, 600, 1764066022, &o, NULL, &token,
                                                    &message),
               message, AGORA_TOKEN_STATUS_EXPIRY_LOOKS_ABSOLUTE, "expiry_looks_absolute", "1764066022");
  EXPECT_ERROR(agora_token_006_rtc_build_token_with_uid(S(APP_ID), S(CERT), S("c"), 1, 101, 3600, &o, NULL, &token,
                                                        &message),
               message, AGORA_TOKEN_STATUS_EXPIRY_LOOKS_RELATIVE, "expiry_looks_relative", "looks like a number of seconds");
  EXPECT_ERROR(agora_token_006_rtc_build_token_with_uid(S(APP_ID), S(CERT), S("c"), 1, 7, 0, &o, NULL, &token, &message),
               message, AGORA_TOKEN_STATUS_UNKNOWN_ROLE, "unknown_role", "unknown 006 RTC role 7");
  /* Strict mode still builds what it does not refuse. */
  EXPECT_OK(agora_token_rtc_build_token_with_uid(S(APP_ID), S(CERT), S("c"), 1, 1, 600, 600, &o, NULL, &token, &message),
            message);
  agora_token_free(token);
}

static void credentials_are_checked_without_showing_the_certificate(void) {
  char *token = NULL, *message = NULL;
  EXPECT_ERROR(agora_token_rtm_build_token(S("970CA35de60c44645bbae8a215061b3"), S(CERT), S("u"), 600, NULL, NULL, &token,
                                           &message),
               message, AGORA_TOKEN_STATUS_INVALID_APP_ID, "invalid_app_id", "it is 31 characters long");
  EXPECT_ERROR(agora_token_rtm_build_token(S(APP_ID), S("5CFd2fd1755d40ecb72977518be15d3Z"), S("u"), 600, NULL, NULL,
                                           &token, &message),
               message, AGORA_TOKEN_STATUS_INVALID_APP_CERTIFICATE, "invalid_app_certificate",
               "non-hexadecimal character at byte 31");
  EXPECT_ERROR(agora_token_rtm_build_token(S(APP_ID), "5CFd2fd1755d40ec\xff\xfe", 18, S("u"), 600, NULL, NULL, &token,
                                           &message),
               message, AGORA_TOKEN_STATUS_INVALID_ARGUMENT, "invalid_argument",
               "invalid app_certificate: is not valid UTF-8 (invalid byte at offset 16)");
  EXPECT_ERROR(agora_token_rtm_build_token(S(APP_ID), "", 0, S("u"), 600, NULL, NULL, &token, &message), message,
               AGORA_TOKEN_STATUS_INVALID_APP_CERTIFICATE, "invalid_app_certificate", "it is empty");
  CHECK(token == NULL, "a token on failure");
}

static void pointers_and_strings_are_checked(void) {
  char *token = NULL, *message = NULL, *json = NULL;
  AgoraTokenBuilder *builder = NULL;
  /* A string may contain NUL bytes: it is pointer + length, packed as given. */
  EXPECT_OK(agora_token_rtm_build_token(S(APP_ID), S(CERT), "a\0b", 3, 600, NULL, NULL, &token, &message), message);
  json = decoded(token);
  CHECK(json && strstr(json, "\"user_id\":\"a\\u0000b\""), "%s", json);
  agora_token_free(json);
  agora_token_free(token);
  /* NULL with length 0 is "", NULL with a length is an error. */
  EXPECT_OK(agora_token_rtm_build_token(S(APP_ID), S(CERT), NULL, 0, 600, NULL, NULL, &token, &message), message);
  agora_token_free(token);
  EXPECT_ERROR(agora_token_rtm_build_token(S(APP_ID), S(CERT), NULL, 5, 600, NULL, NULL, &token, &message), message,
               AGORA_TOKEN_STATUS_INVALID_ARGUMENT, "invalid_argument", "invalid user_id: is NULL with length 5");
  EXPECT_ERROR(agora_token_rtm_build_token(S(APP_ID), S(CERT), "\xc3\x28", 2, 600, NULL, NULL, &token, &message), message,
               AGORA_TOKEN_STATUS_INVALID_ARGUMENT, "invalid_argument", "user_id: is not valid UTF-8 (invalid byte at offset 0)");
  EXPECT_ERROR(agora_token_rtm_build_token(S(APP_ID), S(CERT), S("u"), 600, NULL, NULL, NULL, &message), message,
               AGORA_TOKEN_STATUS_INVALID_ARGUMENT, "invalid_argument", "invalid token: is NULL");
  /* A NULL error_message is allowed: the status alone reports the failure. */
  CHECK(agora_token_rtm_build_token(S("x"), S(CERT), S("u"), 600, NULL, NULL, &token, NULL) == AGORA_TOKEN_STATUS_INVALID_APP_ID,
        "status without a message pointer");
  EXPECT_ERROR(agora_token_builder_new(S(APP_ID), S(CERT), 600, NULL, NULL, NULL, &message), message,
               AGORA_TOKEN_STATUS_INVALID_ARGUMENT, "invalid_argument", "invalid builder: is NULL");
  EXPECT_ERROR(agora_token_builder_build(NULL, &token, &message), message, AGORA_TOKEN_STATUS_INVALID_ARGUMENT,
               "invalid_argument", "invalid builder: is NULL");
  EXPECT_ERROR(agora_token_builder_add_rtm(NULL, S("u"), NULL, &message), message, AGORA_TOKEN_STATUS_INVALID_ARGUMENT,
               "invalid_argument", "invalid builder: is NULL");
  EXPECT_ERROR(agora_token_decode_unverified(S("007"), NULL, &message), message, AGORA_TOKEN_STATUS_INVALID_ARGUMENT,
               "invalid_argument", "invalid json: is NULL");
  EXPECT_ERROR(agora_token_rtm2_permissions_add(NULL, 0, 0, NULL, NULL, 0, &message), message,
               AGORA_TOKEN_STATUS_INVALID_ARGUMENT, "invalid_argument", "invalid permissions: is NULL");
  EXPECT_ERROR(agora_token_explain(S("007"), NULL, 0, NULL, 0, 7, 0, NULL, 0, -1, &json, &message), message,
               AGORA_TOKEN_STATUS_INVALID_ARGUMENT, "invalid_argument", "invalid user_kind: is 7");
  /* Field limits of the wire format. */
  {
    size_t long_len = 70000;
    char *long_text = malloc(long_len);
    memset(long_text, 'x', long_len);
    EXPECT_ERROR(agora_token_rtm_build_token(S(APP_ID), S(CERT), long_text, long_len, 600, NULL, NULL, &token, &message),
                 message, AGORA_TOKEN_STATUS_FIELD_TOO_LONG, "field_too_long", "RTM user id is 70000 bytes long");
    free(long_text);
  }
  (void)builder;
}

static void builder_errors(void) {
  AgoraTokenBuilder *builder = NULL;
  AgoraTokenRtm2Permissions *permissions = agora_token_rtm2_permissions_new();
  char *token = NULL, *message = NULL;
  size_t index = 0;
  EXPECT_OK(agora_token_builder_new(S(APP_ID), S(CERT), 600, NULL, NULL, &builder, &message), message);
  EXPECT_ERROR(agora_token_builder_build(builder, &token, &message), message, AGORA_TOKEN_STATUS_NO_SERVICES,
               "no_services", "no service added");
  EXPECT_OK(agora_token_builder_add_rtc_uid(builder, S("c"), 1, &index, &message), message);
  EXPECT_ERROR(agora_token_builder_add_privilege(builder, index, 5, 600, &message), message,
               AGORA_TOKEN_STATUS_UNKNOWN_PRIVILEGE, "unknown_privilege", "unknown RTC privilege 5: use 1 (join channel)");
  EXPECT_ERROR(agora_token_builder_add_privilege(builder, 3, 1, 600, &message), message, AGORA_TOKEN_STATUS_INVALID_ARGUMENT,
               "invalid_argument", "invalid service_index: is 3, but the builder has 1 services");
  EXPECT_ERROR(agora_token_builder_add_privilege_unchecked(builder, 1, 1, 600, NULL, &message), message,
               AGORA_TOKEN_STATUS_INVALID_ARGUMENT, "invalid_argument", "invalid service_index: is 1");
  EXPECT_OK(agora_token_builder_add_convoai(builder, &index, &message), message);
  EXPECT_ERROR(agora_token_builder_add_privilege(builder, index, 1, 600, &message), message,
               AGORA_TOKEN_STATUS_UNKNOWN_PRIVILEGE, "unknown_privilege", "ConvoAI has none");
  EXPECT_ERROR(agora_token_rtm2_permissions_add(permissions, 5, 0, NULL, NULL, 0, &message), message,
               AGORA_TOKEN_STATUS_UNKNOWN_RTM2_TYPE, "unknown_rtm2_type", "unknown RTM2 resource type 5");
  EXPECT_ERROR(agora_token_rtm2_permissions_add(permissions, 0, 2, NULL, NULL, 0, &message), message,
               AGORA_TOKEN_STATUS_UNKNOWN_RTM2_TYPE, "unknown_rtm2_type", "unknown RTM2 permission type 2");
  EXPECT_ERROR(agora_token_rtm2_permissions_add(permissions, 0, 0, "x", NULL, 1, &message), message,
               AGORA_TOKEN_STATUS_INVALID_ARGUMENT, "invalid_argument", "invalid lengths: is NULL but count is 1");
  {
    size_t split[] = {1, 1};
    EXPECT_ERROR(agora_token_rtm2_permissions_add(permissions, 0, 0, "\xc3\xa9", split, 2, &message), message,
                 AGORA_TOKEN_STATUS_INVALID_ARGUMENT, "invalid_argument", "name 0 does not end on a UTF-8 character boundary");
  }
  {
    /* 65536 names for one pair: more than the 16-bit count of the format. */
    size_t count = 65536;
    size_t *lengths = calloc(count, sizeof *lengths);
    EXPECT_OK(agora_token_rtm2_permissions_add(permissions, 4, 1, NULL, lengths, count, &message), message);
    free(lengths);
    EXPECT_OK(agora_token_builder_add_rtm2(builder, S("u"), permissions, NULL, &message), message);
    EXPECT_ERROR(agora_token_builder_build(builder, &token, &message), message, AGORA_TOKEN_STATUS_TOO_MANY_ENTRIES,
                 "too_many_entries", "RTM2 resource list has 65536 entries");
  }
  agora_token_rtm2_permissions_free(permissions);
  agora_token_builder_free(builder);
}

static void malformed_tokens_get_their_own_status(void) {
  char *json = NULL, *message = NULL;
  const char *token = vector_007("at2-rtc-uid-join")->token;
  EXPECT_ERROR(agora_token_decode_unverified(S("006abc"), &json, &message), message, AGORA_TOKEN_STATUS_WRONG_VERSION,
               "wrong_version", "legacy AccessToken (006)");
  EXPECT_ERROR(agora_token_decode_unverified(S("007!!!!"), &json, &message), message, AGORA_TOKEN_STATUS_INVALID_BASE64,
               "invalid_base64", "not valid standard base64");
  EXPECT_ERROR(agora_token_decode_unverified(S("007aGVsbG8="), &json, &message), message, AGORA_TOKEN_STATUS_INVALID_ZLIB,
               "invalid_zlib", "not a valid zlib stream");
  EXPECT_ERROR(agora_token_decode_unverified(S(TRUNCATED_TOKEN), &json, &message), message, AGORA_TOKEN_STATUS_TRUNCATED,
               "truncated", "ends inside privileges");
  EXPECT_ERROR(agora_token_decode_unverified(S(NOT_UTF8_TOKEN), &json, &message), message, AGORA_TOKEN_STATUS_INVALID_UTF8,
               "invalid_utf8", "app id in the token is not valid UTF-8");
  CHECK(json == NULL, "JSON on failure");
  EXPECT_ERROR(agora_token_verify(S(token), S("5cfd2fd1755d40ecb72977518be15d3b"), &message), message,
               AGORA_TOKEN_STATUS_SIGNATURE_MISMATCH, "signature_mismatch", "not signed with this app certificate");
  EXPECT_ERROR(agora_token_decode(S(token), S("00000000000000000000000000000000"), &json, &message), message,
               AGORA_TOKEN_STATUS_SIGNATURE_MISMATCH, "signature_mismatch", "signature mismatch");
  EXPECT_ERROR(agora_token_006_verify(S(VECTORS_006[0].token), S(CERT), S("other channel"), AGORA_TOKEN_USER_KIND_UID,
                                      2882341273u, NULL, 0, &message),
               message, AGORA_TOKEN_STATUS_SIGNATURE_MISMATCH, "signature_mismatch", "signature mismatch");
  EXPECT_ERROR(agora_token_006_verify(S(VECTORS_006[0].token), S(CERT), S("c"), AGORA_TOKEN_USER_KIND_NONE, 0, NULL, 0,
                                      &message),
               message, AGORA_TOKEN_STATUS_INVALID_ARGUMENT, "invalid_argument", "a 006 token is verified for a user");
}

static void status_codes_are_stable(void) {
  static const char *const names[] = {
      "ok", "invalid_app_id", "invalid_app_certificate", "field_too_long", "too_many_entries", "no_services",
      "unknown_role", "unknown_privilege", "unknown_service_type", "unknown_rtm2_type", "expiry_looks_absolute",
      "expiry_looks_relative", "invalid_argument", "clock", "randomness", "wrong_version", "invalid_base64",
      "invalid_zlib", "truncated", "invalid_utf8", "signature_mismatch"};
  for (int status = 0; status <= 20; status++)
    CHECK(strcmp(agora_token_status_code(status), names[status]) == 0, "%d is %s", status, agora_token_status_code(status));
  CHECK(strcmp(agora_token_status_code(AGORA_TOKEN_STATUS_INTERNAL), "internal") == 0, "255");
  CHECK(strcmp(agora_token_status_code(21), "unknown") == 0 && strcmp(agora_token_status_code(-1), "unknown") == 0,
        "numbers that are no status");
  CHECK(strcmp(agora_token_version(), "0.1.0") == 0, "version %s", agora_token_version());
}

static void frees_accept_null(void) {
  agora_token_free(NULL);
  agora_token_warnings_free(NULL);
  agora_token_builder_free(NULL);
  agora_token_rtm2_permissions_free(NULL);
  CHECK(agora_token_warnings_count(NULL) == 0 && agora_token_warnings_code(NULL, 0) == NULL, "a NULL list is empty");
}

/* ---- explain ---- */

static void explain_answers_can_this_user_join(void) {
  const Vector007 *v = vector_007("at2-rtc-uid-join");
  char *json = NULL, *message = NULL;
  EXPECT_OK(agora_token_explain(S(v->token), S(CERT), S(v->services[0].channel_name), AGORA_TOKEN_USER_KIND_UID,
                                2882341273u, NULL, 0, 1111200, &json, &message),
            message);
  CHECK(json && strstr(json, "\"signature\":\"valid\"") && strstr(json, "\"can_join\":true") &&
            strstr(json, "\"can_publish_audio\":false") && strstr(json, "\"expired\":false"),
        "%s", json);
  check_returned(json);
  agora_token_free(json);
  /* Another account, later, without a certificate. */
  EXPECT_OK(agora_token_explain(S(v->token), NULL, 0, S(v->services[0].channel_name), AGORA_TOKEN_USER_KIND_ACCOUNT, 0,
                                S("bob"), 1111111 + 700, &json, &message),
            message);
  CHECK(json && strstr(json, "\"signature\":\"not_checked\"") && strstr(json, "\"reason\":\"token_expired\"") &&
            strstr(json, "\"reason\":\"uid_account_mix\""),
        "%s", json);
  agora_token_free(json);
  EXPECT_ERROR(agora_token_explain(S("garbage"), NULL, 0, NULL, 0, 0, 0, NULL, 0, -1, &json, &message), message,
               AGORA_TOKEN_STATUS_WRONG_VERSION, "wrong_version", "not a 007 token");

  /* Every question as JSON: the secondary certificate, another project's App ID, an SDK error. */
  char questions[512];
  snprintf(questions, sizeof questions,
           "{\"app_certificate\":\"00000000000000000000000000000000\",\"secondary_certificate\":\"%s\","
           "\"expected_app_id\":\"ffffffffffffffffffffffffffffffff\",\"channel_name\":\"%s\",\"uid\":2882341273,"
           "\"sdk_error\":\"110\",\"now\":1111200}",
           CERT, v->services[0].channel_name);
  EXPECT_OK(agora_token_explain_questions(S(v->token), S(questions), &json, &message), message);
  CHECK(json && strstr(json, "\"verified_with\":\"secondary\"") && strstr(json, "\"verdicts\":[{\"service\":\"RTC\"") &&
            strstr(json, "\"sdk_error\":{\"code\":\"rtc-110\"") && strstr(json, "\"reason\":\"app_id_mismatch\""),
        "%s", json);
  check_returned(json);
  agora_token_free(json);
  EXPECT_OK(agora_token_explain_questions(S(v->token), NULL, 0, &json, &message), message);
  CHECK(json && strstr(json, "\"signature\":\"not_checked\""), "%s", json);
  agora_token_free(json);
  EXPECT_ERROR(agora_token_explain_questions(S(v->token), S("{\"sdk_error\":\"rtc-17\"}"), &json, &message), message,
               AGORA_TOKEN_STATUS_INVALID_ARGUMENT, "invalid_argument", "invalid sdk_error: unknown SDK error");
  EXPECT_ERROR(agora_token_explain_questions(S(v->token), S("[1]"), &json, &message), message,
               AGORA_TOKEN_STATUS_INVALID_ARGUMENT, "invalid_argument", "invalid questions: is not a JSON object");
  EXPECT_ERROR(agora_token_explain_questions(S(v->token), S("{\"uid\":1,\"account\":\"a\"}"), &json, &message), message,
               AGORA_TOKEN_STATUS_INVALID_ARGUMENT, "invalid_argument", "give \"uid\" or \"account\", not both");
}

/* ---- threads: no shared mutable state; one builder may be built from many threads ---- */

#define THREADS 4
#define TOKENS_PER_THREAD 50

typedef struct {
  const AgoraTokenBuilder *shared;
  const char *expected;
  int failures;
} ThreadWork;

static void *thread_main(void *arg) {
  ThreadWork *work = arg;
  AgoraTokenOptions o = fixed(1111111, 1);
  const char *channel = VECTORS_007[0].services[0].channel_name;
  for (int i = 0; i < TOKENS_PER_THREAD; i++) {
    char *token = NULL, *message = NULL;
    /* A fixed-salt token from a per-call function and from the shared builder. */
    if (agora_token_rtc_build_token_with_uid(S(APP_ID), S(CERT), S(channel), 2882341273u, 2, 600, 600, &o, NULL, &token,
                                             &message) != AGORA_TOKEN_STATUS_OK ||
        strcmp(token, work->expected) != 0)
      work->failures++;
    agora_token_free(token);
    agora_token_free(message);
    token = NULL;
    if (agora_token_builder_build(work->shared, &token, NULL) != AGORA_TOKEN_STATUS_OK || strcmp(token, work->expected) != 0)
      work->failures++;
    agora_token_free(token);
    /* A random-salt token verifies. */
    token = NULL;
    if (agora_token_rtm_build_token(S(APP_ID), S(CERT), S("u"), 600, NULL, NULL, &token, NULL) != AGORA_TOKEN_STATUS_OK ||
        agora_token_verify(S(token), S(CERT), NULL) != AGORA_TOKEN_STATUS_OK)
      work->failures++;
    agora_token_free(token);
  }
  return NULL;
}

static void threads_build_concurrently(void) {
  const Vector007 *v = &VECTORS_007[0]; /* at2-rtc-uid-join */
  AgoraTokenOptions o = fixed(v->issued_at, v->salt);
  AgoraTokenBuilder *builder = NULL;
  char *message = NULL;
  pthread_t threads[THREADS];
  ThreadWork work[THREADS];
  EXPECT_OK(agora_token_builder_new(S(APP_ID), S(CERT), 600, &o, NULL, &builder, &message), message);
  CHECK(add_vector_service(builder, &v->services[0]), "service");
  for (int t = 0; t < THREADS; t++) {
    work[t].shared = builder;
    work[t].expected = v->stock_token;
    work[t].failures = 0;
    CHECK(pthread_create(&threads[t], NULL, thread_main, &work[t]) == 0, "pthread_create");
  }
  for (int t = 0; t < THREADS; t++) {
    pthread_join(threads[t], NULL);
    CHECK(work[t].failures == 0, "thread %d: %d failures", t, work[t].failures);
  }
  agora_token_builder_free(builder);
}

int main(void) {
  conformance();
  RUN(drop_in_builders_match_the_vectors);
  RUN(drop_in_builders_add_what_upstream_adds);
  RUN(lenient_readings_warn);
  RUN(readings_for_dynamic_languages);
  RUN(strict_mode_refuses_what_lenient_mode_warns_about);
  RUN(credentials_are_checked_without_showing_the_certificate);
  RUN(pointers_and_strings_are_checked);
  RUN(builder_errors);
  RUN(malformed_tokens_get_their_own_status);
  RUN(status_codes_are_stable);
  RUN(frees_accept_null);
  RUN(explain_answers_can_this_user_join);
  RUN(threads_build_concurrently);
  printf("%d passed, %d failed\n", cases_passed, cases_failed);
  return cases_failed == 0 ? 0 : 1;
}
