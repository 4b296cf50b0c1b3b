// The drop-in classes (upstream's names, arguments and defaults) against the shared vectors,
// their warnings, errors and injectable issue time and salt.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "agora/tools/ApaasTokenBuilder.h"
#include "agora/tools/ChatTokenBuilder2.h"
#include "agora/tools/EducationTokenBuilder2.h"
#include "agora/tools/FpaTokenBuilder.h"
#include "agora/tools/RtcTokenBuilder2.h"
#include "agora/tools/RtmTokenBuilder2.h"
#include "vectors.h"

using agora::token::Options;
using namespace agora::tools;

namespace {

const std::string kAppId = "970CA35de60c44645bbae8a215061b33";
const std::string kCert = "5CFd2fd1755d40ecb72977518be15d3b";
const Options kFixed{1111111, 1, false};

const Vector007& Find(const char* id) {
  for (size_t i = 0; i < VECTORS_007_COUNT; i++) {
    if (std::strcmp(VECTORS_007[i].id, id) == 0) return VECTORS_007[i];
  }
  throw std::runtime_error(std::string("no vector ") + id);
}

std::string Channel(const char* id) { return Find(id).services[0].channel_name; }

// Collects what the drop-ins report, for the duration of a test.
std::vector<std::string> g_warnings;
void Collect(const char* code, const char* message) { g_warnings.push_back(std::string(code) + ": " + message); }

class DropIn : public ::testing::Test {
 protected:
  void SetUp() override {
    g_warnings.clear();
    SetCompatWarningHandler(&Collect);
  }
  void TearDown() override { SetCompatWarningHandler(&detail::WarnToStderr); }
};

TEST_F(DropIn, RtcBuildersMatchTheVectors) {
  const Vector007& join = Find("at2-rtc-uid-join");
  EXPECT_EQ(RtcTokenBuilder2::BuildTokenWithUid(kAppId, kCert, Channel("at2-rtc-uid-join"), 2882341273u,
                                                UserRole::kRoleSubscriber, 600, 600, kFixed),
            join.stock_token);
  EXPECT_EQ(RtcTokenBuilder2::BuildTokenWithUserAccount(kAppId, kCert, Channel("at2-rtc-uid-join"), "2882341273",
                                                        UserRole::kRoleSubscriber, 600, 600, kFixed),
            join.stock_token);
  EXPECT_EQ(RtcTokenBuilder2::BuildTokenWithUid(kAppId, kCert, Channel("at2-rtc-uid0-join"), 0,
                                                UserRole::kRoleSubscriber, 600, 600, kFixed),
            Find("at2-rtc-uid0-join").stock_token);
  EXPECT_EQ(RtcTokenBuilder2::BuildTokenWithRtm2(kAppId, kCert, Channel("at2-rtc4-rtm"), "2882341273",
                                                 UserRole::kRolePublisher, 600, 600, 600, 600, 600, "test_user", 600,
                                                 kFixed),
            Find("at2-rtc4-rtm").stock_token);
  EXPECT_TRUE(g_warnings.empty());
}

TEST_F(DropIn, OtherBuildersMatchTheVectors) {
  EXPECT_EQ(RtmTokenBuilder2::BuildToken(kAppId, kCert, "2882341273", 600, kFixed), Find("at2-rtm-uidstr").stock_token);
  EXPECT_EQ(ChatTokenBuilder2::BuildUserToken(kAppId, kCert, "2882341273", 600, kFixed),
            Find("at2-chat-user").stock_token);
  EXPECT_EQ(ChatTokenBuilder2::BuildAppToken(kAppId, kCert, 600, kFixed), Find("at2-chat-app").stock_token);
  EXPECT_EQ(ApaasTokenBuilder::BuildRoomUserToken(kAppId, kCert, "123", "2882341273", 1, 600, kFixed),
            Find("at2-apaas-room-user").stock_token);
  EXPECT_EQ(EducationTokenBuilder2::BuildRoomUserToken(kAppId, kCert, "123", "2882341273", 1, 600, kFixed),
            Find("at2-apaas-room-user").stock_token);
  EXPECT_EQ(ApaasTokenBuilder::BuildUserToken(kAppId, kCert, "2882341273", 600, kFixed),
            Find("at2-apaas-user").stock_token);
  EXPECT_EQ(ApaasTokenBuilder::BuildAppToken(kAppId, kCert, 600, kFixed), Find("at2-apaas-app").stock_token);
}

TEST_F(DropIn, Rtm2PermissionsMatchTheExtendedVector) {
  const Vector007& v = Find("at2-extended-streaming-fcdn-rtm2");
  ServiceRtm2::Permissions permissions;
  const VectorService* rtm2 = nullptr;
  for (size_t i = 0; i < v.service_count; i++) {
    if (v.services[i].type == 8) rtm2 = &v.services[i];
  }
  ASSERT_NE(rtm2, nullptr);
  for (size_t p = 0; p < rtm2->permission_count; p++) {
    const VectorPermission& pair = rtm2->permissions[p];
    std::vector<std::string> names;
    size_t start = 0;
    for (size_t n = 0; n < pair.count; n++) {
      names.emplace_back(pair.names + start, pair.lengths[n]);
      start += pair.lengths[n];
    }
    permissions.Add(pair.resource_type, pair.permission_type, names);
  }
  std::string token = RtmTokenBuilder2::BuildToken(kAppId, kCert, rtm2->user_id, permissions, 600, kFixed);
  std::string json = agora::token::Decode(token, kCert);
  const char* expected = R"("permissions":{"0":{"0":["message-a","message-b"]},"1":{"1":["stream-a"]},"4":{"0":["user-a"]}})";
  EXPECT_NE(json.find(expected), std::string::npos)
      << json;
}

TEST_F(DropIn, DefaultsAreUpstreamsAndTokensVerify) {
  // privilege_expire defaults to 0, as upstream; issue time and salt from the clock.
  std::string token = RtcTokenBuilder2::BuildTokenWithUid(kAppId, kCert, "room", 42, UserRole::kRolePublisher, 3600);
  EXPECT_NO_THROW(agora::token::Verify(token, kCert));
  std::string json = agora::token::Decode(token, kCert);
  EXPECT_NE(json.find(R"("privileges":{"1":0,"2":0,"3":0,"4":0})"), std::string::npos) << json;
  // The nine-argument overload defaults every privilege expiry to 0.
  json = agora::token::Decode(RtcTokenBuilder2::BuildTokenWithUid(kAppId, kCert, "room", 42, 3600), kCert);
  EXPECT_NE(json.find(R"("privileges":{"1":0,"2":0,"3":0,"4":0})"), std::string::npos) << json;
  json = agora::token::Decode(FpaTokenBuilder::BuildToken(kAppId, kCert), kCert);
  EXPECT_NE(json.find(R"("expire":86400)"), std::string::npos) << json;
  json = agora::token::Decode(ChatTokenBuilder2::BuildAppToken(kAppId, kCert), kCert);
  EXPECT_NE(json.find(R"("expire":0)"), std::string::npos) << json;
}

TEST_F(DropIn, UndefinedRolesBuildUpstreamsTokenAndWarn) {
  std::string token = RtcTokenBuilder2::BuildTokenWithUid(kAppId, kCert, Channel("at2-rtc-uid-join"), 2882341273u,
                                                          static_cast<UserRole>(0), 600, 600, kFixed);
  EXPECT_EQ(token, Find("at2-rtc-uid-join").stock_token);
  ASSERT_EQ(g_warnings.size(), 1u);
  EXPECT_EQ(g_warnings[0].rfind("role_read_as_join_only: RTC role 0", 0), 0u) << g_warnings[0];
  g_warnings.clear();
  RtmTokenBuilder2::BuildToken(kAppId, kCert, "u", 1764066022, kFixed);
  ASSERT_EQ(g_warnings.size(), 1u);
  EXPECT_EQ(g_warnings[0].rfind("expiry_looks_absolute: expire is 1764066022", 0), 0u) << g_warnings[0];
  // No handler: nothing is reported.
  SetCompatWarningHandler(nullptr);
  g_warnings.clear();
  RtmTokenBuilder2::BuildToken(kAppId, kCert, "u", 1764066022, kFixed);
  EXPECT_TRUE(g_warnings.empty());
}

TEST_F(DropIn, StrictOptionsRefuseWhatUpstreamAccepts) {
  Options strict = kFixed;
  strict.strict = true;
  try {
    RtcTokenBuilder2::BuildTokenWithUid(kAppId, kCert, "c", 1, static_cast<UserRole>(101), 600, 600, strict);
    FAIL() << "no exception";
  } catch (const agora::token::Error& error) {
    EXPECT_EQ(error.code(), "unknown_role");
    EXPECT_EQ(error.status(), AGORA_TOKEN_STATUS_UNKNOWN_ROLE);
  }
}

TEST_F(DropIn, BadInputThrowsTheCoreErrorWithoutTheCertificate) {
  try {
    ChatTokenBuilder2::BuildUserToken(kAppId, "5CFd2fd1755d40ecb72977518be15d3", "u", 600);
    FAIL() << "no exception";
  } catch (const agora::token::Error& error) {
    EXPECT_EQ(error.code(), "invalid_app_certificate");
    EXPECT_NE(std::string(error.what()).find("31 characters long"), std::string::npos) << error.what();
    EXPECT_EQ(std::string(error.what()).find("5CFd2fd1"), std::string::npos) << error.what();
  }
  EXPECT_THROW(RtmTokenBuilder2::BuildToken("not an app id", kCert, "u", 600), agora::token::Error);
  ServiceRtm2::Permissions permissions;
  permissions.Add(9, ServiceRtm2::Permissions::kRead, {"x"});
  try {
    RtmTokenBuilder2::BuildToken(kAppId, kCert, "u", permissions, 600);
    FAIL() << "no exception";
  } catch (const agora::token::Error& error) {
    EXPECT_EQ(error.code(), "unknown_rtm2_type");
  }
}

}  // namespace
