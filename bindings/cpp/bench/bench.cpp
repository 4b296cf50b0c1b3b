// Time per token of the C++ drop-in (RtcTokenBuilder2::BuildTokenWithUid, a publisher token
// with a random salt and the clock, as servers build them) and of decode + verify. Prints
// nanoseconds per call, the median of 7 rounds. Run by hand (see README.md); no test
// depends on a timing.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "agora/tools/RtcTokenBuilder2.h"

namespace {

template <typename Body>
double NanosPerCall(Body body, int calls) {
  std::vector<double> rounds;
  for (int round = 0; round < 7; round++) {
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < calls; i++) body(i);
    std::chrono::duration<double, std::nano> elapsed = std::chrono::steady_clock::now() - start;
    rounds.push_back(elapsed.count() / calls);
  }
  std::sort(rounds.begin(), rounds.end());
  return rounds[rounds.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int calls = argc > 1 ? std::atoi(argv[1]) : 20000;
  const std::string app_id = "970CA35de60c44645bbae8a215061b33", cert = "5CFd2fd1755d40ecb72977518be15d3b";
  size_t total = 0;
  double build = NanosPerCall(
      [&](int i) {
        total += agora::tools::RtcTokenBuilder2::BuildTokenWithUid(app_id, cert, "7d72365eb983485397e3e3f9d460bdda",
                                                                   2882341273u + static_cast<uint32_t>(i),
                                                                   agora::tools::UserRole::kRolePublisher, 600, 600)
                     .size();
      },
      calls);
  std::string token = agora::tools::RtcTokenBuilder2::BuildTokenWithUid(
      app_id, cert, "7d72365eb983485397e3e3f9d460bdda", 2882341273u, agora::tools::UserRole::kRolePublisher, 600, 600);
  double verify = NanosPerCall([&](int) { agora::token::Verify(token, cert); }, calls);
  std::printf("cpp drop-in BuildTokenWithUid (publisher): %.0f ns/token\n", build);
  std::printf("cpp Verify: %.0f ns/token\n", verify);
  return total == 0;
}
