// Drop-in for upstream's cpp/src/RtmTokenBuilder.h (legacy AccessToken "006" RTM tokens):
// RTM login until the absolute Unix time privilegeExpiredTs. The role is ignored, as upstream
// ignores it. See RtcTokenBuilder2.h for the differences from upstream.
#pragma once

#include <cstdint>
#include <string>

#include "agora_token/agora_token.hpp"

namespace agora {
namespace tools {

enum RtmUserRole {
  Rtm_User = 1,
};

class RtmTokenBuilder {
 public:
  static std::string buildToken(const std::string& appId, const std::string& appCertificate,
                                const std::string& userAccount, RtmUserRole role, uint32_t privilegeExpiredTs = 0,
                                const token::Options& options = {}) {
    (void)role;
    return detail::DropIn(options, [&](auto... out) {
      return agora_token_006_rtm_build_token(appId.data(), appId.size(), appCertificate.data(), appCertificate.size(),
                                             userAccount.data(), userAccount.size(), privilegeExpiredTs, out...);
    });
  }
};

}  // namespace tools
}  // namespace agora
