// Small builders for model values, so each evaluator test states only the fact it is about.
#pragma once

#include <string>
#include <vector>

#include "model/account.hpp"

namespace trailguard::builders {

inline constexpr const char* kAccount = "111111111111";

inline model::BasicEventSelector basic_selector(model::ReadWriteType rw, bool management = true,
                                                std::vector<std::string> excluded = {}) {
  model::BasicEventSelector s;
  s.read_write_type = model::Known<model::ReadWriteType>::stated(rw, "test");
  s.include_management_events = model::Known<bool>::stated(management, "test");
  s.exclude_management_event_sources = std::move(excluded);
  return s;
}

inline model::FieldSelector field(std::string name, std::vector<std::string> equals) {
  model::FieldSelector f;
  f.field = std::move(name);
  f.equals = std::move(equals);
  return f;
}

inline model::AdvancedEventSelector advanced_selector(std::string name, std::vector<model::FieldSelector> fields) {
  return {std::move(name), std::move(fields)};
}

inline model::EventSelectors basic_selectors(std::vector<model::BasicEventSelector> basic) {
  model::EventSelectors s;
  s.basic = std::move(basic);
  s.source = "test";
  return s;
}

inline model::EventSelectors advanced_selectors(std::vector<model::AdvancedEventSelector> advanced) {
  model::EventSelectors s;
  s.advanced = std::move(advanced);
  s.source = "test";
  return s;
}

// A trail that passes: multi-region, global events, logging, basic selector All with management events.
inline model::Trail passing_trail(const std::string& name = "main", const std::string& home = "us-east-1",
                                  const std::string& owner = kAccount) {
  model::Trail t;
  t.name = name;
  t.home_region = home;
  t.owner_account_id = owner;
  t.arn = "arn:aws:cloudtrail:" + home + ":" + owner + ":trail/" + name;
  t.is_multi_region = model::Known<bool>::stated(true, "test");
  t.include_global_service_events = model::Known<bool>::stated(true, "test");
  t.is_organization_trail = model::Known<bool>::stated(false, "test");
  t.log_file_validation = model::Known<bool>::stated(true, "test");
  t.status = model::TrailStatus{true, "", "test"};
  t.selectors = basic_selectors({basic_selector(model::ReadWriteType::all)});
  t.seen_in_regions = {home};
  return t;
}

inline model::Trail single_region_trail(const std::string& name, const std::string& home) {
  auto t = passing_trail(name, home);
  t.is_multi_region = model::Known<bool>::stated(false, "test");
  return t;
}

inline model::Account account_with(std::vector<model::Trail> trails,
                                   std::vector<std::string> regions = {"ap-south-1", "eu-west-1", "us-east-1"}) {
  model::Account a;
  a.account_id = kAccount;
  for (auto& r : regions) a.regions.push_back({r, model::RegionState::enabled, "opt-in-not-required"});
  for (auto& t : trails) model::add_or_merge_trail(a, std::move(t));
  return a;
}

}  // namespace trailguard::builders
