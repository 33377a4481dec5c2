#include "base/redact.hpp"

#include <regex>
#include <vector>

namespace trailguard {
namespace {

struct Rule {
  std::regex pattern;
  std::string replacement;
};

const std::vector<Rule>& rules() {
  // Order matters: whole headers first, so their parts are not matched again below.
  static const std::vector<Rule> kRules = [] {
    const auto icase = std::regex::ECMAScript | std::regex::icase;
    std::vector<Rule> r;
    r.push_back({std::regex(R"re((Signature=)[0-9a-f]{16,})re", icase), "$1<redacted>"});
    r.push_back({std::regex(R"re((X-Amz-Signature=)[0-9a-fA-F]+)re", icase), "$1<redacted>"});
    r.push_back({std::regex(R"re((X-Amz-Security-Token[=:]\s*)[^\s&"',]+)re", icase), "$1<redacted>"});
    r.push_back({std::regex(R"re(("?(?:aws_)?(?:secret_?access_?key|session_?token|SecretAccessKey|SessionToken|Token)"?\s*[=:]\s*"?)[^\s"',}]+)re",
                            icase),
                 "$1<redacted>"});
    // Access key ids: keep the prefix (AKIA/ASIA) so people can tell which kind it was.
    r.push_back({std::regex(R"re(\b((?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{4})[A-Z0-9]{8,}\b)re"), "$1<redacted>"});
    return r;
  }();
  return kRules;
}

}  // namespace

std::string redact_secrets(std::string_view text) {
  std::string out(text);
  for (const auto& rule : rules()) out = std::regex_replace(out, rule.pattern, rule.replacement);
  return out;
}

}  // namespace trailguard
