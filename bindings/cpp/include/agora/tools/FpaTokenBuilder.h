// Drop-in for upstream's cpp/src/FpaTokenBuilder.h: FPA login privilege 0, 24-hour lifetime.
// See RtcTokenBuilder2.h for the differences from upstream.
#pragma once

#include <string>

#include "agora_token/agora_token.hpp"

namespace agora {
namespace tools {

class FpaTokenBuilder {
 public:
  static std::string BuildToken(const std::string& app_id, const std::string& app_certificate,
                                const token::Options& options = {}) {
    return detail::DropIn(options, [&](auto... out) {
      return agora_token_fpa_build_token(app_id.data(), app_id.size(), app_certificate.data(), app_certificate.size(),
                                         out...);
    });
  }
};

}  // namespace tools
}  // namespace agora
