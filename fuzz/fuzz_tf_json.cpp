// Terraform's JSON syntax (positioned_json, tf_json_reader) and the template parser's whole-text entry point:
// no input may crash or throw, and every place in a tree read must lie inside the file, so messages and
// expression text never point past it.
#include <string>
#include <vector>

#include "fuzz_input.hpp"
#include "sources/terraform/hcl_parser.hpp"
#include "sources/terraform/tf_json_reader.hpp"

namespace {

using namespace trailguard::sources::terraform;

bool inside(const SourcePos& pos, std::size_t size) {
  return pos.line >= 1 && pos.column >= 1 && pos.offset <= pos.end_offset && pos.end_offset <= size;
}

bool expression_inside(const Expression& root, std::size_t size) {
  std::vector<const Expression*> pending{&root};
  while (!pending.empty()) {
    const Expression* e = pending.back();
    pending.pop_back();
    if (!inside(e->pos, size)) return false;
    for (const auto& operand : e->operands) pending.push_back(&operand);
  }
  return true;
}

bool body_inside(const Body& body, std::size_t size) {
  for (const auto& attribute : body.attributes)
    if (!inside(attribute.pos, size) || !expression_inside(attribute.value, size)) return false;
  for (const auto& block : body.blocks) {
    if (!inside(block.pos, size) || block.body.size() != 1 || !body_inside(block.content(), size)) return false;
    if ((block.type == "resource" || block.type == "data") && block.labels.size() != 2) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = trailguard::fuzz::split(data, size);
  const std::string document(input.document);
  if (input.selector % 2 == 0) {
    const auto file = parse_tf_json("fuzz.tf.json", document);
    if (file && !body_inside(file->body, document.size())) __builtin_trap();
  } else {
    const SourcePos origin{2, 3, 4, 0};
    const auto e = parse_template_text("fuzz.tf.json", document, origin);
    if (e && !expression_inside(*e, document.size() + origin.offset)) __builtin_trap();
  }
  return 0;
}
