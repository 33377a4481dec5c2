#include "report/text_writer.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "control/control_metadata.hpp"

namespace trailguard::report {
namespace {

using control::Finding;
using control::Status;

std::string paint(std::string_view text, Status status, Color color) {
  if (color == Color::off) return std::string(text);
  const char* code = "";
  switch (status) {
    case Status::pass: code = "\033[32m"; break;
    case Status::fail: code = "\033[31m"; break;
    case Status::error: code = "\033[33m"; break;
    case Status::skipped: code = "\033[2m"; break;
  }
  return fmt::format("{}{}\033[0m", code, text);
}

std::string codes_of(const Finding& f) {
  std::string out;
  for (const auto& r : f.reasons) out += (out.empty() ? "" : ",") + std::string(to_string(r.code));
  return out;
}

// A clean PASS says the same sentence in every region: it is said once, above the regions.
bool clean_pass(const Finding& f) { return f.status == Status::pass && f.reasons.empty(); }
bool says_message(const Finding& f) { return f.status != Status::skipped && !clean_pass(f); }

std::string account_heading(const control::AccountVerdict& v, Color color) {
  const std::string named = v.account_name.empty() ? v.account_id : v.account_id + " (" + v.account_name + ")";
  return fmt::format("Account {}: {}", named, paint(to_string(v.status), v.status, color));
}

// Regions of one account with the same status and reason codes, worst first, then in report order.
struct Group {
  Status status;
  std::string codes;
  std::vector<const Finding*> findings;
};

std::vector<Group> groups_of(const control::Evaluation& evaluation) {
  std::vector<Group> groups;
  for (const auto& f : evaluation.findings) {
    const auto codes = codes_of(f);
    auto same = std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return g.status == f.status && g.codes == codes; });
    if (same == groups.end()) same = groups.insert(groups.end(), Group{f.status, codes, {}});
    same->findings.push_back(&f);
  }
  std::stable_sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) { return severity_rank(a.status) < severity_rank(b.status); });
  return groups;
}

std::string count_of(std::size_t n) { return fmt::format("{} region{}", n, n == 1 ? "" : "s"); }

std::string group_title(const Group& g, Color color) {
  return fmt::format("{} {}{}", count_of(g.findings.size()), paint(to_string(g.status), g.status, color), g.codes.empty() ? "" : " " + g.codes);
}

// A message with its own region's name taken out: "No trail records events in eu-west-1" and "... in
// us-east-1" are one sentence said of two regions. Only the finding's own region is taken out, so a message
// that differs in anything else (another trail, another AWS error) is said on its own.
std::string shape_of(const Finding& f) {
  std::string shape = f.message;
  for (std::size_t at; !f.region.empty() && (at = shape.find(f.region)) != std::string::npos;) shape.replace(at, f.region.size(), "\x1f");
  return shape;
}

void write_group_messages(const Group& g, std::ostream& out) {
  struct Said {
    std::string shape;
    const Finding* first;
    std::vector<std::string> regions;
  };
  std::vector<Said> said;
  for (const auto* f : g.findings) {
    if (!says_message(*f)) continue;
    const auto shape = shape_of(*f);
    // The same words, or the same but for naming its own region (a trail ARN may name a region too: the words
    // are compared first, so that ARN never splits a sentence said alike everywhere).
    auto same = std::find_if(said.begin(), said.end(), [&](const Said& s) { return s.first->message == f->message || s.shape == shape; });
    if (same == said.end()) same = said.insert(said.end(), Said{shape, f, {}});
    same->regions.push_back(f->region);
  }
  for (const auto& s : said) {
    // One sentence for the whole group needs no region list: the title line has it.
    const std::string where = said.size() == 1 ? "" : fmt::format("{}: ", fmt::join(s.regions, ", "));
    const std::string likewise = s.regions.size() > 1 && s.first->message != s.shape ? " (and likewise in each region)" : "";
    out << "      " << where << s.first->message << likewise << '\n';
  }
}

void write_grouped(const control::Evaluation& evaluation, std::ostream& out, Color color) {
  for (const auto& g : groups_of(evaluation)) {
    std::vector<std::string> regions;
    for (const auto* f : g.findings) regions.push_back(f->region);
    out << fmt::format("  {}: {}\n", group_title(g, color), fmt::join(regions, ", "));
    write_group_messages(g, out);
  }
}

void write_details(const Report& report, const control::Evaluation& evaluation, std::ostream& out, Color color) {
  std::size_t region_width = 6;
  for (const auto& e : report.accounts)
    for (const auto& f : e.findings) region_width = std::max(region_width, f.region.size());
  out << fmt::format("  {:<{}}  {:<7}  {}\n", "REGION", region_width, "STATUS", "REASONS");
  for (const auto& f : evaluation.findings) {
    // Pad before painting: escape codes would otherwise count toward the width.
    const auto padded = fmt::format("{:<7}", to_string(f.status));
    const auto codes = codes_of(f);
    out << fmt::format("  {:<{}}  {}  {}\n", f.region, region_width, paint(padded, f.status, color), codes.empty() ? "-" : codes);
    if (says_message(f)) out << "      " << f.message << '\n';
  }
}

void write_account(const Report& report, const control::Evaluation& evaluation, std::ostream& out, Color color, TextLayout layout) {
  out << account_heading(evaluation.verdict, color) << '\n';
  for (const auto& note : evaluation.verdict.notes) out << "  note: " << note << '\n';
  for (const auto& f : evaluation.findings)
    if (clean_pass(f)) {
      out << "  " << f.message << '\n';
      break;
    }
  if (layout == TextLayout::details) {
    write_details(report, evaluation, out, color);
  } else {
    write_grouped(evaluation, out, color);
  }
  out << '\n';
}

// One line per account, worst first (then the most failing and erroring regions), for organizations.
void write_account_lines(const Report& report, std::ostream& out, Color color) {
  const auto order = accounts_worst_first(report);
  for (const auto* evaluation : order) {
    std::vector<std::string> parts;
    for (const auto& g : groups_of(*evaluation)) parts.push_back(group_title(g, color));
    out << fmt::format("{}  {}\n", account_heading(evaluation->verdict, color), fmt::join(parts, "; "));
  }
  if (!order.empty()) out << "(--details for every region of every account)\n\n";
}

}  // namespace

void write_text(const Report& report, std::ostream& out, Color color, TextLayout layout) {
  const auto& meta = control::control_metadata();
  out << fmt::format("{} ({})\n\n", meta.title, meta.id);

  if (layout == TextLayout::accounts) {
    write_account_lines(report, out, color);
  } else {
    for (const auto& evaluation : report.accounts) write_account(report, evaluation, out, color, layout);
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
