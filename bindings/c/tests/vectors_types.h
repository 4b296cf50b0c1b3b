/* The shapes of the tables gen_vectors.py writes into vectors.h (shared by the C and C++ tests). */
#ifndef AGORA_TOKEN_TEST_VECTORS_TYPES_H
#define AGORA_TOKEN_TEST_VECTORS_TYPES_H

#include <stddef.h>
#include <stdint.h>

#define VECTOR_MAX 8

typedef struct {
  uint16_t code;
  uint32_t expire;
} VectorPrivilege;

/* One (resource type, permission type) pair of RTM2 permissions: names back to back. */
typedef struct {
  uint16_t resource_type;
  uint16_t permission_type;
  size_t count;
  const char *names;
  size_t lengths[VECTOR_MAX];
} VectorPermission;

/* A service as the vector lists it; fields a type does not have are NULL. */
typedef struct {
  uint16_t type;
  const char *channel_name;
  const char *uid;
  const char *account;
  const char *user_id;
  const char *room_uuid;
  const char *user_uuid;
  int16_t role;
  size_t privilege_count;
  VectorPrivilege privileges[VECTOR_MAX];
  size_t permission_count;
  VectorPermission permissions[VECTOR_MAX];
} VectorService;

typedef struct {
  const char *id;
  const char *kind;
  int build;
  int parse;
  const char *app_id;
  const char *app_certificate; /* NULL when upstream does not publish it */
  uint32_t issued_at;
  uint32_t expire;
  uint32_t salt;
  size_t service_count;
  VectorService services[VECTOR_MAX];
  const char *token;       /* as upstream made it (any zlib) */
  const char *stock_token; /* what stock zlib level 6 makes: what we must build */
  const char *decoded;     /* the JSON agora_token_decode must return */
} Vector007;

typedef enum { VECTOR_006_RTC_JOIN, VECTOR_006_RTC_PUBLISH, VECTOR_006_RTM } Vector006Kind;

typedef struct {
  const char *id;
  Vector006Kind kind;
  const char *app_id;
  const char *app_certificate;
  const char *channel_name; /* the account for RTM */
  const char *uid;          /* "" = uid 0 */
  uint32_t salt;
  uint32_t expires_at;
  uint32_t privilege_expired_ts;
  const char *token;
} Vector006;

typedef struct {
  const char *id;
  const char *token;
  int is_006;
} InvalidToken;

#endif
