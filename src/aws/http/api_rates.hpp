// The request rates AWS allows each API, per account and region, as far as AWS publishes them: the
// rate limiter's ceilings (api_rates.cpp holds the table and where each number comes from).
// Pure and thread-safe.
#pragma once

#include <string_view>

namespace trailguard::aws {

// For APIs AWS publishes no rate for (and none of the table's patterns matches).
inline constexpr double kDefaultApiRate = 5.0;

// Requests per second the client sends at most to `operation` of `service` in one region, for one account.
double published_api_rate(std::string_view service, std::string_view operation);

}  // namespace trailguard::aws
