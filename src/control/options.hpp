// Choices the user makes about how strictly the control is read.
#pragma once

namespace trailguard::control {

// CIS's audit text does not look at excluded event sources; AWS Config and Security Hub fail them.
enum class ExcludedSources { fail, allow };

// scan --prove-delivery: a PASS also needs the covering trail's digest files in the window (control/delivery_judgement).
enum class ProveDelivery { no, yes };

struct EvaluationOptions {
  ExcludedSources excluded_sources = ExcludedSources::fail;
  ProveDelivery prove_delivery = ProveDelivery::no;
};

}  // namespace trailguard::control
