// The human report: one table row per region, then the account verdicts and a summary line.
#pragma once

#include <ostream>

#include "report/report.hpp"

namespace trailguard::report {

enum class Color { off, on };

void write_text(const Report& report, std::ostream& out, Color color);

}  // namespace trailguard::report
