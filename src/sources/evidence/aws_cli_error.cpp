#include "sources/evidence/aws_cli_error.hpp"

#include <regex>

namespace trailguard::sources::evidence {

model::ReadError parse_aws_cli_error(std::string_view text, std::string api, std::string region) {
  static const std::regex kPattern(R"(An error occurred \(([^)]+)\) when calling the (\w+) operation(?: \([^)]*\))?: ?([^\n]*))");
  model::ReadError error{std::move(api), std::move(region), "", ""};
  const std::string body(text);
  std::smatch match;
  if (std::regex_search(body, match, kPattern)) {
    error.code = match[1];
    error.api = match[2];
    error.message = match[3];
    return error;
  }
  // Not the CLI's usual form (a network error, a Python trace): keep the last non-empty line.
  std::string last;
  std::size_t start = 0;
  while (start < body.size()) {
    auto end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    auto line = body.substr(start, end - start);
    if (line.find_first_not_of(" \t\r") != std::string::npos) last = line;
    start = end + 1;
  }
  error.code = "CliError";
  error.message = last.empty() ? "the call failed (the saved error is empty)" : last;
  return error;
}

}  // namespace trailguard::sources::evidence
