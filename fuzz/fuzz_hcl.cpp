// The HCL2 native-syntax parser (src/sources/terraform/hcl_parser): no input may crash it or recurse without
// bound (deeply nested brackets, templates, blocks), an error names the file, and every node's byte span
// lies inside the source, since the differential test and messages read source text through it.
#include <string>

#include "fuzz_input.hpp"
#include "sources/terraform/hcl_parser.hpp"

namespace {

using trailguard::sources::terraform::Body;
using trailguard::sources::terraform::Expression;
using trailguard::sources::terraform::SourcePos;

bool inside(const SourcePos& pos, std::size_t size) {
  return pos.line >= 1 && pos.column >= 1 && pos.offset <= pos.end_offset && pos.end_offset <= size;
}

// Iterative so that checking a deep tree cannot overflow the stack the parser itself kept bounded.
bool spans_inside(const Body& top, std::size_t size) {
  std::vector<const Body*> bodies{&top};
  std::vector<const Expression*> expressions;
  while (!bodies.empty()) {
    const Body* body = bodies.back();
    bodies.pop_back();
    for (const auto& attribute : body->attributes) expressions.push_back(&attribute.value);
    for (const auto& block : body->blocks) {
      if (block.body.size() != 1 || !inside(block.pos, size)) return false;
      bodies.push_back(&block.content());
    }
  }
  while (!expressions.empty()) {
    const Expression* e = expressions.back();
    expressions.pop_back();
    if (!inside(e->pos, size)) return false;
    for (const auto& operand : e->operands) expressions.push_back(&operand);
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace trailguard;
  const auto input = fuzz::split(data, size);
  // The selector picks the file's name: .tfvars files go through the same parser.
  const std::string path = input.selector % 2 ? "fuzz.tfvars" : "fuzz.tf";
  const std::string source(input.document);
  const auto parsed = sources::terraform::parse_hcl(path, source);
  if (parsed) {
    if (parsed->source != source || !spans_inside(parsed->body, source.size())) __builtin_trap();
  } else if (parsed.error().describe().rfind(path + ":", 0) != 0) {
    __builtin_trap();  // "<path>:<line>:<col>: ..." as hcl_parser.hpp promises
  }
  return 0;
}
