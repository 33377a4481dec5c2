#include "sources/logs/digest_keys.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include "support/test_rsa_key.hpp"

namespace trailguard::sources::logs {
namespace {

std::string base64(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(bytes.data()),
                  static_cast<int>(bytes.size()));
  return out;
}

const test_support::TestRsaKey& signer() {
  static const test_support::TestRsaKey key;
  return key;
}

nlohmann::json entry(const std::string& der, const std::string& fingerprint) {
  return {{"Value", base64(der)}, {"ValidityStartTime", "2026-01-01T00:00:00+00:00"}, {"ValidityEndTime", 1800000000},
          {"Fingerprint", fingerprint}, {"Unknown", 1}};
}

TEST(DigestKeys, TheCliJsonInBothEncodingsGivesKeysByFingerprint) {
  const nlohmann::json document = {{"PublicKeyList", {entry(signer().pkcs1_der(), "f1"), entry(signer().spki_der(), "f2")}}};
  auto page = parse_public_keys(document.dump(), "keys.json");
  ASSERT_TRUE(page) << page.error().describe();
  ASSERT_EQ(page->keys.size(), 2u);
  EXPECT_EQ(page->keys[0].valid_from, 1767225600);
  EXPECT_EQ(page->keys[0].valid_until, 1800000000);
  EXPECT_TRUE(page->next_token.empty());
  DigestKeys keys;
  for (auto& key : page->keys) keys.add(std::move(key));
  const auto signature = signer().sign("message");
  ASSERT_NE(keys.find("f1"), nullptr);
  EXPECT_TRUE(keys.find("f1")->verify_sha256("message", signature));
  EXPECT_TRUE(keys.find("f2")->verify_sha256("message", signature));
  EXPECT_EQ(keys.find("f3"), nullptr);
}

TEST(DigestKeys, BrokenDocumentsAreRefusedNamingTheEntry) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"not json", "is not valid JSON at line 1"},
      {"[]", "the document should be an object"},
      {R"({"Keys": []})", "PublicKeyList is missing"},
      {R"({"PublicKeyList": [1]})", "PublicKeyList[0] should be an object"},
      {R"({"PublicKeyList": [{"Value": "AAAA"}]})", "PublicKeyList[0].Fingerprint"},
      {R"({"PublicKeyList": [{"Fingerprint": "f"}]})", "PublicKeyList[0].Value is missing"},
      {R"({"PublicKeyList": [{"Fingerprint": "f", "Value": "!!!!"}]})", "PublicKeyList[0].Value is not base64"},
      {R"({"PublicKeyList": [{"Fingerprint": "f", "Value": "AAAA"}]})", "neither a PKCS#1"},
  };
  for (const auto& [text, expected] : cases) {
    auto page = parse_public_keys(text, "keys.json");
    ASSERT_FALSE(page) << text;
    EXPECT_EQ(page.error().where, "keys.json");
    EXPECT_NE(page.error().message.find(expected), std::string::npos) << page.error().message;
  }
}

// Answers ListPublicKeys page by page, by the NextToken asked for.
class PagingClient : public aws::AwsClient {
 public:
  std::map<std::string, std::string> pages;  // token asked -> body
  std::vector<nlohmann::json> requests;
  Result<aws::ApiResponse> call(const aws::ApiCall& call) override {
    EXPECT_EQ(call.operation, "ListPublicKeys");
    EXPECT_EQ(call.service, "cloudtrail");
    auto body = nlohmann::json::parse(call.json_body);
    requests.push_back(body);
    const auto it = pages.find(body.value("NextToken", ""));
    if (it == pages.end()) return make_error(ErrorKind::service, "cloudtrail ListPublicKeys", "no such page");
    return aws::ApiResponse{it->second, 200, 1};
  }
};

TEST(DigestKeys, FetchFollowsNextTokenAndAsksForTheWindow) {
  PagingClient client;
  client.pages[""] = nlohmann::json{{"PublicKeyList", {entry(signer().spki_der(), "a")}}, {"NextToken", "t2"}}.dump();
  client.pages["t2"] = nlohmann::json{{"PublicKeyList", {entry(signer().pkcs1_der(), "b")}}}.dump();
  auto keys = fetch_public_keys(client, "eu-west-1", 1000, 5000);
  ASSERT_TRUE(keys) << keys.error().describe();
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ((*keys)[1].fingerprint, "b");
  ASSERT_EQ(client.requests.size(), 2u);
  EXPECT_EQ(client.requests[0]["StartTime"], 1000);
  EXPECT_EQ(client.requests[0]["EndTime"], 5000);
  EXPECT_FALSE(client.requests[0].contains("NextToken"));
  EXPECT_EQ(client.requests[1]["NextToken"], "t2");
}

TEST(DigestKeys, FetchStopsOnARepeatedTokenAndReportsFailures) {
  PagingClient client;
  client.pages[""] = nlohmann::json{{"PublicKeyList", nlohmann::json::array()}, {"NextToken", "same"}}.dump();
  client.pages["same"] = client.pages[""];
  auto keys = fetch_public_keys(client, "us-east-1", 0, 1);
  ASSERT_TRUE(keys);
  EXPECT_EQ(client.requests.size(), 2u);

  PagingClient failing;
  failing.pages[""] = R"({"PublicKeyList": "x"})";
  auto refused = fetch_public_keys(failing, "us-east-1", 0, 1);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().where, "cloudtrail ListPublicKeys in us-east-1");
}

}  // namespace
}  // namespace trailguard::sources::logs
