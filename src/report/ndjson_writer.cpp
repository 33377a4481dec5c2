#include "report/ndjson_writer.hpp"

#include "report/json_fields.hpp"

namespace trailguard::report {

void write_ndjson_account(const control::Evaluation& evaluation, std::ostream& out) {
  for (const auto& finding : evaluation.findings) {
    auto line = finding_json(finding);
    line["type"] = "finding";
    out << line.dump() << '\n';
  }
  auto account = verdict_json(evaluation.verdict);
  account["type"] = "account";
  out << account.dump() << '\n';
  out.flush();
}

void write_ndjson_summary(const Report& report, const StreamEnd& end, std::ostream& out) {
  auto line = summary_json(report);
  line["type"] = "summary";
  line["source"] = report.source;
  line["schema_version"] = kSchemaVersion;
  line["complete"] = end.complete;
  line["accounts_planned"] = end.accounts_planned == 0 ? report.accounts.size() : end.accounts_planned;
  line["problems"] = report.problems;
  out << line.dump() << '\n';
  out.flush();
}

void write_ndjson(const Report& report, std::ostream& out) {
  for (const auto& evaluation : report.accounts) write_ndjson_account(evaluation, out);
  write_ndjson_summary(report, {}, out);
}

}  // namespace trailguard::report
