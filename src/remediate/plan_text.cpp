#include "remediate/plan_text.hpp"

#include <fmt/format.h>

namespace trailguard::remediate {

void write_plan_text(std::ostream& out, const Plan& plan) {
  for (const auto& account : plan.accounts) {
    out << fmt::format("Account {} ({}, home region {}): ", account.account_id, account.partition, account.home_region);
    if (account.approach == Approach::blocked)
      out << "cannot plan safely\n";
    else if (account.steps.empty())
      out << "nothing to do\n";
    else
      out << fmt::format("{} step(s)\n", account.steps.size());
    if (!account.summary.empty()) out << "  " << account.summary << "\n";
    for (const auto& blocker : account.blockers) out << "  blocked: " << blocker << "\n";
    for (const auto& warning : account.warnings) out << "  warning: " << warning << "\n";
    for (std::size_t i = 0; i < account.steps.size(); ++i) {
      const Step& step = account.steps[i];
      out << fmt::format("\n  {}. {}\n     why: {}\n", i + 1, describe(step), step.reason);
      for (const auto& line : step.cli) out << "     $ " << line << "\n";
    }
  }
}

}  // namespace trailguard::remediate
