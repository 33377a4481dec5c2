#include "cli/command.hpp"

#include <algorithm>
#include <numeric>

namespace trailguard::cli {
namespace {
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}
}  // namespace

const std::vector<Command>& all_commands() {
  static const std::vector<Command> commands = {scan_command(), fix_command(), collect_command(), evidence_script_command(), control_command(), iam_policy_command(), logs_command(), iac_command()};
  return commands;
}

std::string closest_command(const std::string& typed) {
  std::string best;
  std::size_t best_distance = 3;
  for (const auto& command : all_commands()) {
    const auto d = edit_distance(typed, command.name);
    if (d < best_distance) {
      best = command.name;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace trailguard::cli
