// The human report. Per account, regions that share a status and reasons are one line ("16 regions FAIL
// no_trail: ap-northeast-1, ...") with their message said once; TextLayout::details gives one row per
// region instead, and TextLayout::accounts (scan --org) one line per account, worst first. Then the
// problems and a summary line.
#pragma once

#include <ostream>

#include "report/report.hpp"

namespace trailguard::report {

enum class Color { off, on };
enum class TextLayout { grouped, details, accounts };

void write_text(const Report& report, std::ostream& out, Color color, TextLayout layout = TextLayout::grouped);

}  // namespace trailguard::report
