#include "report/json_writer.hpp"

#include <string_view>

#include <nlohmann/json.hpp>

#include "control/control_metadata.hpp"
#include "report/json_fields.hpp"

namespace trailguard::report {
namespace {
using nlohmann::json;

json control_json() {
  const auto& m = control::control_metadata();
  json frameworks = json::array();
  for (const auto& f : m.frameworks) frameworks.push_back({{"framework", f.framework}, {"version", f.version}, {"control", f.control}});
  return {{"id", m.id}, {"title", m.title}, {"severity", m.severity}, {"frameworks", frameworks},
          {"remediation", m.remediation_text}};
}

// `value` as dump(2) writes it nested `depth` levels deep: every line after the first indented 2*depth more.
void write_nested(std::ostream& out, const json& value, int depth) {
  const std::string text = value.dump(2);
  const std::string indent(static_cast<std::size_t>(2 * depth), ' ');
  std::string_view rest(text);
  for (std::size_t newline; (newline = rest.find('\n')) != std::string_view::npos; rest.remove_prefix(newline + 1))
    out << rest.substr(0, newline + 1) << indent;
  out << rest;
}

// A top-level array written one element at a time, laid out as dump(2) lays it out, so that the whole report
// is never held as one JSON value (an organization's findings run to hundreds of MB as a DOM).
template <class Each>
void write_array(std::ostream& out, std::size_t count, Each&& element_at) {
  if (count == 0) {
    out << "[]";
    return;
  }
  out << "[\n";
  for (std::size_t i = 0; i < count; ++i) {
    out << "    ";
    write_nested(out, element_at(i), 2);
    out << (i + 1 < count ? ",\n" : "\n");
  }
  out << "  ]";
}

}  // namespace

void write_json(const Report& report, std::ostream& out) {
  // Keys in nlohmann::json's (sorted) order, as the report has always been written.
  out << "{\n  \"accounts\": ";
  write_array(out, report.accounts.size(), [&](std::size_t i) { return verdict_json(report.accounts[i].verdict); });
  out << ",\n  \"control\": ";
  write_nested(out, control_json(), 1);
  std::vector<const control::Finding*> findings;
  for (const auto& evaluation : report.accounts)
    for (const auto& finding : evaluation.findings) findings.push_back(&finding);
  out << ",\n  \"findings\": ";
  write_array(out, findings.size(), [&](std::size_t i) { return finding_json(*findings[i]); });
  out << ",\n  \"problems\": ";
  write_nested(out, json(report.problems), 1);
  out << ",\n  \"schema_version\": ";
  write_nested(out, json(kSchemaVersion), 1);
  out << ",\n  \"source\": ";
  write_nested(out, json(report.source), 1);
  out << ",\n  \"summary\": ";
  write_nested(out, summary_json(report), 1);
  out << "\n}\n";
}

}  // namespace trailguard::report
