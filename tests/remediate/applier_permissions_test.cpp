// The --fix policy covers every call the applier and `fix --emit` make: each plan of the samples is applied
// through a recording client, and every call must have an IAM table entry marked for fix — and every fix entry
// must be called by some plan (no stale permission).
#include <set>

#include <gtest/gtest.h>

#include "aws/iam_permissions.hpp"
#include "remediate/applier.hpp"
#include "remediate/emit_context.hpp"
#include "sample_plans.hpp"
#include "remediation_answers.hpp"
#include "support/fake_aws_client.hpp"

namespace {

using namespace trailguard;

TEST(FixPermissions, EveryCallOfTheApplierAndOfEmitIsInTheFixPolicy) {
  test_support::FakeAwsClient client;
  test_support::answer_everything(client);
  for (const auto& situation : test_support::sample_situations()) {
    if (situation.name.rfind("hostile", 0) == 0) continue;
    for (const auto& account : situation.plan.accounts)
      EXPECT_TRUE(remediate::apply_plan(account, client).succeeded()) << situation.name;
    EXPECT_TRUE(remediate::read_emit_context(situation.plan, {}, client)) << situation.name;
  }
  std::set<std::pair<std::string, std::string>> called;
  for (const auto& call : client.calls()) {
    called.insert({call.service, call.operation});
    const auto* permission = aws::find_permission(call.service, call.operation);
    ASSERT_NE(permission, nullptr) << call.service << " " << call.operation;
    EXPECT_TRUE(permission->activities & aws::fix) << call.service << " " << call.operation;
  }
  for (const auto& permission : aws::permissions()) {
    if (permission.activities != aws::fix) continue;
    EXPECT_TRUE(called.count({std::string(permission.service), std::string(permission.operation)}))
        << permission.action << " is in the fix policy but no plan calls it";
  }
}

}  // namespace
