#include "report/html_writer.hpp"

#include <algorithm>
#include <array>
#include <ctime>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "control/control_metadata.hpp"
#include "report/html_escape.hpp"
#include "report/html_page.hpp"

namespace trailguard::report {
namespace {

using control::Status;

constexpr std::array kStatuses = {Status::fail, Status::error, Status::pass, Status::skipped};

char letter_of(Status status) { return to_string(status).front(); }  // P, F, E, S

std::string json_string(std::string_view text) {
  return script_safe_json(nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string utc_time(std::int64_t ms) {
  if (ms == 0) return "";
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// The grid's columns: every region of every account, in name order.
std::vector<std::string> regions_of(const Report& report) {
  std::set<std::string> regions;
  for (const auto& evaluation : report.accounts)
    for (const auto& f : evaluation.findings) regions.insert(f.region);
  return {regions.begin(), regions.end()};
}

std::size_t column_of(const std::vector<std::string>& regions, const std::string& region) {
  return static_cast<std::size_t>(std::lower_bound(regions.begin(), regions.end(), region) - regions.begin());
}

// Under --org (several accounts, or accounts named by the organization) the fix command names the account.
bool organization(const Report& report) {
  return report.accounts.size() > 1 ||
         std::any_of(report.accounts.begin(), report.accounts.end(), [](const auto& e) { return !e.verdict.account_name.empty(); });
}

void write_head(const Report& report, Status overall, std::ostream& out) {
  const auto& meta = control::control_metadata();
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"" << html::kContentSecurityPolicy << "\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<meta name=\"generator\" content=\"trailguard " << html_escaped(report.tool_version) << "\">\n"
      << fmt::format("<title>{}: {} \u2014 trailguard</title>\n", to_string(overall), html_escaped(meta.title))
      << "<style>" << html::style() << "</style>\n</head>\n<body>\n";
}

void write_header(const Report& report, Status overall, std::ostream& out) {
  const auto& meta = control::control_metadata();
  out << fmt::format("<header>\n<h1>{} <span class=\"chip\" data-verdict=\"{}\">{}</span></h1>\n<dl class=\"meta\">\n",
                     html_escaped(meta.title), to_string(overall), to_string(overall));
  out << "<dt>Source</dt><dd id=\"source\">" << html_escaped(report.source) << "</dd>\n";
  const auto time = utc_time(report.generated_ms);
  if (time.empty()) {
    out << "<dt>Generated</dt><dd>(not stamped)</dd>\n";
  } else {
    out << fmt::format("<dt>Generated</dt><dd><time datetime=\"{0}\">{0}</time></dd>\n", time);
  }
  out << "<dt>trailguard</dt><dd>" << html_escaped(report.tool_version.empty() ? "(unknown version)" : report.tool_version) << "</dd>\n";
  out << fmt::format("<dt>Control</dt><dd><code>{}</code>, severity {}</dd>\n<dt>Frameworks</dt><dd><ul id=\"frameworks\">\n",
                     html_escaped(meta.id), html_escaped(meta.severity));
  for (const auto& f : meta.frameworks)
    out << fmt::format("<li>{} {}: <b>{}</b></li>\n", html_escaped(f.framework), html_escaped(f.version), html_escaped(f.control));
  out << "</ul></dd>\n</dl>\n</header>\n";
}

void write_summary(const Summary& s, std::ostream& out) {
  const std::array counts = {s.regions_failed, s.regions_errors, s.regions_passed, s.regions_skipped};
  out << "<section id=\"summary\">\n<span>Regions:</span>\n";
  for (std::size_t i = 0; i < kStatuses.size(); ++i)
    out << fmt::format("<span><span class=\"chip\" data-verdict=\"{0}\">{1}</span> <span data-count=\"{0}\">{2}</span> {0}</span>\n",
                       to_string(kStatuses[i]), letter_of(kStatuses[i]), counts[i]);
  out << fmt::format("<span id=\"accounts\">Accounts: {} compliant, {} non-compliant, {} incomplete, {} skipped</span>\n</section>\n",
                     s.accounts_compliant, s.accounts_non_compliant, s.accounts_incomplete, s.accounts_skipped);
}

void write_problems(const Report& report, std::ostream& out) {
  if (report.problems.empty()) return;
  out << "<section id=\"problems\"><h2>Problems</h2><ul>\n";
  for (const auto& problem : report.problems) out << "<li>" << html_escaped(problem) << "</li>\n";
  out << "</ul></section>\n";
}

void write_controls(std::ostream& out) {
  out << "<noscript><p>Filters, search, sorting and the details of a finding need JavaScript; the grid is complete "
         "without it.</p></noscript>\n<div id=\"controls\" hidden>\n";
  for (const auto status : kStatuses)
    out << fmt::format("<label><input type=\"checkbox\" id=\"f-{0}\" checked> <span class=\"chip\" data-verdict=\"{0}\">{1}</span> {0}</label>\n",
                       to_string(status), letter_of(status));
  out << "<input type=\"search\" id=\"f-account\" placeholder=\"Account id or name\" aria-label=\"Account filter\">\n"
         "<input type=\"search\" id=\"f-search\" placeholder=\"Search messages, reasons, trails\" aria-label=\"Search\">\n"
         "<label>Sort <select id=\"f-sort\"><option value=\"worst\">worst first</option><option value=\"id\">by account id</option>"
         "<option value=\"name\">by account name</option></select></label>\n<span id=\"shown\"></span>\n</div>\n";
}

void write_row(const control::Evaluation& evaluation, const std::vector<std::string>& regions, std::ostream& out) {
  const auto& v = evaluation.verdict;
  const auto id = html_escaped(v.account_id);
  const auto name = html_escaped(v.account_name);
  out << fmt::format("<tr data-account=\"{}\" data-name=\"{}\"><th scope=\"row\" class=\"acct\"><span class=\"chip\" data-verdict=\"{}\">{}</span>{}",
                     id, name, to_string(v.status), letter_of(v.status), id);
  if (!name.empty()) out << fmt::format("<small title=\"{0}\">{0}</small>", name);
  out << "</th>";
  std::vector<const control::Finding*> cells(regions.size(), nullptr);
  for (const auto& f : evaluation.findings) cells[column_of(regions, f.region)] = &f;
  for (const auto* f : cells) {
    if (f == nullptr) {
      out << "<td></td>";  // no finding: the account does not know this region
    } else {
      out << fmt::format("<td data-account=\"{}\" data-region=\"{}\" data-status=\"{}\">{}</td>", html_escaped(f->account_id),
                         html_escaped(f->region), to_string(f->status), letter_of(f->status));
    }
  }
  out << "</tr>\n";
}

void write_grid(const Report& report, const std::vector<std::string>& regions, std::ostream& out) {
  out << "<div id=\"grid-wrap\"><table id=\"grid\">\n<thead><tr><th class=\"acct\" scope=\"col\">Account</th>";
  for (const auto& region : regions) out << fmt::format("<th class=\"region\" scope=\"col\">{}</th>", html_escaped(region));
  out << "</tr></thead>\n<tbody>\n";
  for (const auto* evaluation : accounts_worst_first(report)) write_row(*evaluation, regions, out);
  out << "</tbody></table></div>\n<aside id=\"details\" hidden></aside>\n";
}

// The distinct strings of the finding data, each written once and named by its index.
class StringTable {
 public:
  int ref(std::string text) {
    const auto [it, added] = index_.try_emplace(std::move(text), static_cast<int>(strings_.size()));
    if (added) strings_.push_back(&it->first);
    return it->second;
  }
  void write(std::ostream& out) const {
    out << '[';
    for (std::size_t i = 0; i < strings_.size(); ++i) out << (i == 0 ? "" : ",\n") << json_string(*strings_[i]);
    out << ']';
  }

 private:
  std::unordered_map<std::string, int> index_;
  std::vector<const std::string*> strings_;  // in index order (unordered_map keys stay where they are)
};

// One line per finding: [account, region, message, [[code, text], ...], [trail, ...]], indexes into the report's
// accounts, the grid's regions and the string table; messages, texts and trails as templates (message_template).
void write_findings(const Report& report, const std::vector<std::string>& regions, StringTable& strings, std::ostream& out) {
  out << "<script type=\"application/json\" id=\"tg-findings\">[";
  const char* separator = "\n";
  for (std::size_t a = 0; a < report.accounts.size(); ++a) {
    for (const auto& f : report.accounts[a].findings) {
      const auto templated = [&](const std::string& text) { return strings.ref(message_template(text, f.account_id, f.region)); };
      out << fmt::format("{}[{},{},{},[", separator, a, column_of(regions, f.region), templated(f.message));
      for (std::size_t i = 0; i < f.reasons.size(); ++i)
        out << fmt::format("{}[{},{}]", i == 0 ? "" : ",", strings.ref(std::string(to_string(f.reasons[i].code))), templated(f.reasons[i].text));
      out << "],[";
      for (std::size_t i = 0; i < f.trails.size(); ++i) out << (i == 0 ? "" : ",") << templated(f.trails[i]);
      out << "]]";
      separator = ",\n";
    }
  }
  out << "\n]</script>\n";
}

void write_meta(const Report& report, const std::vector<std::string>& regions, const StringTable& strings, std::ostream& out) {
  out << "<script type=\"application/json\" id=\"tg-meta\">{\"org\":" << (organization(report) ? "true" : "false")
      << ",\"remediation\":" << json_string(control::control_metadata().remediation_text) << ",\n\"regions\":[";
  for (std::size_t i = 0; i < regions.size(); ++i) out << (i == 0 ? "" : ",") << json_string(regions[i]);
  out << "],\n\"accounts\":[";
  for (std::size_t i = 0; i < report.accounts.size(); ++i) {
    const auto& v = report.accounts[i].verdict;
    out << (i == 0 ? "" : ",\n") << '[' << json_string(v.account_id) << ',' << json_string(v.account_name) << ']';
  }
  out << "],\n\"strings\":";
  strings.write(out);
  out << "}</script>\n";
}

}  // namespace

void write_html(const Report& report, std::ostream& out) {
  const auto summary = summarize(report);
  const auto regions = regions_of(report);
  write_head(report, summary.overall, out);
  write_header(report, summary.overall, out);
  write_summary(summary, out);
  write_problems(report, out);
  write_controls(out);
  write_grid(report, regions, out);
  StringTable strings;
  write_findings(report, regions, strings, out);
  write_meta(report, regions, strings, out);
  out << "<script>" << html::script() << "</script>\n</body>\n</html>\n";
}

}  // namespace trailguard::report
