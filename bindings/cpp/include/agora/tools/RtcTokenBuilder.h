// Drop-in for upstream's cpp/src/RtcTokenBuilder.h (legacy AccessToken "006" RTC tokens).
// Roles 0 (attendee), 1 (publisher) and 101 (admin) publish, 2 (subscriber) joins only;
// privilegeExpiredTs is an absolute Unix time (0 = no expiry). Like upstream, it cannot be
// included together with RtcTokenBuilder2.h (both define agora::tools::UserRole). See
// RtcTokenBuilder2.h for the differences from upstream.
#pragma once

#include <cstdint>
#include <string>

#include "agora_token/agora_token.hpp"

namespace agora {
namespace tools {

enum UserRole {
  Role_Attendee = 0,
  Role_Publisher = 1,
  Role_Subscriber = 2,
  Role_Admin = 101,
};

class RtcTokenBuilder {
 public:
  static std::string buildTokenWithUid(const std::string& appId, const std::string& appCertificate,
                                       const std::string& channelName, uint32_t uid, UserRole role,
                                       uint32_t privilegeExpiredTs = 0, const token::Options& options = {}) {
    return detail::DropIn(options, [&](auto... out) {
      return agora_token_006_rtc_build_token_with_uid(appId.data(), appId.size(), appCertificate.data(),
                                                      appCertificate.size(), channelName.data(), channelName.size(),
                                                      uid, static_cast<int64_t>(role), privilegeExpiredTs, out...);
    });
  }

  static std::string buildTokenWithUserAccount(const std::string& appId, const std::string& appCertificate,
                                               const std::string& channelName, const std::string& userAccount,
                                               UserRole role, uint32_t privilegeExpiredTs = 0,
                                               const token::Options& options = {}) {
    return detail::DropIn(options, [&](auto... out) {
      return agora_token_006_rtc_build_token_with_user_account(
          appId.data(), appId.size(), appCertificate.data(), appCertificate.size(), channelName.data(),
          channelName.size(), userAccount.data(), userAccount.size(), static_cast<int64_t>(role), privilegeExpiredTs,
          out...);
    });
  }
};

}  // namespace tools
}  // namespace agora
