// Choices the user makes about how strictly the control is read.
#pragma once

namespace trailguard::control {

// CIS's audit text does not look at excluded event sources; AWS Config and Security Hub fail them.
enum class ExcludedSources { fail, allow };

struct EvaluationOptions {
  ExcludedSources excluded_sources = ExcludedSources::fail;
};

}  // namespace trailguard::control
