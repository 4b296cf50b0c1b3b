// The 006 drop-in classes (upstream's RtcTokenBuilder.h and RtmTokenBuilder.h, which cannot
// share a translation unit with RtcTokenBuilder2.h) against the shared vectors.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "agora/tools/RtcTokenBuilder.h"
#include "agora/tools/RtmTokenBuilder.h"
#include "vectors.h"

using namespace agora::tools;

namespace {

std::vector<std::string> g_warnings;
void Collect(const char* code, const char*) { g_warnings.push_back(code); }

TEST(DropIn006, BuildersMatchTheVectors) {
  ASSERT_GT(VECTORS_006_COUNT, 0u);
  for (size_t i = 0; i < VECTORS_006_COUNT; i++) {
    const Vector006& v = VECTORS_006[i];
    // 006 tokens store only their expiry: the issue time + 24 hours.
    agora::token::Options options{v.expires_at - 86400, v.salt, false};
    std::string token;
    if (v.kind == VECTOR_006_RTM) {
      token = RtmTokenBuilder::buildToken(v.app_id, v.app_certificate, v.channel_name, Rtm_User,
                                          v.privilege_expired_ts, options);
    } else {
      UserRole role = v.kind == VECTOR_006_RTC_PUBLISH ? Role_Publisher : Role_Subscriber;
      token = std::string(v.uid) == "0"
                  ? RtcTokenBuilder::buildTokenWithUserAccount(v.app_id, v.app_certificate, v.channel_name, v.uid,
                                                               role, v.privilege_expired_ts, options)
                  : RtcTokenBuilder::buildTokenWithUid(v.app_id, v.app_certificate, v.channel_name,
                                                       static_cast<uint32_t>(std::strtoul(v.uid, nullptr, 10)), role,
                                                       v.privilege_expired_ts, options);
    }
    EXPECT_EQ(token, v.token) << v.id;
  }
}

TEST(DropIn006, AttendeeAndAdminPublishAndUnknownRolesWarn) {
  SetCompatWarningHandler(&Collect);
  agora::token::Options fixed{1000, 1, false};
  std::string publisher = RtcTokenBuilder::buildTokenWithUid(
      "970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b", "c", 1, Role_Publisher, 0, fixed);
  EXPECT_EQ(RtcTokenBuilder::buildTokenWithUid("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b",
                                               "c", 1, Role_Attendee, 0, fixed),
            publisher);
  EXPECT_EQ(RtcTokenBuilder::buildTokenWithUid("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b",
                                               "c", 1, Role_Admin, 0, fixed),
            publisher);
  EXPECT_TRUE(g_warnings.empty());
  std::string subscriber = RtcTokenBuilder::buildTokenWithUid(
      "970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b", "c", 1, Role_Subscriber, 0, fixed);
  EXPECT_EQ(RtcTokenBuilder::buildTokenWithUid("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b",
                                               "c", 1, static_cast<UserRole>(3), 0, fixed),
            subscriber);
  ASSERT_EQ(g_warnings.size(), 1u);
  EXPECT_EQ(g_warnings[0], "role_read_as_join_only");
  SetCompatWarningHandler(&detail::WarnToStderr);
}

}  // namespace
