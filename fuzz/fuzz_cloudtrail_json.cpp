// CloudTrail's JSON answers (live and evidence share the parser), and the evaluator over whatever trails
// parse: no input may crash either, and a parsed listing must be judgeable.
#include <string>

#include "control/evaluator.hpp"
#include "fuzz_input.hpp"
#include "model/account.hpp"
#include "sources/cloudtrail_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace trailguard;
  const auto input = fuzz::split(data, size);
  switch (input.selector % 3) {
    case 0: {
      auto trails = sources::parse_describe_trails(input.document, "fuzz", "us-east-1");
      if (!trails) break;
      model::Account account;
      account.account_id = "111111111111";
      account.regions = {{"us-east-1", model::RegionState::enabled, ""}, {"eu-west-1", model::RegionState::enabled, ""}};
      for (auto& trail : *trails) model::add_or_merge_trail(account, std::move(trail));
      const auto evaluation = control::evaluate(account);
      if (evaluation.findings.size() != account.regions.size()) __builtin_trap();  // every region judged
      break;
    }
    case 1:
      (void)sources::parse_trail_status(input.document, "fuzz");
      break;
    default:
      (void)sources::parse_event_selectors(input.document, "fuzz");
      break;
  }
  return 0;
}
