#include "report/formats.hpp"

#include <array>

#include "report/asff_writer.hpp"
#include "report/csv_writer.hpp"
#include "report/html_writer.hpp"
#include "report/json_writer.hpp"
#include "report/junit_writer.hpp"
#include "report/ndjson_writer.hpp"
#include "report/ocsf_writer.hpp"
#include "report/text_writer.hpp"

namespace trailguard::report {
namespace {

void write_plain_text(const Report& report, std::ostream& out) { write_text(report, out, Color::off); }

constexpr std::array kFormats = {
    Format{"text", "report.txt", write_plain_text},
    Format{"json", "report.json", write_json},
    Format{"ndjson", "report.ndjson", write_ndjson},
    Format{"csv", "report.csv", write_csv},
    Format{"junit", "report.junit.xml", write_junit},
    Format{"ocsf", "report.ocsf.json", write_ocsf},
    Format{"ocsf-ndjson", "report.ocsf.ndjson", write_ocsf_ndjson},
    Format{"asff", "report.asff.json", write_asff},
    Format{"html", "report.html", write_html},
};

}  // namespace

std::span<const Format> formats() { return kFormats; }

const Format* find_format(std::string_view name) {
  for (const auto& format : kFormats)
    if (format.name == name) return &format;
  return nullptr;
}

}  // namespace trailguard::report
