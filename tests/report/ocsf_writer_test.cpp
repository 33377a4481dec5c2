// The OCSF writer: one Compliance Finding per finding, the check's result in compliance (never the workflow
// status), the classification ids OCSF derives, and the control's metadata. The schema compiled from OCSF's
// own definition files validates real output in test_ocsf_report.py (CTest report_ocsf).
#include "report/ocsf_writer.hpp"

#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "control/control_metadata.hpp"
#include "sample_report.hpp"

namespace trailguard::report {
namespace {

using nlohmann::json;

json events_of(const Report& report) {
  std::ostringstream out;
  write_ocsf(report, out);
  return json::parse(out.str());
}

TEST(Ocsf, OneEventPerFindingWithTheResultInCompliance) {
  auto report = golden::sample_report();
  report.generated_ms = 1764633600123;
  report.tool_version = "9.9.9";
  const auto events = events_of(report);
  std::size_t i = 0;
  for (const auto& evaluation : report.accounts)
    for (const auto& finding : evaluation.findings) {
      const auto& event = events.at(i++);
      EXPECT_EQ(event["class_uid"], 2003);
      EXPECT_EQ(event["type_uid"], 200301);
      EXPECT_EQ(event["time"], 1764633600123) << "milliseconds, as given";
      EXPECT_EQ(event["status_id"], 1) << "the workflow status stays New";
      EXPECT_EQ(event["metadata"]["product"]["version"], "9.9.9");
      EXPECT_EQ(event["cloud"]["account"]["uid"], finding.account_id);
      EXPECT_EQ(event["cloud"]["region"], finding.region);
      const int want = finding.status == control::Status::pass    ? 1
                       : finding.status == control::Status::fail  ? 3
                       : finding.status == control::Status::error ? 2
                                                                  : 99;
      EXPECT_EQ(event["compliance"]["status_id"], want) << finding.region;
      EXPECT_EQ(event["compliance"]["status_code"], std::string(to_string(finding.status)));
      EXPECT_EQ(event["resources"].size(), 1 + finding.trails.size());
    }
  EXPECT_EQ(i, events.size());
}

TEST(Ocsf, StandardsAndRequirementsComeFromTheControlMetadata) {
  const auto event = events_of(golden::sample_report()).at(0);
  const auto& m = control::control_metadata();
  EXPECT_EQ(event["compliance"]["requirements"].size(), m.frameworks.size());
  EXPECT_EQ(event["compliance"]["requirements"][0],
            m.frameworks[0].framework + " " + m.frameworks[0].version + ": " + m.frameworks[0].control);
  EXPECT_EQ(event["compliance"]["control"], m.id);
  EXPECT_EQ(event["severity_id"], 4) << "an ERROR of a high-severity control is High";
}

TEST(Ocsf, NdjsonIsTheSameEventsOnePerLine) {
  const auto report = golden::sample_report();
  std::ostringstream out;
  write_ocsf_ndjson(report, out);
  std::istringstream lines(out.str());
  json streamed = json::array();
  for (std::string line; std::getline(lines, line);) streamed.push_back(json::parse(line));
  EXPECT_EQ(streamed, events_of(report));
}

}  // namespace
}  // namespace trailguard::report
