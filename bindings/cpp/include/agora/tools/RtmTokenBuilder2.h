// Drop-in for upstream's cpp/src/RtmTokenBuilder2.h (007 RTM and RTM2 tokens) and its
// ServiceRtm2::Permissions. See RtcTokenBuilder2.h for the differences from upstream.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "agora_token/agora_token.hpp"

namespace agora {
namespace tools {

// Upstream's RTM2 service, for its Permissions type and constants.
class ServiceRtm2 {
 public:
  enum {
    kServiceType = 8,
    kPrivilegeLogin = 1,
  };

  using PermissionsDetail = std::map<uint16_t, std::map<uint16_t, std::vector<std::string>>>;

  struct Permissions {
    enum {
      kMessageChannels = 0,
      kStreamChannels = 1,
      kGourpChannels = 2,  // (sic) upstream's spelling
      kServerGroups = 3,
      kUsers = 4,
    };
    enum {
      kRead = 0,
      kWrite = 1,
    };

    Permissions() : details_() {}

    // Adds or replaces the resources of a resource and permission type.
    void Add(uint16_t resource_type, uint16_t permission_type, const std::vector<std::string>& resources) {
      details_[resource_type][permission_type] = resources;
    }

    PermissionsDetail details_;
  };
};

class RtmTokenBuilder2 {
 public:
  // RTM login until expire, which is also the token lifetime.
  static std::string BuildToken(const std::string& app_id, const std::string& app_certificate,
                                const std::string& user_id, uint32_t expire = 0, const token::Options& options = {}) {
    return detail::DropIn(options, [&](auto... out) {
      return agora_token_rtm_build_token(app_id.data(), app_id.size(), app_certificate.data(), app_certificate.size(),
                                         user_id.data(), user_id.size(), expire, out...);
    });
  }

  // RTM2 login with resource permissions (Go's BuildTokenWithPermissions). Resource types
  // outside 0..4 or permission types outside 0..1 throw Error "unknown_rtm2_type".
  static std::string BuildToken(const std::string& app_id, const std::string& app_certificate,
                                const std::string& user_id, const ServiceRtm2::Permissions& permissions,
                                uint32_t expire = 0, const token::Options& options = {}) {
    token::Rtm2Permissions converted;
    for (const auto& by_resource : permissions.details_) {
      for (const auto& by_permission : by_resource.second) {
        converted.Add(by_resource.first, by_permission.first, by_permission.second);
      }
    }
    return detail::DropIn(options, [&](auto... out) {
      return agora_token_rtm_build_token_with_permissions(app_id.data(), app_id.size(), app_certificate.data(),
                                                          app_certificate.size(), user_id.data(), user_id.size(),
                                                          converted.get(), expire, out...);
    });
  }
};

}  // namespace tools
}  // namespace agora
