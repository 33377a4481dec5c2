#include "cli/security_hub_import.hpp"

#include <iostream>
#include <map>
#include <mutex>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "aws/services/securityhub_api.hpp"
#include "base/log.hpp"
#include "base/parallel.hpp"
#include "report/asff_writer.hpp"

namespace trailguard::cli {
namespace {

// One account's findings, serialized, by region.
struct AccountFindings {
  std::string account_id;
  std::map<std::string, std::vector<std::string>> by_region;
  std::set<std::string> ids;
  std::set<std::string> regions;  // every region the run reported, SKIPPED ones included (for archiving)
  std::set<std::string> skipped;  // of those, the SKIPPED ones: a region not enabled may not answer at all
};

// " (AccessDeniedException)": the AWS error code, which a message alone may not carry.
std::string code_of(const Error& error) { return error.code.empty() ? std::string() : " (" + error.code + ")"; }

class Importer {
 public:
  Importer(aws::AwsClient& client, std::string account_id) : client_(client), account_id_(std::move(account_id)) {}

  // Sends `findings` (all of `region`) in batches within BatchImportFindings' limits; how many were imported.
  int send(const std::string& region, const std::vector<std::string>& findings) {
    int imported = 0;
    const auto plan = aws::plan_import_batches(findings);
    for (const auto i : plan.too_large)
      refuse(nlohmann::json::parse(findings[i]).value("Id", "?"), "TooLarge",
             fmt::format("{} bytes, over Security Hub's 240 KB per finding", findings[i].size()));
    for (const auto& indexes : plan.batches) {
      std::vector<std::string> batch;
      for (const auto i : indexes) batch.push_back(findings[i]);
      imported += flush(region, batch);
    }
    return imported;
  }

  // trailguard's ACTIVE findings of the account in `region` that are not in `current`, as ARCHIVED findings.
  // In a SKIPPED region (not enabled, a suspended account) the call may well fail: that is said, not counted
  // as a failed import.
  std::vector<std::string> stale(const std::string& region, const std::set<std::string>& current, const std::string& now,
                                 bool skipped) {
    std::vector<std::string> archived;
    std::string token;
    do {
      auto answer = client_.call(aws::get_findings_call(region, account_id_, report::asff_generator_id(), token));
      if (!answer) {
        const auto text = fmt::format("Security Hub: stale findings of account {} in {} could not be listed{}: {}", account_id_,
                                      region, code_of(answer.error()), answer.error().describe());
        if (skipped) {
          log_warning(text + " (the region is SKIPPED in this run)");
        } else {
          log_error(text);
          ++result.failed;
        }
        return archived;
      }
      auto page = aws::parse_get_findings(answer->body, token);
      if (!page) {
        log_error("Security Hub: " + page.error().describe());
        ++result.failed;
        return archived;
      }
      for (const auto& text : *page) {
        auto finding = nlohmann::json::parse(text);
        // Filtered again: the filters are the service's promise, and moto ignores them.
        if (finding.value("GeneratorId", "") != report::asff_generator_id() || finding.value("AwsAccountId", "") != account_id_ ||
            finding.value("RecordState", "") != "ACTIVE" || finding.value("Region", region) != region ||
            current.count(finding.value("Id", "")))
          continue;
        finding["RecordState"] = "ARCHIVED";
        finding["UpdatedAt"] = now;
        archived.push_back(finding.dump());
      }
    } while (!token.empty());
    return archived;
  }

  ImportResult result;

 private:
  void refuse(const std::string& id, const std::string& code, const std::string& message) {
    log_error(fmt::format("Security Hub refused finding {} ({}): {}", id, code, message));
    ++result.failed;
  }

  int flush(const std::string& region, const std::vector<std::string>& batch) {
    auto answer = client_.call(aws::batch_import_findings_call(region, batch));
    auto parsed = answer ? aws::parse_batch_import_findings(answer->body) : Result<aws::ImportAnswer>(answer.error());
    if (!parsed) {
      log_error(fmt::format("Security Hub: BatchImportFindings of {} finding(s) of account {} in {} failed{}: {}", batch.size(),
                            account_id_, region, code_of(parsed.error()), parsed.error().describe()));
      result.failed += static_cast<int>(batch.size());
      return 0;
    }
    for (const auto& failed : parsed->failed) refuse(failed.id, failed.code, failed.message);
    return parsed->success_count;
  }

  aws::AwsClient& client_;
  std::string account_id_;
};

std::vector<AccountFindings> findings_by_account(const report::Report& report) {
  std::vector<AccountFindings> accounts;
  for (const auto& evaluation : report.accounts) {
    AccountFindings account{evaluation.verdict.account_id, {}, {}, {}, {}};
    for (const auto& finding : evaluation.findings) {
      account.regions.insert(finding.region);
      if (!report::has_asff_finding(finding)) {
        account.skipped.insert(finding.region);
        continue;
      }
      account.by_region[finding.region].push_back(report::asff_finding(report, evaluation.verdict, finding).dump());
      account.ids.insert(report::asff_id(finding.account_id, finding.region));
    }
    accounts.push_back(std::move(account));
  }
  return accounts;
}

}  // namespace

void add_security_hub_options(CLI::App& command, SecurityHubOptions& options) {
  command.add_flag("--send-to-security-hub", options.send,
                   "Import the findings into AWS Security Hub (BatchImportFindings, each account's own, in each region)");
  command.add_flag("--archive-stale", options.archive_stale,
                   "With --send-to-security-hub: archive trailguard findings this run no longer reports");
}

std::string security_hub_options_problem(const SecurityHubOptions& options, bool evidence) {
  if (options.archive_stale && !options.send) return "--archive-stale goes with --send-to-security-hub";
  if (options.send && evidence)
    return "--send-to-security-hub imports with each account's own credentials: it needs a live scan, not --evidence "
           "(write -o asff and import the file with `aws securityhub batch-import-findings` instead)";
  return "";
}

ImportResult import_to_security_hub(const report::Report& report, const AccountClients& clients, const SecurityHubOptions& options) {
  const auto accounts = findings_by_account(report);
  const auto now = report::asff_time(report.generated_ms);
  ImportResult total;
  std::mutex lock;
  parallel_for(accounts.size(), static_cast<std::size_t>(std::max(1, options.max_concurrency)), [&](std::size_t i) {
    const auto& account = accounts[i];
    auto client = account.account_id == "unknown" ? nullptr : clients(account.account_id);
    ImportResult outcome;
    if (!client) {
      for (const auto& [region, findings] : account.by_region) outcome.failed += static_cast<int>(findings.size());
      log_error(fmt::format("Security Hub: no credentials speak for account {}: its findings were not imported", account.account_id));
    } else {
      Importer importer(*client, account.account_id);
      for (const auto& [region, findings] : account.by_region) importer.result.imported += importer.send(region, findings);
      if (options.archive_stale)
        for (const auto& region : account.regions) {
          const auto stale = importer.stale(region, account.ids, now, account.skipped.count(region) > 0);
          if (stale.empty()) continue;
          importer.result.archived += importer.send(region, stale);
        }
      outcome = importer.result;
    }
    std::lock_guard guard(lock);
    total.imported += outcome.imported;
    total.failed += outcome.failed;
    total.archived += outcome.archived;
  });
  std::cerr << fmt::format("Security Hub: {} finding(s) imported, {} failed{}\n", total.imported, total.failed,
                           options.archive_stale ? fmt::format(", {} stale finding(s) archived", total.archived) : "");
  return total;
}

}  // namespace trailguard::cli
