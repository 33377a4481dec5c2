// -o html for `trailguard logs`: one self-contained page (inline style, no script, the Content-Security-Policy
// of the scan report's page) with the verdict and totals, a region x day heat map per account
// (report/logs_heat_map), then the findings as tables: coverage gaps, activity in unused regions, tampering,
// digest problems, unreadable files. Each heat-map cell carries data-day, data-events and data-gap-hours, so
// the page is checked against the same run's JSON (tests/logs/test_logs_html.py).
#include <fmt/format.h>

#include "base/utc_time.hpp"
#include "report/html_escape.hpp"
#include "report/html_page.hpp"
#include "report/logs_heat_map.hpp"
#include "report/logs_report.hpp"

namespace trailguard::report {
namespace {

constexpr std::string_view kStyle =
    "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1f2328}h1{font-size:1.4em}h2{font-size:1.15em;"
    "margin-top:1.6em}table{border-collapse:collapse}th,td{padding:2px 6px;text-align:left;vertical-align:top}"
    "table.list td,table.list th{border-bottom:1px solid #d0d7de}.chip{padding:1px 8px;border-radius:10px;color:#fff}"
    ".chip[data-result=clean]{background:#1a7f37}.chip[data-result=findings]{background:#cf222e}"
    ".chip[data-result=incomplete]{background:#d4a017}dl.meta{display:grid;grid-template-columns:max-content auto;"
    "gap:2px 12px}dt{font-weight:600}.scroll{overflow-x:auto}table.heat td.c{width:16px;min-width:16px;height:18px;"
    "padding:0;border:1px solid #fff;font-size:10px;text-align:center;color:#fff}table.heat th.d,table.heat th.m{font-size:10px;"
    "padding:0 1px;font-weight:400;color:#656d76;text-align:center}.l0{background:#ebedf0}.l1{background:#c6e48b}.l2{background:#7bc96f}"
    ".l3{background:#239a3b}.l4{background:#196127}.l5{background:#0b3d17}td.c.gap{outline:2px solid #cf222e;"
    "outline-offset:-2px}td.c.gap.l0{background:#ffebe9}.risk{color:#cf222e;font-weight:600}.legend td{white-space:nowrap}.legend td.c{width:14px}";

std::string minute(std::int64_t seconds) { return format_utc_time(seconds).substr(0, 16) + "Z"; }
std::string maybe_minute(const std::optional<std::int64_t>& seconds) { return seconds ? minute(*seconds) : "-"; }
std::string text_or(const std::string& text, std::string_view otherwise) {
  return html_escaped(text.empty() ? otherwise : std::string_view(text));
}

void write_head(const LogsReport& report, std::ostream& out) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"" << html::kContentSecurityPolicy << "\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<meta name=\"generator\" content=\"trailguard " << html_escaped(report.tool_version) << "\">\n"
      << fmt::format("<title>{}: CloudTrail delivery from the logs \u2014 trailguard</title>\n", report.result())
      << "<style>" << kStyle << "</style>\n</head>\n<body>\n";
}

void write_header(const LogsReport& report, std::ostream& out) {
  const auto& totals = report.activity->totals;
  const auto& judgment = *report.judgment;
  const auto counts = report.counts();
  out << fmt::format("<header>\n<h1>CloudTrail delivery from the logs <span class=\"chip\" id=\"result\" data-result=\"{0}\">{0}"
                     "</span></h1>\n<dl class=\"meta\">\n",
                     report.result());
  out << "<dt>Sources</dt><dd>";
  for (std::size_t i = 0; i < report.sources.size(); ++i) out << (i ? ", " : "") << "<code>" << html_escaped(report.sources[i]) << "</code>";
  out << "</dd>\n";
  if (report.generated_ms) out << fmt::format("<dt>Generated</dt><dd><time>{}</time></dd>\n", format_utc_time(report.generated_ms / 1000));
  out << "<dt>trailguard</dt><dd>" << text_or(report.tool_version, "(unknown version)") << "</dd>\n";
  if (report.activity->since || report.activity->until)
    out << fmt::format("<dt>Window</dt><dd>{} to {}</dd>\n", maybe_minute(report.activity->since), maybe_minute(report.activity->until));
  out << fmt::format("<dt>Read</dt><dd>{} file(s), {} stored, {} of JSON, in {:.1f} s</dd>\n", totals.files_read,
                     size_text(totals.bytes_read), size_text(totals.bytes_inflated), report.seconds);
  out << fmt::format("<dt>Events</dt><dd id=\"events\">{} distinct in {} account(s) ({} duplicate(s) dropped)</dd>\n", counts.events,
                     counts.accounts, totals.duplicates_dropped);
  out << fmt::format("<dt>Found</dt><dd id=\"found\">{} coverage gap hour(s) in {} region(s), {} event(s) in unused regions, "
                     "{} logging change(s), {} unreadable file(s)</dd>\n</dl>\n</header>\n",
                     judgment.gap_hours, counts.regions_with_gaps, judgment.unused_region_events, judgment.tampering.size(),
                     report.activity->errors.size());
}

std::string cell_title(const HeatRow& row, std::int64_t day, const HeatCell& cell) {
  auto title = fmt::format("{} {}: {} event(s)", row.coverage->delivery->region, format_utc_date(day * 86400), cell.events);
  if (cell.gap_hours) title += fmt::format(", {} hour(s) with no digest and no log file", cell.gap_hours);
  return title;
}

void write_heat_map(const HeatMap& map, std::ostream& out) {
  out << fmt::format("<section class=\"account\" data-account=\"{0}\">\n<h3>Account {0}</h3>\n", html_escaped(map.account_id));
  if (map.days_left_out)
    out << fmt::format("<p>The window's {} oldest day(s) are left out: the map shows the newest {}.</p>\n", map.days_left_out, map.days);
  out << fmt::format("<div class=\"scroll\"><table class=\"heat\" data-account=\"{}\">\n<thead><tr><th rowspan=\"2\">Region</th>",
                     html_escaped(map.account_id));
  // Two header rows: the months (each spanning its days), then each day of the month; a cell's title has the date.
  std::vector<std::pair<std::string, std::size_t>> months;
  for (std::size_t column = 0; column < map.days; ++column) {
    const auto month = format_utc_date((map.first_day + static_cast<std::int64_t>(column)) * 86400).substr(0, 7);
    if (months.empty() || months.back().first != month) months.emplace_back(month, 0);
    ++months.back().second;
  }
  for (const auto& [month, days] : months) out << fmt::format("<th class=\"m\" colspan=\"{}\">{}</th>", days, days >= 3 ? month : "");
  out << "<th rowspan=\"2\">Events</th><th rowspan=\"2\">Gap hours</th></tr>\n<tr>";
  for (std::size_t column = 0; column < map.days; ++column) {
    const auto date = format_utc_date((map.first_day + static_cast<std::int64_t>(column)) * 86400);
    out << fmt::format("<th class=\"d\" title=\"{}\">{}</th>", date, date.substr(8));
  }
  out << "</tr></thead>\n<tbody>\n";
  for (const auto& row : map.rows) {
    const auto& delivery = *row.coverage->delivery;
    out << fmt::format("<tr data-region=\"{0}\"><th>{0}</th>", html_escaped(delivery.region));
    for (std::size_t column = 0; column < row.cells.size(); ++column) {
      const auto& cell = row.cells[column];
      const auto day = map.first_day + static_cast<std::int64_t>(column);
      out << fmt::format("<td class=\"c l{}{}\" data-day=\"{}\" data-events=\"{}\" data-gap-hours=\"{}\" title=\"{}\">{}</td>",
                         heat_level(cell.events), cell.gap_hours ? " gap" : "", format_utc_date(day * 86400), cell.events,
                         cell.gap_hours, html_escaped(cell_title(row, day, cell)), cell.gap_hours ? "!" : "");
    }
    out << fmt::format("<td>{}</td><td>{}</td></tr>\n", delivery.measure(model::LogMeasure::events), row.coverage->gap_hours);
  }
  out << "</tbody></table></div>\n</section>\n";
}

void write_legend(std::ostream& out) {
  out << "<table class=\"legend\"><tr><td>Events per day:</td>";
  const char* labels[] = {"0", "1-9", "10-99", "100-999", "1,000-9,999", "10,000+"};
  for (int level = 0; level <= 5; ++level) out << fmt::format("<td class=\"c l{0}\"></td><td>{1}</td>", level, labels[level]);
  out << "<td class=\"c l0 gap\">!</td><td>hours with no digest and no log file</td></tr></table>\n";
}

void write_gaps(const LogsReport& report, std::ostream& out) {
  out << "<h2 id=\"gaps\">Coverage gaps</h2>\n";
  if (report.judgment->gap_hours == 0) {
    out << "<p>None: every hour of the window has a digest or a log file in every region.</p>\n";
    return;
  }
  out << "<table class=\"list\"><thead><tr><th>Account</th><th>Region</th><th>From</th><th>Until</th><th>Hours</th></tr></thead><tbody>\n";
  for (const auto& coverage : report.judgment->regions)
    for (const auto& gap : coverage.gaps)
      out << fmt::format("<tr class=\"gap\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                         html_escaped(coverage.delivery->account_id), html_escaped(coverage.delivery->region), minute(gap.from),
                         minute(gap.until), gap.hours());
  out << "</tbody></table>\n";
}

void write_unused(const LogsReport& report, std::ostream& out) {
  const auto& judgment = *report.judgment;
  out << "<h2 id=\"unused\">Activity in unused regions</h2>\n<p>" << html_escaped(judgment.unused_region_rule) << "</p>\n";
  if (judgment.unused_region_activity.empty()) {
    out << "<p>None.</p>\n";
    return;
  }
  out << "<table class=\"list\"><thead><tr><th>Account</th><th>Region</th><th>Event</th><th>Principal</th><th>Source IP</th>"
         "<th>Count</th><th>First</th><th>Last</th><th>Outcome</th></tr></thead><tbody>\n";
  for (const auto& activity : judgment.unused_region_activity) {
    const auto& group = *activity.group;
    out << fmt::format("<tr class=\"unused\"{}><td>{}</td><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                       "<td>{}</td><td>{}</td></tr>\n",
                       activity.high_risk ? " data-high-risk=\"true\"" : "", html_escaped(group.account_id),
                       html_escaped(group.region), html_escaped(group.event_source + " " + group.event_name),
                       activity.high_risk ? " <span class=\"risk\">high risk</span>" : "", text_or(group.principal, "(no principal)"),
                       text_or(group.source_ip, "-"), group.count, minute(group.first_time), minute(group.last_time),
                       group.error_code.empty() ? "succeeded" : "failed: " + html_escaped(group.error_code));
  }
  out << "</tbody></table>\n";
}

void write_tampering(const LogsReport& report, std::ostream& out) {
  out << "<h2 id=\"tampering\">Changes to logging (tampering)</h2>\n";
  if (report.judgment->tampering.empty()) {
    out << "<p>None.</p>\n";
    return;
  }
  out << "<table class=\"list\"><thead><tr><th>Time</th><th>Account</th><th>Region</th><th>Event</th><th>Target</th>"
         "<th>Principal</th><th>Source IP</th><th>Outcome</th></tr></thead><tbody>\n";
  for (const auto& tampering : report.judgment->tampering) {
    const auto& change = *tampering.change;
    out << fmt::format("<tr class=\"tampering\" data-succeeded=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                       "<td>{}</td><td>{}</td></tr>\n",
                       tampering.succeeded, minute(change.time), html_escaped(change.account_id), html_escaped(change.region),
                       html_escaped(change.event_name), text_or(change.target, "(not named)"),
                       text_or(change.principal, "(no principal)"), text_or(change.source_ip, "-"),
                       tampering.succeeded ? "<span class=\"risk\">succeeded</span>"
                                           : "attempt failed (" + html_escaped(change.error_code) + ")");
  }
  out << "</tbody></table>\n";
}

void write_problems(const LogsReport& report, std::ostream& out) {
  if (const auto& validation = report.activity->validation) {
    out << fmt::format("<h2 id=\"validation\">Digest validation</h2>\n<p>{} digest(s), {} chain link(s), {} signature(s) verified "
                       "({} unavailable offline), {} log file(s) checked: {} problem(s).</p>\n",
                       validation->digests_checked, validation->chain_links_checked, validation->signatures_checked,
                       validation->signatures_unavailable, validation->log_files_checked, validation->problems.size());
    if (!validation->problems.empty()) {
      out << "<table class=\"list\"><thead><tr><th>Problem</th><th>Account</th><th>Region</th><th>File</th><th>Detail</th></tr></thead><tbody>\n";
      for (const auto& problem : validation->problems)
        out << fmt::format("<tr class=\"digest-problem\"><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>\n",
                           model::digest_problem_name(problem.kind), html_escaped(problem.account_id), html_escaped(problem.region),
                           html_escaped(problem.file), html_escaped(problem.detail));
      out << "</tbody></table>\n";
    }
  }
  const auto& errors = report.activity->errors;
  if (errors.empty()) return;
  out << fmt::format("<h2 id=\"errors\">Unreadable input ({}): the report is incomplete</h2>\n<table class=\"list\"><tbody>\n", errors.size());
  for (const auto& error : errors)
    out << fmt::format("<tr class=\"error\"><td><code>{}</code></td><td>{}</td></tr>\n", html_escaped(error.file), html_escaped(error.error));
  out << "</tbody></table>\n";
}

}  // namespace

void write_logs_html(const LogsReport& report, std::ostream& out) {
  write_head(report, out);
  write_header(report, out);
  out << "<main>\n<h2 id=\"heat-map\">Events and gaps per region and day</h2>\n";
  write_legend(out);
  const auto maps = logs_heat_maps(*report.judgment);
  if (maps.empty()) out << "<p>No CloudTrail files were found.</p>\n";
  for (const auto& map : maps) write_heat_map(map, out);
  write_gaps(report, out);
  write_unused(report, out);
  write_tampering(report, out);
  write_problems(report, out);
  out << "</main>\n</body>\n</html>\n";
}

}  // namespace trailguard::report
