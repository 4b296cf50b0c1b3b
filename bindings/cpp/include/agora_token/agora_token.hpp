// agora-token for C++: a header-only layer over the C API (agora_token.h).
//
// Namespace agora::token is the idiomatic API: RAII handles, std::string_view in,
// std::string out, and an agora::token::Error exception carrying the core's error code.
// The drop-in classes with upstream's names (agora::tools::RtcTokenBuilder2, ...) are in
// <agora/tools/*.h> and are built on this header. Requires C++17.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "agora_token.h"

namespace agora {
namespace token {

// A failed call: the core's error, with its stable code ("invalid_app_id", ...) and a
// message that says what to fix (never the app certificate).
class Error : public std::runtime_error {
 public:
  Error(AgoraTokenStatus status, const std::string& message)
      : std::runtime_error(message), status_(status), code_(agora_token_status_code(status)) {}

  // The C status number (AGORA_TOKEN_STATUS_...).
  AgoraTokenStatus status() const noexcept { return status_; }
  // The stable code string, the same in every binding.
  const std::string& code() const noexcept { return code_; }

 private:
  AgoraTokenStatus status_;
  std::string code_;
};

// What upstream would have done silently with a surprising input (see Options::strict).
struct Warning {
  std::string code;
  std::string message;
};

// Issue time and salt (default: the clock and a random salt), and strict mode: refuse with an
// Error what the drop-in reading accepts with a warning.
struct Options {
  std::optional<uint32_t> issued_at;
  std::optional<uint32_t> salt;
  bool strict = false;
};

namespace detail {

struct FreeString {
  void operator()(char* text) const noexcept { agora_token_free(text); }
};
using OwnedString = std::unique_ptr<char, FreeString>;

struct FreeWarnings {
  void operator()(AgoraTokenWarnings* list) const noexcept { agora_token_warnings_free(list); }
};

inline AgoraTokenOptions to_c(const Options& options) noexcept {
  AgoraTokenOptions c{};
  c.issued_at = options.issued_at.value_or(0);
  c.salt = options.salt.value_or(0);
  c.has_issued_at = options.issued_at.has_value() ? 1 : 0;
  c.has_salt = options.salt.has_value() ? 1 : 0;
  c.strict = options.strict ? 1 : 0;
  return c;
}

// Throws the Error of a failed call (taking ownership of its message). Callers take the
// status in a statement of its own first: the order in which a call's arguments are
// evaluated is unspecified, so check(f(&message), message) could read message before f ran.
inline void check(AgoraTokenStatus status, char* message) {
  OwnedString owned(message);
  if (status != AGORA_TOKEN_STATUS_OK) throw Error(status, owned ? owned.get() : "");
}

inline std::string take(char* text) {
  OwnedString owned(text);
  return owned ? std::string(owned.get()) : std::string();
}

inline std::vector<Warning> take(AgoraTokenWarnings* list) {
  std::unique_ptr<AgoraTokenWarnings, FreeWarnings> owned(list);
  std::vector<Warning> warnings;
  for (size_t i = 0; i < agora_token_warnings_count(list); i++) {
    warnings.push_back({agora_token_warnings_code(list, i), agora_token_warnings_message(list, i)});
  }
  return warnings;
}

}  // namespace detail

// A token string and what upstream would have done silently with the inputs.
struct Issued {
  std::string token;
  std::vector<Warning> warnings;
};

// Calls a token-building C function (whose trailing parameters are options, warnings, token
// and error message) and returns the token with its warnings; throws Error on failure.
template <typename Call>
Issued Issue(const Options& options, Call&& call) {
  AgoraTokenOptions c_options = detail::to_c(options);
  AgoraTokenWarnings* warnings = nullptr;
  char* token = nullptr;
  char* message = nullptr;
  AgoraTokenStatus status = std::forward<Call>(call)(&c_options, &warnings, &token, &message);
  detail::check(status, message);
  return Issued{detail::take(token), detail::take(warnings)};
}

// RTM2 resource permissions (upstream ServiceRtm2::Permissions): resource type (0 message
// channels, 1 stream channels, 2 group channels, 3 server groups, 4 users) x permission type
// (0 read, 1 write) -> resource names.
class Rtm2Permissions {
 public:
  Rtm2Permissions() : handle_(agora_token_rtm2_permissions_new()) {}

  // Sets the names of a pair, replacing an earlier list; throws Error for undefined types.
  Rtm2Permissions& Add(uint16_t resource_type, uint16_t permission_type, const std::vector<std::string>& names) {
    std::string joined;
    std::vector<size_t> lengths;
    for (const std::string& name : names) {
      joined += name;
      lengths.push_back(name.size());
    }
    char* message = nullptr;
    AgoraTokenStatus status = agora_token_rtm2_permissions_add(handle_.get(), resource_type, permission_type,
                                                               joined.data(), lengths.data(), lengths.size(), &message);
    detail::check(status, message);
    return *this;
  }

  const AgoraTokenRtm2Permissions* get() const noexcept { return handle_.get(); }

 private:
  struct Free {
    void operator()(AgoraTokenRtm2Permissions* handle) const noexcept { agora_token_rtm2_permissions_free(handle); }
  };
  std::unique_ptr<AgoraTokenRtm2Permissions, Free> handle_;
};

// Builds an AccessToken2 ("007") with any services: add services (each Add* returns the
// service's index), grant their privileges, then Build() (as often as wanted). Moveable, not
// copyable; Build() may run on several threads at once while nobody adds.
class TokenBuilder {
 public:
  // Privilege numbers of each service (upstream's kPrivilege... constants).
  enum : uint16_t {
    kRtcJoinChannel = 1,
    kRtcPublishAudioStream = 2,
    kRtcPublishVideoStream = 3,
    kRtcPublishDataStream = 4,
    kRtmLogin = 1,
    kStreamingPublishMixStream = 1,
    kStreamingPublishRawStream = 2,
    kFpaLogin = 1,
    kChatUser = 1,
    kChatApp = 2,
    kFcdnPublish = 1,
    kFcdnPlay = 2,
    kApaasRoomUser = 1,
    kApaasUser = 2,
    kApaasApp = 3,
    kRtm2Login = 1,
  };

  // A token for these credentials lasting `expire` seconds after its issue time.
  TokenBuilder(std::string_view app_id, std::string_view app_certificate, uint32_t expire,
               const Options& options = {}) {
    AgoraTokenOptions c_options = detail::to_c(options);
    AgoraTokenBuilder* handle = nullptr;
    char* message = nullptr;
    AgoraTokenStatus status = agora_token_builder_new(app_id.data(), app_id.size(), app_certificate.data(),
                                                      app_certificate.size(), expire, &c_options, nullptr, &handle,
                                                      &message);
    detail::check(status, message);
    handle_.reset(handle);
  }

  size_t AddRtc(std::string_view channel_name, uint32_t uid) {
    return Add(agora_token_builder_add_rtc_uid, channel_name.data(), channel_name.size(), uid);
  }
  size_t AddRtc(std::string_view channel_name, std::string_view account) {
    return Add(agora_token_builder_add_rtc_account, channel_name.data(), channel_name.size(), account.data(),
               account.size());
  }
  size_t AddRtm(std::string_view user_id) { return Add(agora_token_builder_add_rtm, user_id.data(), user_id.size()); }
  size_t AddStreaming(std::string_view channel_name, uint32_t uid) {
    return Add(agora_token_builder_add_streaming_uid, channel_name.data(), channel_name.size(), uid);
  }
  size_t AddStreaming(std::string_view channel_name, std::string_view account) {
    return Add(agora_token_builder_add_streaming_account, channel_name.data(), channel_name.size(), account.data(),
               account.size());
  }
  size_t AddFpa() { return Add(agora_token_builder_add_fpa); }
  size_t AddChat(std::string_view user_id) { return Add(agora_token_builder_add_chat, user_id.data(), user_id.size()); }
  size_t AddFcdn(std::string_view channel_name, uint32_t uid) {
    return Add(agora_token_builder_add_fcdn_uid, channel_name.data(), channel_name.size(), uid);
  }
  size_t AddFcdn(std::string_view channel_name, std::string_view account) {
    return Add(agora_token_builder_add_fcdn_account, channel_name.data(), channel_name.size(), account.data(),
               account.size());
  }
  size_t AddApaas(std::string_view room_uuid, std::string_view user_uuid, int16_t role) {
    return Add(agora_token_builder_add_apaas, room_uuid.data(), room_uuid.size(), user_uuid.data(), user_uuid.size(),
               role);
  }
  size_t AddRtm2(std::string_view user_id, const Rtm2Permissions& permissions) {
    return Add(agora_token_builder_add_rtm2, user_id.data(), user_id.size(), permissions.get());
  }
  size_t AddConvoAi() { return Add(agora_token_builder_add_convoai); }
  size_t AddStt() { return Add(agora_token_builder_add_stt); }

  // Grants a privilege the service defines (else Error "unknown_privilege").
  TokenBuilder& AddPrivilege(size_t service, uint16_t privilege, uint32_t expire) {
    char* message = nullptr;
    AgoraTokenStatus status = agora_token_builder_add_privilege(handle_.get(), service, privilege, expire, &message);
    detail::check(status, message);
    return *this;
  }

  // Upstream's AddPrivilege: any number, packed as given; returns the warnings.
  std::vector<Warning> AddPrivilegeUnchecked(size_t service, uint16_t privilege, uint32_t expire) {
    AgoraTokenWarnings* warnings = nullptr;
    char* message = nullptr;
    AgoraTokenStatus status =
        agora_token_builder_add_privilege_unchecked(handle_.get(), service, privilege, expire, &warnings, &message);
    detail::check(status, message);
    return detail::take(warnings);
  }

  std::string Build() const {
    char* token = nullptr;
    char* message = nullptr;
    AgoraTokenStatus status = agora_token_builder_build(handle_.get(), &token, &message);
    detail::check(status, message);
    return detail::take(token);
  }

 private:
  template <typename Fn, typename... Args>
  size_t Add(Fn fn, Args... args) {
    size_t index = 0;
    char* message = nullptr;
    AgoraTokenStatus status = fn(handle_.get(), args..., &index, &message);
    detail::check(status, message);
    return index;
  }

  struct Free {
    void operator()(AgoraTokenBuilder* handle) const noexcept { agora_token_builder_free(handle); }
  };
  std::unique_ptr<AgoraTokenBuilder, Free> handle_;
};

// Checks a 007 token's signature; throws Error ("signature_mismatch", a decoding error...).
inline void Verify(std::string_view token, std::string_view app_certificate) {
  char* message = nullptr;
  AgoraTokenStatus status =
      agora_token_verify(token.data(), token.size(), app_certificate.data(), app_certificate.size(), &message);
  detail::check(status, message);
}

// Decodes and verifies a 007 token; its payload as JSON (see bindings/c/README.md).
inline std::string Decode(std::string_view token, std::string_view app_certificate) {
  char* json = nullptr;
  char* message = nullptr;
  AgoraTokenStatus status = agora_token_decode(token.data(), token.size(), app_certificate.data(),
                                               app_certificate.size(), &json, &message);
  detail::check(status, message);
  return detail::take(json);
}

// Decodes a 007 token WITHOUT checking its signature; its payload as JSON.
inline std::string DecodeUnverified(std::string_view token) {
  char* json = nullptr;
  char* message = nullptr;
  AgoraTokenStatus status = agora_token_decode_unverified(token.data(), token.size(), &json, &message);
  detail::check(status, message);
  return detail::take(json);
}

// Who asks to join, for Explain.
struct ExplainQuery {
  std::string_view app_certificate;  // empty: signature not checked
  std::string_view channel_name;     // empty: no channel asked about
  std::optional<uint32_t> uid;       // a numeric uid, or
  std::optional<std::string> account;  // a string account
  std::optional<int64_t> now;        // Unix seconds; default the clock
};

// Explains a 007 or 006 token (contents, signature, expiry, can the user join and publish) as JSON.
inline std::string Explain(std::string_view token, const ExplainQuery& query = {}) {
  AgoraTokenUserKind kind = AGORA_TOKEN_USER_KIND_NONE;
  if (query.account) {
    kind = AGORA_TOKEN_USER_KIND_ACCOUNT;
  } else if (query.uid) {
    kind = AGORA_TOKEN_USER_KIND_UID;
  }
  std::string_view account = query.account ? std::string_view(*query.account) : std::string_view();
  char* json = nullptr;
  char* message = nullptr;
  AgoraTokenStatus status = agora_token_explain(token.data(), token.size(), query.app_certificate.data(),
                                    query.app_certificate.size(), query.channel_name.data(),
                                    query.channel_name.size(), kind, query.uid.value_or(0), account.data(),
                                    account.size(), query.now.value_or(-1), &json, &message);
  detail::check(status, message);
  return detail::take(json);
}

// Explains a token with every question explain can answer, given as a JSON object (keys:
// app_certificate, secondary_certificate, expected_app_id, channel_name, uid or account,
// user_id, rtm_channel, room_uuid, sdk_error such as "rtc-110", now); the answer is JSON with
// one verdict per service and, given sdk_error, the reasons that explain it.
inline std::string ExplainQuestions(std::string_view token, std::string_view questions_json) {
  char* json = nullptr;
  char* message = nullptr;
  AgoraTokenStatus status = agora_token_explain_questions(token.data(), token.size(), questions_json.data(),
                                                          questions_json.size(), &json, &message);
  detail::check(status, message);
  return detail::take(json);
}

}  // namespace token

namespace tools {

// Where the drop-in classes report what upstream does silently (a role of 0 read as join
// only, a timestamp where seconds are expected...). The default writes
// "agora-token warning [code]: message" to std::cerr; pass nullptr to ignore warnings.
using CompatWarningHandler = void (*)(const char* code, const char* message);

namespace detail {

inline void WarnToStderr(const char* code, const char* message) {
  std::cerr << "agora-token warning [" << code << "]: " << message << std::endl;
}

inline std::atomic<CompatWarningHandler>& WarningHandler() {
  static std::atomic<CompatWarningHandler> handler{&WarnToStderr};
  return handler;
}

// Runs a drop-in call: upstream's reading with warnings, fixed time and salt if given.
template <typename Call>
std::string DropIn(const token::Options& options, Call&& call) {
  token::Issued issued = token::Issue(options, std::forward<Call>(call));
  CompatWarningHandler handler = WarningHandler().load();
  if (handler != nullptr) {
    for (const token::Warning& warning : issued.warnings) handler(warning.code.c_str(), warning.message.c_str());
  }
  return std::move(issued.token);
}

}  // namespace detail

// Replaces the warning handler (process-wide; safe to call from any thread).
inline void SetCompatWarningHandler(CompatWarningHandler handler) { detail::WarningHandler().store(handler); }

}  // namespace tools
}  // namespace agora
