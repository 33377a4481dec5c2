// iac_report_sample FORMAT: the hand-built `trailguard iac` result of iac_sample_evaluation.hpp (every status,
// a problem, files inside and outside the base directory, markup in its strings) written as text, json, sarif
// or junit, for test_iac_reports.py to validate with the real consumers' schemas.
#include <cstdio>
#include <iostream>
#include <string>

#include "iac_sample_evaluation.hpp"
#include "report/iac_report.hpp"

int main(int argc, char** argv) {
  using namespace trailguard::report;
  const std::string format = argc == 2 ? argv[1] : "";
  const auto evaluation = iac_sample::evaluation();
  const auto options = iac_sample::options();
  if (format == "text") write_iac_text(std::cout, evaluation, options);
  else if (format == "json") write_iac_json(std::cout, evaluation, options);
  else if (format == "sarif") write_iac_sarif(std::cout, evaluation, options);
  else if (format == "junit") write_iac_junit(std::cout, evaluation, options);
  else {
    std::fprintf(stderr, "usage: iac_report_sample text|json|sarif|junit\n");
    return 2;
  }
  return 0;
}
