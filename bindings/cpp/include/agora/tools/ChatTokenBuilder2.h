// Drop-in for upstream's cpp/src/ChatTokenBuilder2.h. See RtcTokenBuilder2.h for the
// differences from upstream.
#pragma once

#include <cstdint>
#include <string>

#include "agora_token/agora_token.hpp"

namespace agora {
namespace tools {

class ChatTokenBuilder2 {
 public:
  static std::string BuildUserToken(const std::string& app_id, const std::string& app_certificate,
                                    const std::string& user_id, uint32_t expire = 0,
                                    const token::Options& options = {}) {
    return detail::DropIn(options, [&](auto... out) {
      return agora_token_chat_build_user_token(app_id.data(), app_id.size(), app_certificate.data(),
                                               app_certificate.size(), user_id.data(), user_id.size(), expire, out...);
    });
  }

  static std::string BuildAppToken(const std::string& app_id, const std::string& app_certificate, uint32_t expire = 0,
                                   const token::Options& options = {}) {
    return detail::DropIn(options, [&](auto... out) {
      return agora_token_chat_build_app_token(app_id.data(), app_id.size(), app_certificate.data(),
                                              app_certificate.size(), expire, out...);
    });
  }
};

}  // namespace tools
}  // namespace agora
