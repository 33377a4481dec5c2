// The organization scan over in-memory clients: which accounts are read and how (caller, role, skipped),
// organization trails read once in the management account and credited to every member, a role that
// cannot be assumed, suspended accounts, the stop flag, bounded concurrency, and ListAccounts paging.
#include "sources/org/org_scan.hpp"

#include <atomic>
#include <chrono>
#include <map>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "control/evaluator.hpp"
#include "support/fake_aws_client.hpp"

namespace trailguard::sources::org {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using test_support::FakeAwsClient;

const std::string kManagement = "111111111111";

std::string identity(const std::string& account) {
  return "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::" + account +
         ":user/auditor</Arn><UserId>AIDA</UserId><Account>" + account + "</Account></GetCallerIdentityResult></GetCallerIdentityResponse>";
}

const char* kRegions = R"(<DescribeRegionsResponse><regionInfo>
 <item><regionName>us-east-1</regionName><optInStatus>opt-in-not-required</optInStatus></item>
 <item><regionName>eu-west-1</regionName><optInStatus>opt-in-not-required</optInStatus></item>
</regionInfo></DescribeRegionsResponse>)";

std::string trail_json(const std::string& name, const std::string& owner, bool multi_region, bool organization) {
  return R"({"Name":")" + name + R"(","TrailARN":"arn:aws:cloudtrail:us-east-1:)" + owner + ":trail/" + name +
         R"(","HomeRegion":"us-east-1","IsMultiRegionTrail":)" + (multi_region ? "true" : "false") +
         R"(,"IncludeGlobalServiceEvents":true,"IsOrganizationTrail":)" + (organization ? "true" : "false") +
         R"(,"S3BucketName":"logs"})";
}

const char* kLogging = R"({"IsLogging":true})";
const char* kStopped = R"({"IsLogging":false})";
const char* kAll = R"({"EventSelectors":[{"ReadWriteType":"All","IncludeManagementEvents":true}]})";

const char* kAssumed = R"(<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId>
<SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration>
</Credentials><AssumedRoleUser><Arn>arn:aws:sts::2:assumed-role/r/s</Arn></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>)";

void seed_account(FakeAwsClient& fake, const std::string& account, const std::string& trails) {
  fake.answer("GetCallerIdentity", "*", identity(account));
  fake.answer("DescribeRegions", "*", kRegions);
  fake.answer("DescribeTrails", "*", "{\"trailList\":[" + trails + "]}");
  fake.answer("GetTrailStatus", "*", kLogging);
  fake.answer("GetEventSelectors", "*", kAll);
}

std::string param(const aws::ApiCall& call, const std::string& name) {
  for (const auto& [key, value] : call.params)
    if (key == name) return value;
  return "";
}

// The management account's client: pages of ListAccounts by NextToken, AssumeRole per role ARN (refused
// for the ids in `refused`), everything else from a FakeAwsClient.
class ManagementClient : public aws::AwsClient {
 public:
  FakeAwsClient fake;
  std::vector<std::string> pages;  // ListAccounts bodies, chained by NextToken "p1", "p2", ...
  std::vector<std::string> refused;
  std::mutex mutex;
  std::vector<aws::ApiCall> assume_calls;

  Result<aws::ApiResponse> call(const aws::ApiCall& call) override {
    if (call.operation == "ListAccounts") {
      std::size_t page = 0;
      if (const auto at = call.json_body.find("\"NextToken\":\"p"); at != std::string::npos)
        page = static_cast<std::size_t>(call.json_body[at + 14] - '0');
      (void)fake.call(call);  // recorded and counted; the answer is ours
      return aws::ApiResponse{pages.at(page), 200, 1};
    }
    if (call.operation == "AssumeRole") {
      (void)fake.call(call);
      std::lock_guard lock(mutex);
      assume_calls.push_back(call);
      for (const auto& id : refused)
        if (param(call, "RoleArn").find(id) != std::string::npos)
          return make_error(ErrorKind::access_denied, "sts AssumeRole in us-east-1",
                            "AccessDenied: User: arn:aws:iam::111111111111:user/auditor is not authorized to perform: sts:AssumeRole",
                            "AccessDenied");
      return aws::ApiResponse{kAssumed, 200, 1};
    }
    return fake.call(call);
  }
};

std::string account_entry(const std::string& id, const std::string& status = "ACTIVE") {
  return R"({"Id":")" + id + R"(","Name":"acct-)" + id + R"(","Arn":"arn:aws:organizations::111111111111:account/o-x/)" + id +
         R"(","Email":"a@example.com","Status":")" + status + "\"}";
}

struct Org {
  std::shared_ptr<ManagementClient> management = std::make_shared<ManagementClient>();
  std::map<std::string, std::shared_ptr<FakeAwsClient>> members;
  std::vector<model::Account> reported;
  std::vector<OrgProgress> progress;

  std::shared_ptr<FakeAwsClient> add_member(const std::string& id, const std::string& trails = "") {
    auto fake = std::make_shared<FakeAwsClient>();
    seed_account(*fake, id, trails);
    members[id] = fake;
    return fake;
  }

  void list(const std::vector<std::string>& ids, const std::vector<std::string>& suspended = {}) {
    std::string accounts = account_entry(kManagement);
    for (const auto& id : ids) accounts += "," + account_entry(id);
    for (const auto& id : suspended) accounts += "," + account_entry(id, "SUSPENDED");
    management->pages = {"{\"Accounts\":[" + accounts + "]}"};
  }

  Result<OrgScanResult> scan(OrgScanOptions options = {}) {
    MemberClientFactory factory = [this](const std::string& id, std::shared_ptr<aws::CredentialsProvider>) -> std::shared_ptr<aws::AwsClient> {
      return members.at(id);
    };
    return scan_organization(management, factory, options, [this](model::Account account, const OrgProgress& p) {
      reported.push_back(std::move(account));
      progress.push_back(p);
    });
  }

  const model::Account& account(const std::string& id) const {
    for (const auto& a : reported)
      if (a.account_id == id) return a;
    throw std::runtime_error("account not reported: " + id);
  }
};

std::vector<control::Status> statuses(const model::Account& account) {
  std::vector<control::Status> out;
  for (const auto& f : control::evaluate(account).findings) out.push_back(f.status);
  return out;
}

const std::string kOrgTrail = trail_json("org", kManagement, true, true);

TEST(OrgScan, OrganizationTrailIsReadOnceAndCreditedToEveryMember) {
  Org org;
  seed_account(org.management->fake, kManagement, kOrgTrail);
  auto listed = org.add_member("222222222222", kOrgTrail);  // AWS: the member's listing shows it
  auto hidden = org.add_member("333333333333");             // moto: it does not
  org.list({"222222222222", "333333333333"});
  auto result = org.scan();
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_EQ(result->management_account_id, kManagement) << "DescribeOrganization not answered: the caller is taken to be it";
  EXPECT_EQ(result->planned, 3u);
  EXPECT_EQ(result->reported, 3u);
  EXPECT_FALSE(result->stopped);

  EXPECT_EQ(org.management->fake.count("GetTrailStatus"), 1);
  EXPECT_EQ(org.management->fake.count("GetEventSelectors"), 1);
  for (const auto& [id, fake] : org.members) {
    EXPECT_EQ(fake->count("GetTrailStatus"), 0) << id << ": org trail status is never read per member";
    EXPECT_EQ(fake->count("GetEventSelectors"), 0) << id;
    EXPECT_EQ(fake->count("DescribeTrails"), 1) << id;
    EXPECT_THAT(statuses(org.account(id)), ElementsAre(control::Status::pass, control::Status::pass)) << id;
  }
  EXPECT_TRUE(org.account("222222222222").notes.empty()) << "a member that lists the org trail confirms it";
  EXPECT_THAT(org.account("333333333333").notes, ElementsAre(HasSubstr("credited from the management account")));
  EXPECT_EQ(org.reported.front().account_id, kManagement) << "the management account is read (and reported) first";
}

TEST(OrgScan, AStoppedOrganizationTrailFailsEveryMemberWithoutReadingItThere) {
  Org org;
  seed_account(org.management->fake, kManagement, kOrgTrail);
  org.management->fake.answer("GetTrailStatus", "*", kStopped);
  org.add_member("222222222222");
  org.list({"222222222222"});
  ASSERT_TRUE(org.scan().ok());
  const auto evaluation = control::evaluate(org.account("222222222222"));
  for (const auto& f : evaluation.findings) {
    EXPECT_EQ(f.status, control::Status::fail);
    EXPECT_EQ(f.reasons.front().code, control::ReasonCode::not_logging);
  }
}

TEST(OrgScan, AnUnreadableOrganizationTrailMakesMembersErrorNotPass) {
  Org org;
  seed_account(org.management->fake, kManagement, kOrgTrail);
  org.management->fake.fail("GetEventSelectors", "*", ErrorKind::access_denied, "AccessDenied", "denied");
  org.add_member("222222222222");
  org.list({"222222222222"});
  ASSERT_TRUE(org.scan().ok());
  EXPECT_THAT(statuses(org.account("222222222222")), ElementsAre(control::Status::error, control::Status::error));
}

TEST(OrgScan, MembersWithoutOrganizationTrailAreJudgedOnTheirOwn) {
  Org org;
  seed_account(org.management->fake, kManagement, "");
  org.add_member("222222222222", trail_json("own", "222222222222", true, false));
  auto failing = org.add_member("333333333333", trail_json("own", "333333333333", true, false));
  failing->answer("GetTrailStatus", "*", kStopped);
  org.add_member("444444444444");
  org.list({"222222222222", "333333333333", "444444444444"});
  ASSERT_TRUE(org.scan().ok());
  EXPECT_THAT(statuses(org.account(kManagement)), ElementsAre(control::Status::fail, control::Status::fail));
  EXPECT_THAT(statuses(org.account("222222222222")), ElementsAre(control::Status::pass, control::Status::pass));
  EXPECT_THAT(statuses(org.account("333333333333")), ElementsAre(control::Status::fail, control::Status::fail));
  EXPECT_THAT(statuses(org.account("444444444444")), ElementsAre(control::Status::fail, control::Status::fail));
  EXPECT_EQ(org.members["222222222222"]->count("GetTrailStatus"), 1) << "a member's own trail is read in the member";
}

// The issue's goal: at most 3 calls per account plus 2 per account-owned multi-region trail. A member's
// id is known from ListAccounts and its role's ARN, so it is never asked who it is.
TEST(OrgScan, AMemberCostsItsRoleTheRegionsAndOneListingPlusTwoPerOwnTrail) {
  Org org;
  seed_account(org.management->fake, kManagement, "");
  org.add_member("222222222222", trail_json("own", "222222222222", true, false));
  org.add_member("333333333333");
  org.list({"222222222222", "333333333333"});
  ASSERT_TRUE(org.scan().ok());
  EXPECT_EQ(org.management->assume_calls.size(), 2u);
  for (const auto& [id, fake] : org.members) EXPECT_EQ(fake->count("GetCallerIdentity"), 0) << id;
  EXPECT_EQ(org.members["222222222222"]->calls().size(), 4u) << "DescribeRegions, DescribeTrails, GetTrailStatus, GetEventSelectors";
  EXPECT_EQ(org.members["333333333333"]->calls().size(), 2u) << "DescribeRegions, DescribeTrails";
  EXPECT_EQ(org.account("222222222222").account_id, "222222222222");
}

TEST(OrgScan, AccountsCarryTheirOrganizationNames) {
  Org org;
  seed_account(org.management->fake, kManagement, "");
  org.add_member("222222222222");
  org.list({"222222222222"});
  ASSERT_TRUE(org.scan().ok());
  EXPECT_EQ(org.account(kManagement).account_name, "acct-" + kManagement);
  EXPECT_EQ(org.account("222222222222").account_name, "acct-222222222222");
  EXPECT_EQ(control::evaluate(org.account("222222222222")).verdict.account_name, "acct-222222222222");
}

// From a delegated administrator: DescribeOrganization names the management account, which is then read
// through its role like any member; the organization trail the caller sees (owned by the management
// account) is read once, in the caller's account, and credited to everyone.
TEST(OrgScan, ADelegatedAdministratorScansTheManagementAccountThroughItsRole) {
  const std::string delegated = "222222222222";
  Org org;
  seed_account(org.management->fake, delegated, kOrgTrail);  // the caller's own client and listing
  org.management->fake.answer("DescribeOrganization", "*",
                              R"({"Organization":{"Id":"o-x","MasterAccountId":")" + kManagement + R"("}})");
  auto management = org.add_member(kManagement, kOrgTrail);
  org.add_member("333333333333");
  std::string accounts = account_entry(kManagement) + "," + account_entry(delegated) + "," + account_entry("333333333333");
  org.management->pages = {"{\"Accounts\":[" + accounts + "]}"};
  auto result = org.scan();
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_EQ(result->caller_account_id, delegated);
  EXPECT_EQ(result->management_account_id, kManagement);
  ASSERT_EQ(org.management->assume_calls.size(), 2u) << "the management account and the other member";
  EXPECT_EQ(org.management->fake.count("GetTrailStatus"), 1) << "the organization trail, read once by the caller";
  EXPECT_EQ(management->count("GetTrailStatus"), 0);
  for (const auto& id : {kManagement, delegated, std::string("333333333333")})
    EXPECT_THAT(statuses(org.account(id)), ElementsAre(control::Status::pass, control::Status::pass)) << id;
}

TEST(OrgScan, MembersAreReadThroughTheNamedRoleWithATrailguardSession) {
  Org org;
  seed_account(org.management->fake, kManagement, "");
  org.add_member("222222222222");
  org.list({"222222222222"});
  OrgScanOptions options;
  options.role.role_name = "AuditRole";
  options.role.external_id = "ext-123";
  ASSERT_TRUE(org.scan(options).ok());
  ASSERT_EQ(org.management->assume_calls.size(), 1u) << "the caller's own account needs no role";
  const auto& call = org.management->assume_calls.front();
  EXPECT_EQ(param(call, "RoleArn"), "arn:aws:iam::222222222222:role/AuditRole");
  EXPECT_EQ(param(call, "ExternalId"), "ext-123");
  EXPECT_THAT(param(call, "RoleSessionName"), HasSubstr("trailguard"));
}

TEST(OrgScan, ARoleThatCannotBeAssumedIsErrorForThatAccountOnly) {
  Org org;
  seed_account(org.management->fake, kManagement, kOrgTrail);
  org.add_member("222222222222");
  org.add_member("333333333333");
  org.management->refused = {"333333333333"};
  org.list({"222222222222", "333333333333"});
  ASSERT_TRUE(org.scan().ok());
  EXPECT_THAT(statuses(org.account("222222222222")), ElementsAre(control::Status::pass, control::Status::pass));
  const auto& denied = org.account("333333333333");
  EXPECT_EQ(org.members["333333333333"]->calls().size(), 0u) << "nothing is called without the role";
  const auto evaluation = control::evaluate(denied);
  ASSERT_EQ(evaluation.findings.size(), 2u) << "the management account's regions stand in";
  for (const auto& f : evaluation.findings) {
    EXPECT_EQ(f.status, control::Status::error);
    EXPECT_THAT(f.message, HasSubstr("arn:aws:iam::333333333333:role/OrganizationAccountAccessRole"));
    EXPECT_THAT(f.message, HasSubstr("AccessDenied"));
  }
  EXPECT_EQ(evaluation.verdict.status, control::Status::error);
}

TEST(OrgScan, SuspendedAccountsAreSkippedWithoutAnyCall) {
  Org org;
  seed_account(org.management->fake, kManagement, kOrgTrail);
  org.add_member("222222222222");
  org.list({"222222222222"}, {"555555555555"});
  ASSERT_TRUE(org.scan().ok());
  EXPECT_EQ(org.management->assume_calls.size(), 1u);
  const auto evaluation = control::evaluate(org.account("555555555555"));
  EXPECT_EQ(evaluation.verdict.status, control::Status::skipped);
  ASSERT_EQ(evaluation.findings.size(), 2u);
  for (const auto& f : evaluation.findings) {
    EXPECT_EQ(f.status, control::Status::skipped);
    EXPECT_EQ(f.reasons.front().code, control::ReasonCode::account_not_audited);
    EXPECT_THAT(f.message, HasSubstr("SUSPENDED"));
  }
}

TEST(OrgScan, SelectionNarrowsTheAccountsButTheManagementReadStillHappens) {
  Org org;
  seed_account(org.management->fake, kManagement, kOrgTrail);
  org.add_member("222222222222");
  org.add_member("333333333333");
  org.add_member("444444444444");
  org.list({"222222222222", "333333333333", "444444444444"});
  OrgScanOptions options;
  options.selection.only = {"222222222222", "333333333333", "999999999999"};
  options.selection.exclude = {"333333333333"};
  auto result = org.scan(options);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(org.reported.size(), 1u);
  EXPECT_EQ(org.reported.front().account_id, "222222222222");
  EXPECT_EQ(result->excluded, 3u);
  EXPECT_THAT(result->problems, ElementsAre(HasSubstr("999999999999")));
  EXPECT_EQ(org.management->fake.count("GetEventSelectors"), 1) << "org trails are read even when the management account is not reported";
  EXPECT_THAT(statuses(org.reported.front()), ElementsAre(control::Status::pass, control::Status::pass));
}

TEST(OrgScan, StopStartsNoNewAccount) {
  Org org;
  seed_account(org.management->fake, kManagement, "");
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(std::to_string(200000000000LL + i));
    org.add_member(ids.back());
  }
  org.list(ids);
  std::atomic<bool> stop{false};
  OrgScanOptions options;
  options.max_concurrency = 1;
  options.stop = &stop;
  MemberClientFactory factory = [&](const std::string& id, std::shared_ptr<aws::CredentialsProvider>) -> std::shared_ptr<aws::AwsClient> {
    return org.members.at(id);
  };
  std::size_t seen = 0;
  auto result = scan_organization(org.management, factory, options, [&](model::Account, const OrgProgress& p) {
    seen = p.done;
    if (p.done == 2) stop = true;  // as SIGINT would, after the management account and one member
  });
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(seen, 2u);
  EXPECT_EQ(result->reported, 2u);
  EXPECT_EQ(result->planned, 6u);
  EXPECT_TRUE(result->stopped);
}

// Counts accounts being read at once: each member's first call waits a little inside the account's scan.
class SlowRegions : public aws::AwsClient {
 public:
  SlowRegions(std::shared_ptr<FakeAwsClient> inner, std::atomic<int>& in_flight, std::atomic<int>& peak)
      : inner_(std::move(inner)), in_flight_(in_flight), peak_(peak) {}
  Result<aws::ApiResponse> call(const aws::ApiCall& call) override {
    if (call.operation == "DescribeRegions") {
      const int now = ++in_flight_;
      for (int seen = peak_; now > seen && !peak_.compare_exchange_weak(seen, now);) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(30));
      --in_flight_;
    }
    return inner_->call(call);
  }

 private:
  std::shared_ptr<FakeAwsClient> inner_;
  std::atomic<int>& in_flight_;
  std::atomic<int>& peak_;
};

TEST(OrgScan, ConcurrencyOverAccountsIsBounded) {
  Org org;
  seed_account(org.management->fake, kManagement, "");
  std::vector<std::string> ids;
  for (int i = 0; i < 12; ++i) {
    ids.push_back(std::to_string(200000000000LL + i));
    org.add_member(ids.back());
  }
  org.list(ids);
  std::atomic<int> in_flight{0}, peak{0};
  OrgScanOptions options;
  options.max_concurrency = 3;
  MemberClientFactory factory = [&](const std::string& id, std::shared_ptr<aws::CredentialsProvider>) -> std::shared_ptr<aws::AwsClient> {
    return std::make_shared<SlowRegions>(org.members.at(id), in_flight, peak);
  };
  std::vector<std::size_t> done;
  auto result = scan_organization(org.management, factory, options, [&](model::Account, const OrgProgress& p) { done.push_back(p.done); });
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(done.size(), 13u);
  for (std::size_t i = 0; i < done.size(); ++i) EXPECT_EQ(done[i], i + 1) << "progress counts up, one account at a time";
  EXPECT_LE(peak.load(), 3);
  EXPECT_GE(peak.load(), 2) << "accounts are read concurrently";
}

TEST(OrgScan, ListAccountsIsPaged) {
  Org org;
  seed_account(org.management->fake, kManagement, "");
  org.add_member("222222222222");
  org.add_member("333333333333");
  org.management->pages = {"{\"Accounts\":[" + account_entry(kManagement) + "],\"NextToken\":\"p1\"}",
                           "{\"Accounts\":[" + account_entry("222222222222") + "],\"NextToken\":\"p2\"}",
                           "{\"Accounts\":[" + account_entry("333333333333") + "],\"NextToken\":null}"};
  auto accounts = list_organization_accounts(*org.management, "eu-west-1");
  ASSERT_TRUE(accounts.ok()) << accounts.error().describe();
  ASSERT_EQ(accounts->size(), 3u);
  EXPECT_EQ((*accounts)[2].id, "333333333333");
  EXPECT_EQ((*accounts)[2].status, "ACTIVE");
  EXPECT_EQ(org.management->fake.count("ListAccounts"), 3);
  for (const auto& call : org.management->fake.calls()) EXPECT_EQ(call.region, "us-east-1") << "the global endpoint's region";
}

TEST(OrgScan, ARepeatedNextTokenIsAnErrorNotALoop) {
  Org org;
  org.management->pages = {"{\"Accounts\":[],\"NextToken\":\"p1\"}", "{\"Accounts\":[],\"NextToken\":\"p1\"}"};
  auto accounts = list_organization_accounts(*org.management, "us-east-1");
  ASSERT_FALSE(accounts.ok());
  EXPECT_THAT(accounts.error().message, HasSubstr("NextToken"));
}

TEST(OrgScan, AnOrganizationThatCannotBeListedIsAnError) {
  Org org;
  seed_account(org.management->fake, kManagement, "");
  org.management->pages = {"not json"};
  auto result = org.scan();
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(org.reported.empty());
}

TEST(OrgScan, AnEmptyAccountListIsAnErrorNotAnEmptyReport) {
  Org org;
  seed_account(org.management->fake, kManagement, "");
  org.management->pages = {"{\"Accounts\":[]}"};
  auto result = org.scan();
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("not the management"));
  EXPECT_EQ(org.management->fake.count("DescribeTrails"), 0) << "nothing is read when there is nothing to report";
}

}  // namespace
}  // namespace trailguard::sources::org
