// Parsers of Organizations answers: what AWS sends, what moto sends (nulls), and what must be refused.
#include "aws/services/organizations_api.hpp"

#include <gtest/gtest.h>

namespace trailguard::aws {
namespace {

TEST(ListAccounts, ReadsAccountsAndTheNextToken) {
  auto page = parse_list_accounts_json(
      R"({"Accounts":[{"Id":"111111111111","Name":"prod","Arn":"arn:x","Email":"a@b","Status":"ACTIVE","Extra":1},
                      {"Id":"222222222222","Name":null,"Status":"SUSPENDED"}],"NextToken":"t2"})");
  ASSERT_TRUE(page.ok()) << page.error().describe();
  ASSERT_EQ(page->accounts.size(), 2u);
  EXPECT_EQ(page->accounts[0].name, "prod");
  EXPECT_EQ(page->accounts[1].name, "");
  EXPECT_EQ(page->accounts[1].status, "SUSPENDED");
  EXPECT_EQ(page->next_token, "t2");
}

TEST(ListAccounts, RefusesAnswersThatNameNoAccount) {
  for (const char* body : {"", "[]", "{}", R"({"Accounts":{}})", R"({"Accounts":[{"Name":"no id"}]})", R"({"Accounts":[1]})"}) {
    auto page = parse_list_accounts_json(body);
    ASSERT_FALSE(page.ok()) << body;
    EXPECT_NE(page.error().describe().find("ListAccounts answer"), std::string::npos) << page.error().describe();
  }
}

TEST(DescribeOrganization, NamesTheManagementAccount) {
  auto info = parse_describe_organization_json(
      R"({"Organization":{"Id":"o-abc","Arn":"arn:aws:organizations::111111111111:organization/o-abc",
          "MasterAccountId":"111111111111","MasterAccountEmail":"m@example.com","FeatureSet":"ALL"}})");
  ASSERT_TRUE(info.ok()) << info.error().describe();
  EXPECT_EQ(info->id, "o-abc");
  EXPECT_EQ(info->management_account_id, "111111111111");
}

TEST(DescribeOrganization, RefusesAnAnswerWithoutTheManagementAccount) {
  for (const char* body : {"", "null", R"({"Organization":null})", R"({"Organization":{"Id":"o-abc"}})"}) {
    auto info = parse_describe_organization_json(body);
    ASSERT_FALSE(info.ok()) << body;
    EXPECT_NE(info.error().describe().find("DescribeOrganization answer"), std::string::npos) << info.error().describe();
  }
}

TEST(DescribeOrganization, IsAGlobalJsonCall) {
  const auto call = describe_organization_call("us-east-1");
  EXPECT_EQ(call.service, "organizations");
  EXPECT_EQ(call.operation, "DescribeOrganization");
  EXPECT_EQ(call.json_body, "{}");
}

}  // namespace
}  // namespace trailguard::aws
