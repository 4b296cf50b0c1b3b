// Drop-in for upstream's cpp/src/ApaasTokenBuilder.h (Flexible Classroom). See
// RtcTokenBuilder2.h for the differences from upstream.
#pragma once

#include <cstdint>
#include <string>

#include "agora_token/agora_token.hpp"

namespace agora {
namespace tools {

class ApaasTokenBuilder {
 public:
  // APaaS room user, RTM login for the user and Chat user for the MD5 of the user uuid.
  static std::string BuildRoomUserToken(const std::string& app_id, const std::string& app_certificate,
                                        const std::string& room_uuid, const std::string& user_uuid, int16_t role,
                                        uint32_t expire, const token::Options& options = {}) {
    return detail::DropIn(options, [&](auto... out) {
      return agora_token_apaas_build_room_user_token(app_id.data(), app_id.size(), app_certificate.data(),
                                                     app_certificate.size(), room_uuid.data(), room_uuid.size(),
                                                     user_uuid.data(), user_uuid.size(), role, expire, out...);
    });
  }

  static std::string BuildUserToken(const std::string& app_id, const std::string& app_certificate,
                                    const std::string& user_uuid, uint32_t expire,
                                    const token::Options& options = {}) {
    return detail::DropIn(options, [&](auto... out) {
      return agora_token_apaas_build_user_token(app_id.data(), app_id.size(), app_certificate.data(),
                                                app_certificate.size(), user_uuid.data(), user_uuid.size(), expire,
                                                out...);
    });
  }

  static std::string BuildAppToken(const std::string& app_id, const std::string& app_certificate, uint32_t expire,
                                   const token::Options& options = {}) {
    return detail::DropIn(options, [&](auto... out) {
      return agora_token_apaas_build_app_token(app_id.data(), app_id.size(), app_certificate.data(),
                                               app_certificate.size(), expire, out...);
    });
  }
};

}  // namespace tools
}  // namespace agora
