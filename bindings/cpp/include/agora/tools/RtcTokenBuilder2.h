// Drop-in for upstream's cpp/src/RtcTokenBuilder2.h (AccessToken2 "007" RTC tokens): the same
// names, argument order and defaults, built by agora-token. Differences: bad input throws
// agora::token::Error (code + message) instead of returning ""; a role other than
// kRolePublisher/kRoleSubscriber builds upstream's token and is reported to the
// CompatWarningHandler; every function takes an optional trailing agora::token::Options to fix
// the issue time and salt.
#pragma once

#include <cstdint>
#include <string>

#include "agora_token/agora_token.hpp"

namespace agora {
namespace tools {

enum class UserRole {
  kRolePublisher = 1,
  kRoleSubscriber = 2,
};

class RtcTokenBuilder2 {
 public:
  static std::string BuildTokenWithUid(const std::string& app_id, const std::string& app_certificate,
                                       const std::string& channel_name, uint32_t uid, UserRole role,
                                       uint32_t token_expire, uint32_t privilege_expire = 0,
                                       const token::Options& options = {}) {
    return detail::DropIn(options, [&](auto... out) {
      return agora_token_rtc_build_token_with_uid(app_id.data(), app_id.size(), app_certificate.data(),
                                                  app_certificate.size(), channel_name.data(), channel_name.size(),
                                                  uid, static_cast<int64_t>(role), token_expire, privilege_expire,
                                                  out...);
    });
  }

  static std::string BuildTokenWithUserAccount(const std::string& app_id, const std::string& app_certificate,
                                               const std::string& channel_name, const std::string& user_account,
                                               UserRole role, uint32_t token_expire, uint32_t privilege_expire = 0,
                                               const token::Options& options = {}) {
    return detail::DropIn(options, [&](auto... out) {
      return agora_token_rtc_build_token_with_user_account(
          app_id.data(), app_id.size(), app_certificate.data(), app_certificate.size(), channel_name.data(),
          channel_name.size(), user_account.data(), user_account.size(), static_cast<int64_t>(role), token_expire,
          privilege_expire, out...);
    });
  }

  // The per-privilege overloads (Go's BuildTokenWithUidAndPrivilege).
  static std::string BuildTokenWithUid(const std::string& app_id, const std::string& app_certificate,
                                       const std::string& channel_name, uint32_t uid, uint32_t token_expire,
                                       uint32_t join_channel_privilege_expire = 0,
                                       uint32_t pub_audio_privilege_expire = 0,
                                       uint32_t pub_video_privilege_expire = 0,
                                       uint32_t pub_data_stream_privilege_expire = 0,
                                       const token::Options& options = {}) {
    return detail::DropIn(options, [&](auto... out) {
      return agora_token_rtc_build_token_with_uid_and_privilege(
          app_id.data(), app_id.size(), app_certificate.data(), app_certificate.size(), channel_name.data(),
          channel_name.size(), uid, token_expire, join_channel_privilege_expire, pub_audio_privilege_expire,
          pub_video_privilege_expire, pub_data_stream_privilege_expire, out...);
    });
  }

  static std::string BuildTokenWithUserAccount(const std::string& app_id, const std::string& app_certificate,
                                               const std::string& channel_name, const std::string& user_account,
                                               uint32_t token_expire, uint32_t join_channel_privilege_expire = 0,
                                               uint32_t pub_audio_privilege_expire = 0,
                                               uint32_t pub_video_privilege_expire = 0,
                                               uint32_t pub_data_stream_privilege_expire = 0,
                                               const token::Options& options = {}) {
    return detail::DropIn(options, [&](auto... out) {
      return agora_token_rtc_build_token_with_user_account_and_privilege(
          app_id.data(), app_id.size(), app_certificate.data(), app_certificate.size(), channel_name.data(),
          channel_name.size(), user_account.data(), user_account.size(), token_expire, join_channel_privilege_expire,
          pub_audio_privilege_expire, pub_video_privilege_expire, pub_data_stream_privilege_expire, out...);
    });
  }

  // RTC for the account plus RTM login for the same account until token_expire.
  static std::string BuildTokenWithRtm(const std::string& app_id, const std::string& app_certificate,
                                       const std::string& channel_name, const std::string& account, UserRole role,
                                       uint32_t token_expire, uint32_t privilege_expire = 0,
                                       const token::Options& options = {}) {
    return detail::DropIn(options, [&](auto... out) {
      return agora_token_rtc_build_token_with_rtm(app_id.data(), app_id.size(), app_certificate.data(),
                                                  app_certificate.size(), channel_name.data(), channel_name.size(),
                                                  account.data(), account.size(), static_cast<int64_t>(role),
                                                  token_expire, privilege_expire, out...);
    });
  }

  // RTC (publish privileges only for publishers) plus RTM login for rtm_user_id.
  static std::string BuildTokenWithRtm2(const std::string& app_id, const std::string& app_certificate,
                                        const std::string& channel_name, const std::string& rtc_account,
                                        UserRole rtc_role, uint32_t rtc_token_expire,
                                        uint32_t join_channel_privilege_expire, uint32_t pub_audio_privilege_expire,
                                        uint32_t pub_video_privilege_expire,
                                        uint32_t pub_data_stream_privilege_expire, const std::string& rtm_user_id,
                                        uint32_t rtm_token_expire, const token::Options& options = {}) {
    return detail::DropIn(options, [&](auto... out) {
      return agora_token_rtc_build_token_with_rtm2(
          app_id.data(), app_id.size(), app_certificate.data(), app_certificate.size(), channel_name.data(),
          channel_name.size(), rtc_account.data(), rtc_account.size(), static_cast<int64_t>(rtc_role),
          rtc_token_expire, join_channel_privilege_expire, pub_audio_privilege_expire, pub_video_privilege_expire,
          pub_data_stream_privilege_expire, rtm_user_id.data(), rtm_user_id.size(), rtm_token_expire, out...);
    });
  }
};

}  // namespace tools
}  // namespace agora
