#include "report/text_writer.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "control/control_metadata.hpp"

namespace trailguard::report {
namespace {

std::string paint(std::string_view text, control::Status status, Color color) {
  if (color == Color::off) return std::string(text);
  const char* code = "";
  switch (status) {
    case control::Status::pass: code = "\033[32m"; break;
    case control::Status::fail: code = "\033[31m"; break;
    case control::Status::error: code = "\033[33m"; break;
    case control::Status::skipped: code = "\033[2m"; break;
  }
  return fmt::format("{}{}\033[0m", code, text);
}

std::string codes_of(const control::Finding& f) {
  std::string out;
  for (const auto& r : f.reasons) out += (out.empty() ? "" : ",") + std::string(to_string(r.code));
  return out.empty() ? "-" : out;
}

}  // namespace

void write_text(const Report& report, std::ostream& out, Color color) {
  const auto& meta = control::control_metadata();
  out << fmt::format("{} ({})\n\n", meta.title, meta.id);

  std::size_t region_width = 6;
  for (const auto& e : report.accounts)
    for (const auto& f : e.findings) region_width = std::max(region_width, f.region.size());

  for (const auto& evaluation : report.accounts) {
    const auto& v = evaluation.verdict;
    const std::string named = v.account_name.empty() ? v.account_id : v.account_id + " (" + v.account_name + ")";
    out << fmt::format("Account {}: {}\n", named, paint(to_string(v.status), v.status, color));
    for (const auto& note : v.notes) out << "  note: " << note << '\n';
    for (const auto& f : evaluation.findings)
      if (f.status == control::Status::pass && f.reasons.empty()) {
        out << "  " << f.message << '\n';
        break;
      }
    out << fmt::format("  {:<{}}  {:<7}  {}\n", "REGION", region_width, "STATUS", "REASONS");
    for (const auto& f : evaluation.findings) {
      const auto status = std::string(to_string(f.status));
      // Pad before painting: escape codes would otherwise count toward the width.
      const auto padded = fmt::format("{:<7}", status);
      out << fmt::format("  {:<{}}  {}  {}\n", f.region, region_width, paint(padded, f.status, color), codes_of(f));
      // A clean PASS says the same sentence in every region; only rows with something to add get one.
      const bool clean_pass = f.status == control::Status::pass && f.reasons.empty();
      if (f.status != control::Status::skipped && !clean_pass) out << "      " << f.message << '\n';
    }
    out << '\n';
  }

  for (const auto& problem : report.problems) out << "problem: " << problem << '\n';
  if (!report.problems.empty()) out << '\n';

  const auto s = summarize(report);
  out << fmt::format("Result: {}. Regions: {} pass, {} fail, {} error, {} skipped. Accounts: {} compliant, {} non-compliant, {} incomplete",
                     paint(to_string(s.overall), s.overall, color), s.regions_passed, s.regions_failed, s.regions_errors,
                     s.regions_skipped, s.accounts_compliant, s.accounts_non_compliant, s.accounts_incomplete);
  // Only organization scans skip accounts; the one-account line stays as it was.
  if (s.accounts_skipped > 0) out << fmt::format(", {} skipped", s.accounts_skipped);
  out << ".\n";
}

}  // namespace trailguard::report
