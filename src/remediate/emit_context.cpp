#include "remediate/emit_context.hpp"

#include <algorithm>

#include "aws/services/s3_api.hpp"

namespace trailguard::remediate {

const model::Trail* find_trail(const EmitContext& context, const std::string& arn) {
  const auto it = std::find_if(context.trails.begin(), context.trails.end(), [&](const model::Trail& t) { return t.arn == arn; });
  return it == context.trails.end() ? nullptr : &*it;
}

Result<EmitContext> read_emit_context(const Plan& plan, const model::Account& account, aws::AwsClient& client) {
  EmitContext context;
  context.trails = account.trails;
  for (const auto& account_plan : plan.accounts) {
    for (const auto& step : account_plan.steps) {
      const auto* create = std::get_if<CreateBucket>(&step.action);
      if (create == nullptr) continue;
      auto policy = client.call(aws::get_bucket_policy_call(create->bucket, create->region));
      if (policy) {
        context.existing_buckets[create->bucket] = ExistingBucket{policy->body};
      } else if (policy.error().code == "NoSuchBucketPolicy") {
        context.existing_buckets[create->bucket] = ExistingBucket{};
      } else if (policy.error().code != "NoSuchBucket") {
        return make_error(policy.error().kind, "bucket " + create->bucket,
                          "cannot tell whether the bucket exists and is the account's, so its code cannot be written (" +
                              policy.error().code + ": " + policy.error().describe() + ")",
                          policy.error().code);
      }
    }
  }
  return context;
}

void merge_into(EmitContext& into, EmitContext more) {
  for (auto& trail : more.trails) into.trails.push_back(std::move(trail));
  into.existing_buckets.merge(more.existing_buckets);
  into.assume_roles.merge(more.assume_roles);
}

}  // namespace trailguard::remediate
