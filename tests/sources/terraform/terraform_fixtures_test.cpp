// Every directory of tests/fixtures/iac/terraform/ is a root module with an expected.json, written from
// Terraform's semantics: per resource address whether it is created and what its attributes evaluate to
// ("<absent>", "<unknown>" or "<unknown:part of the reason>", else the JSON value), the problems (file
// and line or a phrase), the notes and the files read. The attributes are recorded as the evaluator hands
// them to the aws_cloudtrail mapping, so these tests pin the evaluation itself. Where a resource gives a
// "status" (PASS, FAIL, UNKNOWN, NOT_CREATED, SUPPRESSED) and the fixture a "verdict", the same directory
// is also read with the real aws_cloudtrail mapping and judged by evaluate_iac, as `trailguard iac` does.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "control/iac_judgement.hpp"
#include "sources/terraform/module_reader.hpp"
#include "sources/terraform/terraform_source.hpp"
#include "sources/terraform/tf_value_ops.hpp"

namespace trailguard::sources::terraform {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kFixtures = std::string(TRAILGUARD_SOURCE_DIR) + "/tests/fixtures/iac/terraform";

std::vector<std::string> fixture_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kFixtures))
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// "event_selector[0].data_resource[0].values[1]" inside the attributes; nullptr when absent.
const TfValue* at_path(const TfValue& root, const std::string& path) {
  const TfValue* current = &root;
  std::size_t i = 0;
  while (i < path.size() && current) {
    if (path[i] == '.') ++i;
    if (path[i] == '[') {
      const auto close = path.find(']', i);
      const auto n = std::stoul(path.substr(i + 1, close - i - 1));
      current = current->kind == TfValue::Kind::list && n < current->items.size() ? &current->items[n] : nullptr;
      i = close + 1;
      continue;
    }
    const auto end = path.find_first_of(".[", i);
    current = current->field(path.substr(i, end == std::string::npos ? std::string::npos : end - i));
    i = end == std::string::npos ? path.size() : end;
  }
  return current;
}

void expect_value(const TfValue* actual, const json& expected, const std::string& what) {
  if (expected.is_string()) {
    const std::string text = expected.get<std::string>();
    if (text == "<absent>") {
      EXPECT_TRUE(actual == nullptr || actual->is_null()) << what << ": expected absent, found " << describe(*actual);
      return;
    }
    if (text.rfind("<unknown", 0) == 0) {
      ASSERT_NE(actual, nullptr) << what << ": expected unknown, found absent";
      ASSERT_TRUE(actual->is_unknown()) << what << ": expected unknown, found " << describe(*actual);
      if (text.size() > 10) {
        const std::string part = text.substr(9, text.size() - 10);
        EXPECT_NE(actual->string.find(part), std::string::npos) << what << ": the reason \"" << actual->string
                                                                << "\" does not mention \"" << part << "\"";
      }
      return;
    }
  }
  ASSERT_NE(actual, nullptr) << what << ": expected " << expected.dump() << ", found absent";
  if (expected.is_boolean()) {
    ASSERT_EQ(actual->kind, TfValue::Kind::boolean) << what << ": found " << describe(*actual);
    EXPECT_EQ(actual->boolean, expected.get<bool>()) << what;
  } else if (expected.is_number()) {
    ASSERT_EQ(actual->kind, TfValue::Kind::number) << what << ": found " << describe(*actual);
    EXPECT_EQ(actual->number, expected.get<double>()) << what;
  } else {
    ASSERT_EQ(actual->kind, TfValue::Kind::string) << what << ": found " << describe(*actual);
    EXPECT_EQ(actual->string, expected.get<std::string>()) << what;
  }
}

struct Recorded {
  TfValue attributes;
  ResourcePlace place;
};

class TerraformFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(TerraformFixture, EvaluatesAsTerraformWould) {
  const std::string dir = kFixtures + "/" + GetParam();
  std::ifstream in(dir + "/expected.json");
  ASSERT_TRUE(in) << dir << ": no expected.json";
  const json expected = json::parse(in);

  TerraformOptions options;
  if (expected.contains("options")) {
    const json& given = expected["options"];
    if (given.contains("environment"))
      for (const auto& [name, value] : given["environment"].items()) options.environment.emplace_back(name, value.get<std::string>());
    if (given.contains("command_line"))
      for (const auto& item : given["command_line"]) {
        if (item.contains("var_file")) options.command_line.push_back({true, dir + "/" + item["var_file"].get<std::string>()});
        else options.command_line.push_back({false, item["var"].get<std::string>()});
      }
  }
  std::map<std::string, Recorded> recorded;
  const TrailMapping recorder = [&](const TfValue& attributes, const ResourcePlace& place) {
    recorded[place.address] = {attributes, place};
    model::DeclaredTrail trail;
    trail.address = place.address;
    return trail;
  };
  const model::IacInput input = read_root_module(dir, options, recorder);

  std::map<std::string, const model::DeclaredTrail*> trails;
  for (const auto& trail : input.trails) {
    EXPECT_FALSE(trails.count(trail.address)) << "address twice: " << trail.address;
    trails[trail.address] = &trail;
  }
  for (const auto& [address, want] : expected["trails"].items()) {
    SCOPED_TRACE(address);
    ASSERT_TRUE(trails.count(address)) << "no trail at " << address;
    const model::DeclaredTrail& trail = *trails[address];
    const json& created = want["created"];
    if (created.is_boolean()) {
      ASSERT_TRUE(trail.created.known()) << "created is unknown: " << trail.created.origin.source;
      EXPECT_EQ(*trail.created.value, created.get<bool>());
    } else {
      EXPECT_FALSE(trail.created.known());
    }
    EXPECT_EQ(trail.location.file.rfind(dir, 0), 0u) << trail.location.file;
    EXPECT_GT(trail.location.line, 0);
    if (want.value("unread", false)) {
      EXPECT_FALSE(trail.trail.is_multi_region.known());
      EXPECT_TRUE(trail.trail.selectors.failed());
      EXPECT_FALSE(recorded.count(address));
      continue;
    }
    ASSERT_TRUE(recorded.count(address));
    if (want.contains("attributes"))
      for (const auto& [path, value] : want["attributes"].items())
        expect_value(at_path(recorded[address].attributes, path), value, address + " " + path);
    if (want.contains("suppression")) {
      EXPECT_EQ(trail.suppression_reason.value_or("<none>"), want["suppression"].get<std::string>());
    } else {
      EXPECT_FALSE(trail.suppression_reason.has_value());
    }
    if (want.contains("region")) {
      EXPECT_EQ(recorded[address].place.region, want["region"].get<std::string>());
    }
  }
  EXPECT_EQ(trails.size(), expected["trails"].size()) << "more trails than expected";

  const auto judged = control::evaluate_iac(read_terraform_root(dir, options), {});
  for (const auto& finding : judged.findings) {
    if (!expected["trails"].contains(finding.address) || !expected["trails"][finding.address].contains("status")) continue;
    std::string reasons;
    for (const auto& reason : finding.reasons) reasons += reason.text + "; ";
    EXPECT_EQ(std::string(control::to_string(finding.status)), expected["trails"][finding.address]["status"].get<std::string>())
        << finding.address << ": " << reasons;
  }
  if (expected.contains("verdict")) {
    EXPECT_EQ(std::string(control::to_string(judged.verdict)), expected["verdict"].get<std::string>()) << judged.verdict_message;
  }

  const json problems = expected.value("problems", json::array());
  ASSERT_EQ(input.problems.size(), problems.size()) << (input.problems.empty() ? "" : input.problems[0].message);
  for (std::size_t i = 0; i < problems.size(); ++i) {
    const auto& problem = input.problems[i];
    EXPECT_EQ(problem.location.file, dir + "/" + problems[i]["file"].get<std::string>()) << problem.message;
    if (problems[i].contains("line")) {
      EXPECT_EQ(problem.location.line, problems[i]["line"].get<int>()) << problem.message;
    }
    if (problems[i].contains("contains")) {
      EXPECT_NE(problem.message.find(problems[i]["contains"].get<std::string>()), std::string::npos) << problem.message;
    }
  }
  for (const auto& note : expected.value("notes", json::array())) {
    bool found = false;
    for (const auto& text : input.notes) found = found || text.find(note.get<std::string>()) != std::string::npos;
    EXPECT_TRUE(found) << "no note mentions " << note;
  }
  if (expected.contains("files_read")) {
    std::vector<std::string> read;
    for (const auto& path : input.files_read) read.push_back(path.substr(dir.size() + 1));
    EXPECT_EQ(read, expected["files_read"].get<std::vector<std::string>>());
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, TerraformFixture, ::testing::ValuesIn(fixture_names()),
                         [](const auto& param_info) { return param_info.param; });

TEST(TerraformFixtures, AtLeastThirtyFiveFixtures) { EXPECT_GE(fixture_names().size(), 35u); }

}  // namespace
}  // namespace trailguard::sources::terraform
