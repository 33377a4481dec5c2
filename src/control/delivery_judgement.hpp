// scan --prove-delivery's rule: whether a region that passes on configuration is also delivered, judged from
// model::DeliveryProof (the covering trails' digest files). Applied by the evaluator to PASS findings when the
// options say ProveDelivery::yes, so there is still one evaluator path.
//   - A digest counts when its end time is at or after the window's start (a newer one than the window's end,
//     a clock a little behind, counts too).
//   - Some passing trail has a digest for the region in the window: PASS stays, the message says so.
//   - Every passing trail was listed and shows none (or its bucket does not exist): FAIL, not_delivering.
//   - Otherwise (a trail without log file validation, a bucket or listing that could not be read, a trail
//     not looked at): PASS with the warning delivery_unproven, naming each trail and why. The account's
//     pass/fail is not changed by it: the configuration passes, and nothing shows that delivery stopped.
// Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "control/finding.hpp"
#include "model/account.hpp"

namespace trailguard::control {

// Precondition: finding.status is PASS and finding.trails names its passing trails.
void judge_delivery(Finding& finding, const model::Account& account);

// "24h", "2d", "90m": the window's length as --delivery-window takes it.
std::string describe_window(std::int64_t seconds);

}  // namespace trailguard::control
