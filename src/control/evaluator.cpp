#include "control/evaluator.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "control/delivery_judgement.hpp"
#include "control/trail_judgement.hpp"

namespace trailguard::control {
namespace {

struct Candidate {
  const model::Trail* trail;
  TrailJudgement judgement;
};

// Adds a reason, folding it into an existing one with the same code so that codes stay unique.
void add_reason(std::vector<Reason>& reasons, const Reason& reason) {
  for (auto& existing : reasons) {
    if (existing.code != reason.code) continue;
    if (existing.text.find(reason.text) == std::string::npos) existing.text += "; " + reason.text;
    return;
  }
  reasons.push_back(reason);
}

std::string sentence_of(const std::vector<Reason>& reasons) {
  std::string out;
  for (const auto& r : reasons) out += (out.empty() ? "" : "; ") + r.text;
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

bool applies_everywhere(const model::Trail& trail) { return !trail.is_multi_region.is(false); }

std::vector<const model::ReadError*> errors_for_region(const model::Account& account, const std::string& region) {
  std::vector<const model::ReadError*> found;
  for (const auto& e : account.read_errors)
    if (e.region.empty() || e.region == region) found.push_back(&e);
  return found;
}

Finding judge_region(const model::Account& account, const model::Region& region,
                     const std::vector<Candidate>& everywhere, const EvaluationOptions& options) {
  Finding f;
  f.account_id = account.account_id;
  f.region = region.name;

  if (!account.not_audited.empty()) {
    f.status = Status::skipped;
    f.reasons.push_back({ReasonCode::account_not_audited, account.not_audited});
    f.message = sentence_of(f.reasons);
    return f;
  }

  if (region.state == model::RegionState::not_enabled) {
    f.status = Status::skipped;
    f.reasons.push_back({ReasonCode::region_not_enabled,
                         fmt::format("region {} is not enabled for this account ({})", region.name,
                                     region.opt_in_status.empty() ? "not enabled" : region.opt_in_status)});
    f.message = sentence_of(f.reasons);
    return f;
  }

  const auto read_errors = errors_for_region(account, region.name);
  if (!read_errors.empty()) {
    f.status = Status::error;
    for (const auto* e : read_errors) add_reason(f.reasons, {ReasonCode::region_unreadable, model::describe(*e)});
    for (const auto& c : everywhere)
      if (c.judgement.outcome == TrailOutcome::pass) f.trails.push_back(c.trail->arn);
    f.message = sentence_of(f.reasons);
    if (!f.trails.empty()) f.message += "; a passing multi-region trail exists, but this region could not be confirmed";
    return f;
  }

  // PASS: the first passing multi-region trail covers the region (all passing ones are named).
  std::vector<Reason> warnings;
  for (const auto& c : everywhere) {
    if (c.judgement.outcome != TrailOutcome::pass) continue;
    f.trails.push_back(c.trail->arn);
    if (f.trails.size() == 1)
      for (const auto& r : c.judgement.reasons) add_reason(warnings, r);
  }
  if (!f.trails.empty()) {
    f.status = Status::pass;
    f.reasons = warnings;
    const auto* first = find_trail(account, f.trails.front());
    f.message = fmt::format("Covered by multi-region {}: logging, management events Read and Write", describe_trail(*first));
    if (!warnings.empty()) f.message += "; " + sentence_of(warnings);
    if (options.prove_delivery == ProveDelivery::yes) judge_delivery(f, account);
    return f;
  }

  bool any_error = false;
  for (const auto& c : everywhere) {
    f.trails.push_back(c.trail->arn);
    any_error = any_error || c.judgement.outcome == TrailOutcome::error;
    for (const auto& r : c.judgement.reasons) {
      const auto kind = kind_of(r.code);
      if (kind == ReasonKind::failure || (kind == ReasonKind::error && c.judgement.outcome == TrailOutcome::error))
        add_reason(f.reasons, r);
    }
  }
  std::vector<std::string> own_single;
  for (const auto& trail : account.trails)
    if (trail.is_multi_region.is(false) && trail.home_region == region.name) own_single.push_back(trail.arn);
  if (!own_single.empty()) {
    std::string names;
    for (const auto& arn : own_single) {
      names += (names.empty() ? "" : ", ") + describe_trail(*find_trail(account, arn));
      f.trails.push_back(arn);
    }
    // True whether or not a (failing) multi-region trail also has its home here.
    add_reason(f.reasons, {ReasonCode::single_region_only,
                           fmt::format("{} {} single-region, recording only {}; the control needs a multi-region trail "
                                       "that passes",
                                       names, own_single.size() == 1 ? "is" : "are", region.name)});
  }
  if (f.reasons.empty())
    add_reason(f.reasons, {ReasonCode::no_trail, fmt::format("no trail records events in {}", region.name)});
  f.status = any_error ? Status::error : Status::fail;
  f.message = sentence_of(f.reasons);
  return f;
}

AccountVerdict verdict_of(const model::Account& account, const std::vector<Finding>& findings) {
  AccountVerdict v;
  v.account_id = account.account_id;
  v.account_name = account.account_name;
  v.notes = account.notes;
  for (const auto& f : findings) {
    switch (f.status) {
      case Status::pass: ++v.passed; break;
      case Status::fail: ++v.failed; break;
      case Status::error: ++v.errors; break;
      case Status::skipped: ++v.skipped; break;
    }
  }
  v.status = v.failed > 0 ? Status::fail : v.errors > 0 ? Status::error : v.passed > 0 ? Status::pass : Status::error;
  // A deliberately skipped account (suspended) is neither compliant nor incomplete.
  if (!account.not_audited.empty()) v.status = Status::skipped;
  return v;
}

}  // namespace

Evaluation evaluate(const model::Account& account, const EvaluationOptions& options) {
  std::vector<Candidate> everywhere;
  for (const auto& trail : account.trails)
    if (applies_everywhere(trail)) everywhere.push_back({&trail, judge_trail(trail, account.account_id, options)});

  Evaluation evaluation;
  evaluation.findings.reserve(account.regions.size());
  for (const auto& region : account.regions) evaluation.findings.push_back(judge_region(account, region, everywhere, options));
  evaluation.verdict = verdict_of(account, evaluation.findings);
  if (account.regions.empty()) evaluation.verdict.notes.push_back("the account has no regions to judge");
  return evaluation;
}

}  // namespace trailguard::control
