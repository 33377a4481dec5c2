#include "report/csv_writer.hpp"

namespace trailguard::report {
namespace {

template <class Range, class Text>
std::string joined(const Range& items, Text&& text_of) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ';';
    out += text_of(item);
  }
  return out;
}

}  // namespace

std::string csv_field(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string quoted = "\"";
  for (const char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

void write_csv(const Report& report, std::ostream& out) {
  out << "account_id,account_name,region,status,reasons,trails,message\r\n";
  // Row by row, straight to the stream: an organization's report is never held as one text.
  for (const auto& evaluation : report.accounts) {
    const auto& name = evaluation.verdict.account_name;
    for (const auto& f : evaluation.findings) {
      const auto reasons = joined(f.reasons, [](const control::Reason& r) { return std::string(to_string(r.code)); });
      const auto trails = joined(f.trails, [](const std::string& arn) { return arn; });
      out << csv_field(f.account_id) << ',' << csv_field(name) << ',' << csv_field(f.region) << ',' << to_string(f.status) << ','
          << csv_field(reasons) << ',' << csv_field(trails) << ',' << csv_field(f.message) << "\r\n";
    }
  }
}

}  // namespace trailguard::report
