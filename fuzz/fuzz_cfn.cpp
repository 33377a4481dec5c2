// The CloudFormation reader (yaml-cpp loading, short forms, intrinsics, Conditions): no template may crash
// it, and a malformed one yields no trails.
#include <string>

#include "fuzz_input.hpp"
#include "sources/cloudformation/cfn_source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace trailguard;
  const auto input = fuzz::split(data, size);
  const std::string content(input.document);
  sources::cloudformation::CloudFormationOptions options;
  if (input.selector % 2) options.parameters = {{"Env", "prod"}, {"MultiRegion", "true"}};
  (void)sources::cloudformation::looks_like_cloudformation(content);
  const auto read = sources::cloudformation::read_cloudformation("fuzz.yaml", content, options);
  if (!read.problems.empty() && read.files_read.empty() && !read.trails.empty()) __builtin_trap();  // malformed → no trails
  return 0;
}
