// Drop-in for upstream's cpp/src/EducationTokenBuilder2.h: the APaaS builders under their
// Education name (identical tokens).
#pragma once

#include "agora/tools/ApaasTokenBuilder.h"

namespace agora {
namespace tools {

class EducationTokenBuilder2 : public ApaasTokenBuilder {};

}  // namespace tools
}  // namespace agora
