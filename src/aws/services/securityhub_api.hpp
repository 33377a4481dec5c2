// AWS Security Hub's finding calls (REST-JSON): BatchImportFindings and GetFindings, with their answers as
// plain values. The findings themselves are JSON built above this layer (report/asff_writer); here they are
// text, so a batch is sent as its writer made it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "aws/aws_client.hpp"
#include "base/result.hpp"

namespace trailguard::aws {

// BatchImportFindings' own limits (Security Hub API Reference): at most 100 findings and 6 MB per request, a
// finding at most 240 KB.
inline constexpr std::size_t kImportMaxFindings = 100;
inline constexpr std::size_t kImportMaxBytes = 6 * 1024 * 1024;
inline constexpr std::size_t kImportMaxFindingBytes = 240 * 1024;

// How serialized findings (of one account and region) go into requests within those limits: batches of
// indexes, in order, and the findings too large to send at all.
struct ImportBatches {
  std::vector<std::vector<std::size_t>> batches;
  std::vector<std::size_t> too_large;
};
ImportBatches plan_import_batches(const std::vector<std::string>& findings);

// `findings`: the serialized findings of one batch (each a JSON object), all of `region`'s account.
ApiCall batch_import_findings_call(const std::string& region, const std::vector<std::string>& findings);

struct FailedFinding {
  std::string id;
  std::string code;
  std::string message;
};

struct ImportAnswer {
  int success_count = 0;
  int failed_count = 0;
  std::vector<FailedFinding> failed;
};

Result<ImportAnswer> parse_batch_import_findings(std::string_view body);

// GetFindings of one generator's ACTIVE findings in an account (Security Hub filters server-side; the caller
// filters again, as moto does not).
ApiCall get_findings_call(const std::string& region, const std::string& account_id, const std::string& generator_id,
                          const std::string& next_token);

// The findings of one GetFindings page, each as its JSON text, and the next page's token ("" at the end).
Result<std::vector<std::string>> parse_get_findings(std::string_view body, std::string& next_token);

}  // namespace trailguard::aws
