// The comparisons the fixture tests of tests/fixtures/iac/ share (terraform/ root modules, plan/ plan JSON):
// each fixture's expected.json names, per resource address, whether it is created and what its attributes
// are when handed to the aws_cloudtrail mapping ("<absent>", "<unknown>" or "<unknown:part of the
// reason>", else the JSON value), its suppression, and for the whole input the problems (file, line,
// column or a phrase), the notes and the files read. One reading of that format for every reader.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "control/iac_judgement.hpp"
#include "model/declared_trail.hpp"
#include "sources/terraform/tf_value_ops.hpp"

namespace trailguard::sources::fixture_expect {

using nlohmann::json;
using terraform::TfValue;

// The fixture directories under `root`, sorted, for INSTANTIATE_TEST_SUITE_P.
inline std::vector<std::string> fixture_names(const std::string& root) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(root))
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// The fixture's expected.json; a missing or unparsable file is a failure and an empty object.
inline json expected_of(const std::string& dir) {
  std::ifstream in(dir + "/expected.json");
  if (!in) {
    ADD_FAILURE() << dir << ": no expected.json";
    return json::object();
  }
  return json::parse(in);
}

// "event_selector[0].data_resource[0].values[1]" inside the attributes; nullptr when absent.
inline const TfValue* at_path(const TfValue& root, const std::string& path) {
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

inline void expect_value(const TfValue* actual, const json& expected, const std::string& what) {
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
  } else if (expected.is_array()) {
    ASSERT_EQ(actual->kind, TfValue::Kind::list) << what << ": found " << describe(*actual);
    ASSERT_EQ(actual->items.size(), expected.size()) << what << ": found " << describe(*actual);
    for (std::size_t i = 0; i < expected.size(); ++i)
      expect_value(&actual->items[i], expected[i], what + "[" + std::to_string(i) + "]");
  } else {
    ASSERT_EQ(actual->kind, TfValue::Kind::string) << what << ": found " << describe(*actual);
    EXPECT_EQ(actual->string, expected.get<std::string>()) << what;
  }
}

// Every path of want["attributes"] against the recorded attributes.
inline void expect_attributes(const TfValue& attributes, const json& want, const std::string& address) {
  if (!want.contains("attributes")) return;
  for (const auto& [path, value] : want["attributes"].items()) expect_value(at_path(attributes, path), value, address + " " + path);
}

// The input's trails by address; an address given twice is a failure.
inline std::map<std::string, const model::DeclaredTrail*> trails_by_address(const model::IacInput& input) {
  std::map<std::string, const model::DeclaredTrail*> trails;
  for (const auto& trail : input.trails) {
    EXPECT_FALSE(trails.count(trail.address)) << "address twice: " << trail.address;
    trails[trail.address] = &trail;
  }
  return trails;
}

// want["created"]: true / false, or anything else for unknown.
inline void expect_created(const model::DeclaredTrail& trail, const json& want) {
  const json& created = want["created"];
  if (created.is_boolean()) {
    ASSERT_TRUE(trail.created.known()) << "created is unknown: " << trail.created.origin.source;
    EXPECT_EQ(*trail.created.value, created.get<bool>()) << trail.created.origin.source;
  } else {
    EXPECT_FALSE(trail.created.known()) << "created is known: " << trail.created.origin.source;
  }
}

// want["suppression"]: the reason; absent means no suppression.
inline void expect_suppression(const model::DeclaredTrail& trail, const json& want) {
  if (want.contains("suppression")) {
    EXPECT_EQ(trail.suppression_reason.value_or("<none>"), want["suppression"].get<std::string>());
  } else {
    EXPECT_FALSE(trail.suppression_reason.has_value()) << *trail.suppression_reason;
  }
}

// expected["problems"] (in order; file relative to `dir`, optional line, column, contains, usage_error),
// expected["notes"] (each a phrase some note contains) and expected["files_read"] (relative to `dir`).
inline void expect_problems_notes_files(const model::IacInput& input, const json& expected, const std::string& dir) {
  const json problems = expected.value("problems", json::array());
  ASSERT_EQ(input.problems.size(), problems.size()) << (input.problems.empty() ? "" : input.problems[0].message);
  for (std::size_t i = 0; i < problems.size(); ++i) {
    const auto& problem = input.problems[i];
    const json& want = problems[i];
    EXPECT_EQ(problem.location.file, dir + "/" + want["file"].get<std::string>()) << problem.message;
    if (want.contains("line")) {
      EXPECT_EQ(problem.location.line, want["line"].get<int>()) << problem.message;
    }
    if (want.contains("column")) {
      EXPECT_EQ(problem.location.column, want["column"].get<int>()) << problem.message;
    }
    if (want.contains("contains")) {
      EXPECT_NE(problem.message.find(want["contains"].get<std::string>()), std::string::npos) << problem.message;
    }
    EXPECT_EQ(problem.usage_error, want.value("usage_error", false)) << problem.message;
  }
  for (const auto& note : expected.value("notes", json::array())) {
    bool found = false;
    for (const auto& text : input.notes) found = found || text.find(note.get<std::string>()) != std::string::npos;
    EXPECT_TRUE(found) << "no note mentions " << note;
  }
  if (expected.contains("files_read")) {
    std::vector<std::string> read;
    for (const auto& path : input.files_read) read.push_back(path.substr(std::min(path.size(), dir.size() + 1)));
    EXPECT_EQ(read, expected["files_read"].get<std::vector<std::string>>());
  }
}


// Per address in expected["trails"], what evaluate_iac made of it: "status", "reasons" (codes the finding must
// carry), "message" (a phrase of its sentence); and the input's "verdict" and "verdict_message" when given.
inline void expect_judgement(const control::IacEvaluation& evaluation, const json& expected) {
  const json trails = expected.value("trails", json::object());
  for (const auto& [address, want] : trails.items()) {
    const control::IacFinding* finding = nullptr;
    for (const auto& candidate : evaluation.findings)
      if (candidate.address == address) finding = &candidate;
    if (!want.contains("status") && !want.contains("reasons") && !want.contains("message")) continue;
    ASSERT_NE(finding, nullptr) << "no finding at " << address;
    if (want.contains("status")) {
      EXPECT_EQ(control::to_string(finding->status), want["status"].get<std::string>()) << finding->message;
    }
    for (const auto& code : want.value("reasons", json::array())) {
      bool found = false;
      for (const auto& reason : finding->reasons) found = found || control::to_string(reason.code) == code.get<std::string>();
      EXPECT_TRUE(found) << "no reason " << code << " in: " << finding->message;
    }
    if (want.contains("message")) {
      EXPECT_NE(finding->message.find(want["message"].get<std::string>()), std::string::npos) << finding->message;
    }
  }
  if (expected.contains("verdict")) {
    EXPECT_EQ(control::to_string(evaluation.verdict), expected["verdict"].get<std::string>()) << evaluation.verdict_message;
  }
  if (expected.contains("verdict_message")) {
    EXPECT_NE(evaluation.verdict_message.find(expected["verdict_message"].get<std::string>()), std::string::npos)
        << evaluation.verdict_message;
  }
}

}  // namespace trailguard::sources::fixture_expect
