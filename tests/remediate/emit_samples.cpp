// Writes what each emitter makes of every sample situation into a directory, for the checks that need outside
// tools (tests/remediate/check_emitted_iac.py: cfn-lint, the HCL parser, terraform fmt):
//   <situation>.tf, <situation>.cfn.json, or <situation>.cfn.refused holding the refusal's message.
// Usage: emit_samples DIR
#include <filesystem>
#include <fstream>
#include <iostream>

#include "remediate/emit_cloudformation.hpp"
#include "remediate/emit_terraform.hpp"
#include "sample_plans.hpp"

namespace {

bool write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: emit_samples DIR\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  std::filesystem::create_directories(dir);
  int failures = 0;
  for (const auto& s : trailguard::test_support::sample_situations()) {
    const auto terraform = trailguard::remediate::emit_terraform(s.plan, s.context);
    if (!terraform) {
      std::cerr << s.name << ": terraform refused: " << terraform.error().describe() << "\n";
      ++failures;
    } else if (!write(dir / (s.name + ".tf"), *terraform)) {
      ++failures;
    }
    const auto template_json = trailguard::remediate::emit_cloudformation(s.plan, s.context);
    if (template_json.ok() == s.cloudformation_refuses) {
      std::cerr << s.name << ": cloudformation " << (template_json ? "emitted a template it should refuse" : "refused: " + template_json.error().describe()) << "\n";
      ++failures;
    }
    const bool written = template_json ? write(dir / (s.name + ".cfn.json"), *template_json)
                                       : write(dir / (s.name + ".cfn.refused"), template_json.error().describe() + "\n");
    failures += written ? 0 : 1;
  }
  return failures == 0 ? 0 : 1;
}
