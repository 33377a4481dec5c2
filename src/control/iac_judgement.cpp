#include "control/iac_judgement.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "control/trail_judgement.hpp"

namespace trailguard::control {
namespace {

std::string reasons_text(const std::vector<Reason>& reasons) {
  std::string out;
  for (const auto& reason : reasons) out += (out.empty() ? "" : "; ") + reason.text;
  return out;
}

// judge_trail over the declared facts, with what only code can say added: a CloudFormation trail that
// does not state IsLogging, a trail that may not be created, and the combination AWS refuses to deploy.
IacStatus judge_declared(const model::DeclaredTrail& declared, const EvaluationOptions& options, std::vector<Reason>& reasons) {
  model::Trail trail = declared.trail;
  if (declared.logging_not_declared) trail.status = model::TrailStatus{true, "", "IsLogging not stated"};
  auto judgement = judge_trail(trail, trail.owner_account_id, options);
  reasons = std::move(judgement.reasons);
  auto outcome = judgement.outcome;
  // judge_trail leaves single-region trails to the per-region evaluator (a live account's regions); code has
  // no regions to walk, so a trail the code declares single-region fails here, as it would in every region
  // but its home.
  if (declared.trail.is_multi_region.is(false)) {
    reasons.insert(reasons.begin(), {ReasonCode::single_region_only,
                                     fmt::format("{} is single-region ({}): it records only its home region; the "
                                                 "control needs a multi-region trail",
                                                 declared.address, declared.trail.is_multi_region.origin.source)});
    outcome = TrailOutcome::fail;
  }
  if (declared.logging_not_declared) {
    reasons.insert(reasons.begin(), {ReasonCode::logging_not_declared,
                                     fmt::format("{} does not state IsLogging: the control needs the trail to be "
                                                 "logging, so the template must say IsLogging: true",
                                                 declared.address)});
    outcome = TrailOutcome::fail;
  }
  if (declared.trail.is_multi_region.is(true) && declared.trail.include_global_service_events.is(false)) {
    for (auto& reason : reasons)
      if (reason.code == ReasonCode::global_service_events_off)
        reason.text += " (AWS rejects a multi-region trail without global service events at deploy: CreateTrail and "
                       "UpdateTrail fail with InvalidParameterCombinationException)";
  }
  if (!declared.created.known() && outcome == TrailOutcome::pass) {
    reasons.push_back({ReasonCode::trail_facts_unknown,
                       fmt::format("whether {} is created is unknown: {}", declared.address, declared.created.origin.source)});
    outcome = TrailOutcome::error;
  }
  switch (outcome) {
    case TrailOutcome::pass: return IacStatus::pass;
    case TrailOutcome::fail: return IacStatus::fail;
    case TrailOutcome::error: return IacStatus::unknown;
  }
  return IacStatus::unknown;
}

std::string message_of(const IacFinding& finding) {
  switch (finding.status) {
    case IacStatus::pass:
      return fmt::format("{} is multi-region, logging and records all management events", finding.address);
    case IacStatus::fail: return fmt::format("{} fails: {}", finding.address, reasons_text(finding.reasons));
    case IacStatus::unknown: return fmt::format("{} cannot be judged: {}", finding.address, reasons_text(finding.reasons));
    case IacStatus::not_created: return fmt::format("{} is not created ({})", finding.address, finding.notes.empty() ? "" : finding.notes.back());
    case IacStatus::suppressed: return fmt::format("{} is suppressed: {}", finding.address, finding.suppression_reason);
  }
  return finding.address;
}

IacFinding finding_of(const model::DeclaredTrail& declared, const EvaluationOptions& options) {
  IacFinding finding;
  finding.format = declared.format;
  finding.address = declared.address;
  finding.location = declared.location;
  finding.notes = declared.notes;
  if (declared.created.is(false)) {
    finding.status = IacStatus::not_created;
    finding.notes.push_back(declared.created.origin.source);
  } else {
    finding.status = judge_declared(declared, options, finding.reasons);
    if (declared.suppression_reason) {
      finding.status = IacStatus::suppressed;
      finding.suppression_reason = *declared.suppression_reason;
    }
  }
  finding.message = message_of(finding);
  return finding;
}

}  // namespace

std::string_view to_string(IacStatus status) {
  switch (status) {
    case IacStatus::pass: return "PASS";
    case IacStatus::fail: return "FAIL";
    case IacStatus::unknown: return "UNKNOWN";
    case IacStatus::not_created: return "NOT_CREATED";
    case IacStatus::suppressed: return "SUPPRESSED";
  }
  return "UNKNOWN";
}

IacEvaluation evaluate_iac(const model::IacInput& input, const EvaluationOptions& options) {
  IacEvaluation evaluation;
  evaluation.problems = input.problems;
  evaluation.files_read = input.files_read;
  evaluation.notes = input.notes;
  // An index, not a pointer: findings grows while it is looked for.
  std::optional<std::size_t> passing;
  bool any_unknown = false;
  for (const auto& declared : input.trails) {
    evaluation.findings.push_back(finding_of(declared, options));
    const auto& finding = evaluation.findings.back();
    any_unknown = any_unknown || finding.status == IacStatus::unknown;
    if (finding.status == IacStatus::pass && !passing) passing = evaluation.findings.size() - 1;
  }
  if (passing) {
    const IacFinding& pass = evaluation.findings[*passing];
    evaluation.verdict = IacStatus::pass;
    evaluation.verdict_message = fmt::format("{} ({}:{}) satisfies the control", pass.address, pass.location.file,
                                             pass.location.line);
  } else if (any_unknown || !input.problems.empty()) {
    evaluation.verdict = IacStatus::unknown;
    evaluation.verdict_message = any_unknown ? "no declared trail is known to satisfy the control, and some cannot be judged"
                                             : "no declared trail satisfies the control, and some input could not be read";
  } else {
    evaluation.verdict = IacStatus::fail;
    const auto count = [&](IacStatus status) {
      return std::count_if(evaluation.findings.begin(), evaluation.findings.end(),
                           [&](const IacFinding& f) { return f.status == status; });
    };
    const auto suppressed = count(IacStatus::suppressed);
    // A suppressed trail is still declared: it is not the same as no trail at all.
    const std::string suppressed_text = suppressed == 0 ? "" : fmt::format(" ({} suppressed)", suppressed);
    evaluation.verdict_message = evaluation.findings.empty() ? "the code declares no CloudTrail trail (aws_cloudtrail or AWS::CloudTrail::Trail)"
                              : count(IacStatus::fail) == 0 && suppressed == 0
                                  ? "the code creates no CloudTrail trail that could satisfy the control"
                                  : "no trail the code creates satisfies the control" + suppressed_text;
  }
  return evaluation;
}

}  // namespace trailguard::control
