// The report formats by name (-o NAME): one table, so the CLI, its --out-dir file names and the tests
// agree on what exists. Each writer takes the Report and a stream, nothing else.
#pragma once

#include <ostream>
#include <span>
#include <string_view>

#include "report/report.hpp"

namespace trailguard::report {

struct Format {
  std::string_view name;       // -o NAME
  std::string_view file_name;  // its file in --out-dir
  void (*write)(const Report& report, std::ostream& out);  // text without colour: the CLI colours a terminal
};

std::span<const Format> formats();
const Format* find_format(std::string_view name);  // nullptr: no such format

}  // namespace trailguard::report
