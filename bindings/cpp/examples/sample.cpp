// The sample of bindings/cpp/README.md, built by the CMake project and by the consumer
// project of scripts/test-cpp.sh, and run by both.
#include <iostream>

#include "agora/tools/RtcTokenBuilder2.h"

using agora::tools::RtcTokenBuilder2;
using agora::tools::UserRole;

int main() {
  std::string token = RtcTokenBuilder2::BuildTokenWithUid("970CA35de60c44645bbae8a215061b33",
                                                          "5CFd2fd1755d40ecb72977518be15d3b", "room", 42,
                                                          UserRole::kRolePublisher, 3600, 3600);
  std::cout << token << std::endl;
  return 0;
}
