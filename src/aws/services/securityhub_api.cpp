#include "aws/services/securityhub_api.hpp"

#include <nlohmann/json.hpp>

namespace trailguard::aws {
namespace {

ApiCall securityhub_call(const std::string& region, std::string operation, std::string path, std::string body) {
  ApiCall call;
  call.service = "securityhub";
  call.region = region;
  call.operation = std::move(operation);
  call.protocol = Protocol::rest_json;
  call.path = std::move(path);
  call.json_body = std::move(body);
  return call;
}

Error bad_answer(std::string_view operation, std::string_view what) {
  return make_error(ErrorKind::malformed_input, std::string(operation) + " answer", std::string(what), "malformed_json");
}

nlohmann::json equals(const std::string& value) { return nlohmann::json::array({{{"Value", value}, {"Comparison", "EQUALS"}}}); }

}  // namespace

ImportBatches plan_import_batches(const std::vector<std::string>& findings) {
  // The request's own braces and commas: {"Findings":[ ... ]} plus one comma per finding.
  constexpr std::size_t kEnvelope = 16;
  ImportBatches plan;
  std::size_t bytes = kEnvelope;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (findings[i].size() > kImportMaxFindingBytes) {
      plan.too_large.push_back(i);
      continue;
    }
    const auto size = findings[i].size() + 1;
    if (plan.batches.empty() || plan.batches.back().size() == kImportMaxFindings || bytes + size > kImportMaxBytes) {
      plan.batches.emplace_back();
      bytes = kEnvelope;
    }
    plan.batches.back().push_back(i);
    bytes += size;
  }
  return plan;
}

ApiCall batch_import_findings_call(const std::string& region, const std::vector<std::string>& findings) {
  std::string body = "{\"Findings\":[";
  for (std::size_t i = 0; i < findings.size(); ++i) body += (i == 0 ? "" : ",") + findings[i];
  body += "]}";
  return securityhub_call(region, "BatchImportFindings", "/findings/import", std::move(body));
}

Result<ImportAnswer> parse_batch_import_findings(std::string_view body) {
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return bad_answer("BatchImportFindings", "is not a JSON object");
  ImportAnswer answer;
  const auto count = [&](const char* key, int& into) -> Status {
    const auto it = doc.find(key);
    if (it == doc.end() || !it->is_number_integer())
      return bad_answer("BatchImportFindings", std::string(key) + " is missing or not an integer");
    into = it->get<int>();
    return ok_status();
  };
  if (auto s = count("SuccessCount", answer.success_count); !s) return s.error();
  if (auto s = count("FailedCount", answer.failed_count); !s) return s.error();
  if (const auto failed = doc.find("FailedFindings"); failed != doc.end() && !failed->is_null()) {
    if (!failed->is_array()) return bad_answer("BatchImportFindings", "FailedFindings is not a list");
    for (const auto& item : *failed) {
      if (!item.is_object()) return bad_answer("BatchImportFindings", "a FailedFindings entry is not an object");
      const auto text = [&](const char* key) {
        const auto it = item.find(key);
        return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
      };
      answer.failed.push_back({text("Id"), text("ErrorCode"), text("ErrorMessage")});
    }
  }
  if (static_cast<std::size_t>(answer.failed_count) != answer.failed.size())
    return bad_answer("BatchImportFindings", "FailedCount " + std::to_string(answer.failed_count) + " but " +
                                                 std::to_string(answer.failed.size()) + " FailedFindings entries");
  return answer;
}

ApiCall get_findings_call(const std::string& region, const std::string& account_id, const std::string& generator_id,
                          const std::string& next_token) {
  nlohmann::json body = {{"Filters",
                          {{"GeneratorId", equals(generator_id)},
                           {"AwsAccountId", equals(account_id)},
                           {"RecordState", equals("ACTIVE")}}},
                         {"MaxResults", 100}};
  if (!next_token.empty()) body["NextToken"] = next_token;
  return securityhub_call(region, "GetFindings", "/findings", body.dump());
}

Result<std::vector<std::string>> parse_get_findings(std::string_view body, std::string& next_token) {
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return bad_answer("GetFindings", "is not a JSON object");
  const auto findings = doc.find("Findings");
  if (findings == doc.end() || !findings->is_array()) return bad_answer("GetFindings", "Findings is missing or not a list");
  std::vector<std::string> out;
  for (const auto& finding : *findings) {
    if (!finding.is_object()) return bad_answer("GetFindings", "a finding is not an object");
    out.push_back(finding.dump());
  }
  const auto token = doc.find("NextToken");
  next_token = token != doc.end() && token->is_string() ? token->get<std::string>() : std::string();
  return out;
}

}  // namespace trailguard::aws
