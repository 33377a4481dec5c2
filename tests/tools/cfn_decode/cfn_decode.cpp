// Test-only: prints a template as our loader decodes it (short forms expanded to long form, scalars typed as
// YAML 1.1 types them) as JSON, for cfn_differential.py to compare with cfn-lint's decoder.
// Exit 2 with the message on stderr when the template is malformed.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sources/cloudformation/cfn_template_loader.hpp"

namespace {

using trailguard::sources::cloudformation::CfnNode;

// A YAML 1.1 integer ("0x1F", "017" octal, "0b101", "1_000"); the text itself when out of range.
nlohmann::json integer_of(std::string text) {
  std::string digits;
  for (const char c : text)
    if (c != '_') digits += c;
  int sign = 1;
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) {
    if (digits[0] == '-') sign = -1;
    digits.erase(0, 1);
  }
  int base = 10;
  if (digits.rfind("0x", 0) == 0) base = 16, digits.erase(0, 2);
  else if (digits.rfind("0b", 0) == 0) base = 2, digits.erase(0, 2);
  else if (digits.size() > 1 && digits[0] == '0') base = 8, digits.erase(0, 1);
  if (digits.find(':') != std::string::npos) return text;  // sexagesimal: not worth it
  errno = 0;
  const auto value = std::strtoll(digits.c_str(), nullptr, base);
  if (errno) return text;
  return sign * value;
}

nlohmann::json to_json(const CfnNode& node) {
  switch (node.kind) {
    case CfnNode::Kind::null: return nullptr;
    case CfnNode::Kind::boolean: return node.boolean;
    case CfnNode::Kind::integer: return integer_of(node.text);
    case CfnNode::Kind::real: {
      std::string digits;
      for (const char c : node.text)
        if (c != '_') digits += c;
      return std::strtod(digits.c_str(), nullptr);
    }
    case CfnNode::Kind::string: return node.text;
    case CfnNode::Kind::list: {
      auto out = nlohmann::json::array();
      for (const auto& item : node.items) out.push_back(to_json(item));
      return out;
    }
    case CfnNode::Kind::map: {
      auto out = nlohmann::json::object();
      for (const auto& entry : node.entries) out[entry.key] = to_json(entry.value);
      return out;
    }
  }
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: cfn_decode TEMPLATE\n";
    return 64;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto loaded = trailguard::sources::cloudformation::load_template(buffer.str());
  if (const auto* failure = std::get_if<trailguard::sources::cloudformation::LoadFailure>(&loaded)) {
    std::cerr << argv[1] << ":" << failure->mark.line << ":" << failure->mark.column << ": " << failure->message << "\n";
    return 2;
  }
  std::cout << to_json(std::get<CfnNode>(loaded)).dump(1) << "\n";
  return 0;
}
