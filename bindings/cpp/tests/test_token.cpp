// The idiomatic API (agora::token): every shared 007 vector through TokenBuilder, decoding,
// verification, explanations, errors, and RAII.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "agora_token/agora_token.hpp"
#include "vectors.h"

using agora::token::Error;
using agora::token::Options;
using agora::token::Rtm2Permissions;
using agora::token::TokenBuilder;

namespace {

const char kCert[] = "5CFd2fd1755d40ecb72977518be15d3b";

size_t AddService(TokenBuilder& builder, const VectorService& s) {
  switch (s.type) {
    case 1: return builder.AddRtc(s.channel_name, std::string_view(s.uid));
    case 2: return builder.AddRtm(s.user_id);
    case 3: return builder.AddStreaming(s.channel_name, std::string_view(s.account));
    case 4: return builder.AddFpa();
    case 5: return builder.AddChat(s.user_id);
    case 6: return builder.AddFcdn(s.channel_name, std::string_view(s.account));
    case 7: return builder.AddApaas(s.room_uuid, s.user_uuid, s.role);
    case 8: {
      Rtm2Permissions permissions;
      for (size_t p = 0; p < s.permission_count; p++) {
        std::vector<std::string> names;
        size_t start = 0;
        for (size_t n = 0; n < s.permissions[p].count; n++) {
          names.emplace_back(s.permissions[p].names + start, s.permissions[p].lengths[n]);
          start += s.permissions[p].lengths[n];
        }
        permissions.Add(s.permissions[p].resource_type, s.permissions[p].permission_type, names);
      }
      return builder.AddRtm2(s.user_id, permissions);
    }
    case 9: return builder.AddConvoAi();
    case 10: return builder.AddStt();
    default: throw std::runtime_error("unknown service type in a vector");
  }
}

class Vectors : public ::testing::TestWithParam<size_t> {};

TEST_P(Vectors, BuildAndDecode) {
  const Vector007& v = VECTORS_007[GetParam()];
  if (v.build) {
    TokenBuilder builder(v.app_id, v.app_certificate, v.expire, Options{v.issued_at, v.salt, false});
    for (size_t i = 0; i < v.service_count; i++) {
      size_t index = AddService(builder, v.services[i]);
      for (size_t p = 0; p < v.services[i].privilege_count; p++) {
        builder.AddPrivilege(index, v.services[i].privileges[p].code, v.services[i].privileges[p].expire);
      }
    }
    EXPECT_EQ(builder.Build(), v.stock_token);
  }
  if (v.parse) {
    std::string json = v.app_certificate ? agora::token::Decode(v.token, v.app_certificate)
                                         : agora::token::DecodeUnverified(v.token);
    EXPECT_EQ(json, v.decoded);
  }
}

INSTANTIATE_TEST_SUITE_P(Conformance, Vectors, ::testing::Range<size_t>(0, VECTORS_007_COUNT),
                         [](const ::testing::TestParamInfo<size_t>& info) {
                           std::string name = VECTORS_007[info.param].id;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(TokenBuilder, RefusesUndefinedPrivilegesUnlessUnchecked) {
  TokenBuilder builder("970CA35de60c44645bbae8a215061b33", kCert, 600, Options{1, 2, false});
  size_t rtc = builder.AddRtc("room", 42u);
  try {
    builder.AddPrivilege(rtc, 9, 600);
    FAIL() << "no exception";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), "unknown_privilege");
    EXPECT_NE(std::string(error.what()).find("unknown RTC privilege 9"), std::string::npos) << error.what();
  }
  std::vector<agora::token::Warning> warnings = builder.AddPrivilegeUnchecked(rtc, 9, 600);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].code, "undefined_privilege");
  builder.AddPrivilege(rtc, TokenBuilder::kRtcJoinChannel, 600);
  std::string json = agora::token::Decode(builder.Build(), kCert);
  EXPECT_NE(json.find(R"("privileges":{"1":600,"9":600})"), std::string::npos) << json;
}

TEST(TokenBuilder, EmptyBuilderAndStrictMode) {
  TokenBuilder empty("970CA35de60c44645bbae8a215061b33", kCert, 600);
  try {
    empty.Build();
    FAIL() << "no exception";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), "no_services");
  }
  TokenBuilder strict("970CA35de60c44645bbae8a215061b33", kCert, 1764066022, Options{{}, {}, true});
  strict.AddRtm("u");
  try {
    strict.Build();
    FAIL() << "no exception";
  } catch (const Error& error) {
    EXPECT_EQ(error.status(), AGORA_TOKEN_STATUS_EXPIRY_LOOKS_ABSOLUTE);
  }
  EXPECT_THROW(TokenBuilder("bad", kCert, 600), Error);
}

TEST(TokenBuilder, IsMoveOnlyAndBuildsFromManyThreads) {
  static_assert(!std::is_copy_constructible<TokenBuilder>::value, "a handle owner is not copyable");
  static_assert(std::is_move_constructible<TokenBuilder>::value, "but it moves");
  TokenBuilder first("970CA35de60c44645bbae8a215061b33", kCert, 600, Options{1111111, 1, false});
  size_t rtc = first.AddRtc(VECTORS_007[0].services[0].channel_name, 2882341273u);
  first.AddPrivilege(rtc, TokenBuilder::kRtcJoinChannel, 600);
  TokenBuilder builder = std::move(first);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; t++) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; i++) mismatches[t] += builder.Build() != VECTORS_007[0].stock_token;
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int count : mismatches) EXPECT_EQ(count, 0);
}

TEST(Decoding, VerifyAndErrors) {
  const Vector007& v = VECTORS_007[0];
  EXPECT_NO_THROW(agora::token::Verify(v.token, kCert));
  try {
    agora::token::Verify(v.token, "5cfd2fd1755d40ecb72977518be15d3b");
    FAIL() << "no exception";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), "signature_mismatch");
  }
  try {
    agora::token::DecodeUnverified("006abc");
    FAIL() << "no exception";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), "wrong_version");
  }
}

TEST(Explain, SaysWhetherAUserCanJoin) {
  const Vector007& v = VECTORS_007[0];
  agora::token::ExplainQuery query;
  query.app_certificate = kCert;
  query.channel_name = v.services[0].channel_name;
  query.uid = 2882341273u;
  query.now = 1111200;
  std::string json = agora::token::Explain(v.token, query);
  EXPECT_NE(json.find(R"("can_join":true)"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("signature":"valid")"), std::string::npos) << json;
  query.uid.reset();
  query.account = "bob";
  json = agora::token::Explain(v.token, query);
  EXPECT_NE(json.find(R"("reason":"uid_account_mix")"), std::string::npos) << json;
  EXPECT_NE(agora::token::Explain(v.token).find(R"("signature":"not_checked")"), std::string::npos);
}

TEST(Explain, AnswersEveryQuestion) {
  const Vector007& v = VECTORS_007[0];
  std::string questions = std::string(R"({"app_certificate":"00000000000000000000000000000000","secondary_certificate":")") +
                          kCert + R"(","expected_app_id":"ffffffffffffffffffffffffffffffff","sdk_error":"110","now":1111200})";
  std::string json = agora::token::ExplainQuestions(v.token, questions);
  EXPECT_NE(json.find(R"("verified_with":"secondary")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("sdk_error":{"code":"rtc-110")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("reason":"app_id_mismatch")"), std::string::npos) << json;
  EXPECT_THROW(agora::token::ExplainQuestions(v.token, R"({"sdk_error":"rtc-17"})"), agora::token::Error);
}

}  // namespace
