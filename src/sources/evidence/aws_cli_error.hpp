// The AWS CLI's error text ("An error occurred (AccessDenied) when calling the DescribeTrails operation: ...")
// into a ReadError. Pure.
#pragma once

#include <string>
#include <string_view>

#include "model/read_error.hpp"

namespace trailguard::sources::evidence {

// `api` and `region` are used when the text does not name them.
model::ReadError parse_aws_cli_error(std::string_view text, std::string api, std::string region);

}  // namespace trailguard::sources::evidence
