// A small report whose strings hold everything a writer must quote or escape (commas, quotes, CR/LF, tabs,
// XML's markup characters, a C0 control, non-ASCII), written in the format named on the command line, so
// that the Python checks can parse real writer output with a real parser and compare it with what was meant:
//   report_sample FORMAT      the report in FORMAT (any of report::formats())
//   report_sample expected    its findings as JSON, field by field (what every format must carry)
//   report_sample FORMAT N    a synthetic organization of N accounts x 17 regions in FORMAT (golden::synthetic_organization)
#include <cstdio>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "report/formats.hpp"
#include "sample_report.hpp"

namespace {

using namespace trailguard;

report::Report sample() {
  auto r = report::golden::sample_report();
  r.source = "sample";
  r.accounts[0].verdict.account_name = "prod, \"web\" <&> 'eu'";
  r.accounts[1].verdict.account_name = "=cmd|' /C calc'!A0";
  r.accounts[1].findings[0].message = "Trail \"stopped\", not logging,\nsee <docs> & 'notes' ]]>\r\nend\twith tab \x01 \xC3\xA9t\xC3\xA9";
  r.accounts[1].findings[1].message = "\"starts with a quote\"";
  r.accounts[1].findings[2].message = "line one\nline two";
  return r;
}

nlohmann::json expected(const report::Report& r) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& evaluation : r.accounts)
    for (const auto& f : evaluation.findings) {
      nlohmann::json reasons = nlohmann::json::array();
      for (const auto& reason : f.reasons) reasons.push_back(std::string(to_string(reason.code)));
      rows.push_back({{"account_id", f.account_id}, {"account_name", evaluation.verdict.account_name}, {"region", f.region},
                      {"status", std::string(to_string(f.status))}, {"reasons", reasons}, {"trails", f.trails},
                      {"message", f.message}});
    }
  return rows;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::fprintf(stderr, "usage: report_sample FORMAT|expected [ACCOUNTS]\n");
    return 2;
  }
  const std::string name = argv[1];
  const auto r = argc == 3 ? report::golden::synthetic_organization(std::stoi(argv[2])) : sample();
  if (name == "expected") {
    std::cout << expected(r).dump(2) << '\n';
    return 0;
  }
  const auto* format = report::find_format(name);
  if (format == nullptr) {
    std::fprintf(stderr, "report_sample: no format %s\n", argv[1]);
    return 2;
  }
  format->write(r, std::cout);
  return std::cout ? 0 : 1;
}
