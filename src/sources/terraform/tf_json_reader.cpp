// The schema walk follows HashiCorp's JSON body decoding (hcl/json/structure.go): a label level or a body
// may be one object or an array of objects whose properties are taken in order; a null block is no block.
#include "sources/terraform/tf_json_reader.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

#include "sources/terraform/hcl_parser.hpp"
#include "sources/terraform/hcl_parser_state.hpp"
#include "sources/terraform/positioned_json.hpp"

namespace trailguard::sources::terraform {

namespace {

using hcl_detail::make_node;
using Kind = JsonNode::Kind;

// What a body's properties are: which are blocks, and how its strings are read.
enum class BodyKind { root, resource, dynamic, lifecycle, provisioner, variable, module, output, terraform, plain };

// How a JSON string becomes an expression.
enum class StringMode { template_text, expression, literal };

struct BlockSchema {
  std::string_view type;
  std::vector<std::string_view> labels;  // what each label level names, for messages
  BodyKind body;
};

const std::vector<BlockSchema>& nested_blocks(BodyKind kind) {
  static const std::vector<BlockSchema> root = {
      {"resource", {"type", "name"}, BodyKind::resource}, {"data", {"type", "name"}, BodyKind::resource},
      {"module", {"name"}, BodyKind::module},             {"variable", {"name"}, BodyKind::variable},
      {"output", {"name"}, BodyKind::output},             {"provider", {"name"}, BodyKind::plain},
      {"locals", {}, BodyKind::plain},                    {"terraform", {}, BodyKind::terraform},
  };
  static const std::vector<BlockSchema> resource = {
      {"event_selector", {}, BodyKind::resource},  {"data_resource", {}, BodyKind::resource},
      {"advanced_event_selector", {}, BodyKind::resource}, {"field_selector", {}, BodyKind::resource},
      {"insight_selector", {}, BodyKind::resource}, {"lifecycle", {}, BodyKind::lifecycle},
      {"dynamic", {"type"}, BodyKind::dynamic},     {"provisioner", {"type"}, BodyKind::provisioner},
      {"connection", {}, BodyKind::plain},
  };
  static const std::vector<BlockSchema> dynamic = {{"content", {}, BodyKind::resource}};
  static const std::vector<BlockSchema> provisioner = {{"connection", {}, BodyKind::plain}};
  static const std::vector<BlockSchema> none;
  switch (kind) {
    case BodyKind::root: return root;
    case BodyKind::resource: return resource;
    case BodyKind::dynamic: return dynamic;
    case BodyKind::provisioner: return provisioner;
    default: return none;
  }
}

StringMode attribute_mode(BodyKind body, const std::string& name) {
  if (body == BodyKind::terraform) return StringMode::literal;
  if (body == BodyKind::variable) {
    if (name == "type") return StringMode::expression;
    if (name == "default") return StringMode::literal;
  }
  if (body == BodyKind::module && (name == "source" || name == "version")) return StringMode::literal;
  if (body == BodyKind::lifecycle && (name == "ignore_changes" || name == "replace_triggered_by")) return StringMode::expression;
  if (name == "depends_on" && (body == BodyKind::resource || body == BodyKind::module || body == BodyKind::output))
    return StringMode::expression;
  if (name == "provider" && body == BodyKind::resource) return StringMode::expression;
  return StringMode::template_text;
}

// A failure with its message already made.
struct Failure {
  Error error;
};

// "<path>:<line>:<col>: message" → "message".
std::string without_place(const std::string& message, std::string_view path) {
  const auto colon = message.find(": ", std::min(path.size(), message.size()));
  return colon == std::string::npos ? message : message.substr(colon + 2);
}

std::string describe(const JsonNode& node) {
  switch (node.kind) {
    case Kind::null: return "null";
    case Kind::boolean: return "a bool";
    case Kind::number: return "a number";
    case Kind::string: return "a string";
    case Kind::array: return "an array";
    case Kind::object: return "an object";
  }
  return "a value";
}

bool is_block_value(const JsonNode& node) {
  if (node.kind == Kind::null || node.kind == Kind::object) return true;
  if (node.kind != Kind::array) return false;
  return std::all_of(node.items.begin(), node.items.end(), [](const JsonNode& item) { return item.kind == Kind::object; });
}

class Reader {
 public:
  explicit Reader(std::string_view path) : path_(path) {}

  Body root(const JsonNode& document) {
    Body body;
    read_body(document, BodyKind::root, body);
    return body;
  }

 private:
  [[noreturn]] void fail(const SourcePos& at, const std::string& message) const {
    throw Failure{hcl_detail::syntax_error(path_, {at.line, at.column, message})};
  }

  // A body or a label level: one object, or an array of objects, their members in order. "//" is a comment.
  std::vector<const JsonMember*> members(const JsonNode& node, const std::string& what) const {
    std::vector<const JsonMember*> found;
    const auto take = [&](const JsonNode& object) {
      for (const auto& member : object.members)
        if (member.key.text != "//") found.push_back(&member);
    };
    if (node.kind == Kind::object) {
      take(node);
    } else if (node.kind == Kind::array) {
      for (const auto& item : node.items) {
        if (item.kind != Kind::object) fail(item.pos, "expected a JSON object here, " + what + ", found " + describe(item));
        take(item);
      }
    } else if (node.kind != Kind::null) {
      fail(node.pos, "expected a JSON object or an array of objects here, " + what + ", found " + describe(node));
    }
    return found;
  }

  void read_body(const JsonNode& node, BodyKind kind, Body& body) {
    const auto& blocks = nested_blocks(kind);
    for (const JsonMember* member : members(node, "setting the block's arguments and blocks")) {
      const std::string& name = member->key.text;
      const auto schema = std::find_if(blocks.begin(), blocks.end(), [&](const BlockSchema& s) { return s.type == name; });
      if (schema != blocks.end() && (kind == BodyKind::root || is_block_value(member->value))) {
        std::vector<std::string> labels;
        unpack_block(member->value, *schema, member->key.pos, labels, body.blocks);
        continue;
      }
      if (kind == BodyKind::root && is_block_value(member->value)) {  // a block type trailguard does not read
        std::vector<std::string> labels;
        unpack_block(member->value, {member->key.text, {}, BodyKind::plain}, member->key.pos, labels, body.blocks);
        continue;
      }
      for (const auto& existing : body.attributes)
        if (existing.name == name)
          fail(member->key.pos, "attribute \"" + name + "\" is already set at line " + std::to_string(existing.pos.line));
      Attribute attribute;
      attribute.name = name;
      attribute.value = expression(member->value, attribute_mode(kind, name));
      attribute.pos = member->key.pos;
      attribute.pos.end_offset = member->value.pos.end_offset;
      body.attributes.push_back(std::move(attribute));
    }
  }

  // `labels` holds the labels read so far; `at` is where the block begins (its type, then its last label).
  void unpack_block(const JsonNode& node, const BlockSchema& schema, SourcePos at, std::vector<std::string>& labels,
                    std::vector<Block>& out) {
    if (labels.size() < schema.labels.size()) {
      const std::string label_name = std::string(schema.type) + " block's " + std::string(schema.labels[labels.size()]);
      const auto named = members(node, "naming the " + label_name);
      if (named.empty() && node.kind != Kind::null)
        fail(node.pos, "expected a property naming the " + label_name + ", found none");
      for (const JsonMember* member : named) {
        labels.push_back(member->key.text);
        unpack_block(member->value, schema, member->key.pos, labels, out);
        labels.pop_back();
      }
      return;
    }
    const auto add = [&](const JsonNode& content, SourcePos pos) {
      Block block;
      block.type = std::string(schema.type);
      block.labels = labels;
      pos.end_offset = content.pos.end_offset;
      block.pos = pos;
      block.body.emplace_back();
      read_body(content, schema.body, block.body.front());
      out.push_back(std::move(block));
    };
    const std::string what = "the contents of a \"" + std::string(schema.type) + "\" block";
    if (node.kind == Kind::object) {
      add(node, at);
    } else if (node.kind == Kind::array) {
      for (const auto& item : node.items) {
        if (item.kind != Kind::object) fail(item.pos, "expected a JSON object here, " + what + ", found " + describe(item));
        add(item, item.pos);
      }
    } else if (node.kind != Kind::null) {
      fail(node.pos, "expected a JSON object or an array of objects here, " + what + ", found " + describe(node));
    }
  }

  Expression expression(const JsonNode& node, StringMode mode) {
    switch (node.kind) {
      case Kind::null: return make_node(ExprKind::literal_null, node.pos);
      case Kind::boolean: {
        Expression e = make_node(ExprKind::literal_bool, node.pos, node.boolean ? "true" : "false");
        e.boolean = node.boolean;
        return e;
      }
      case Kind::number: {
        Expression e = make_node(ExprKind::literal_number, node.pos, node.text);
        e.number = node.number;
        return e;
      }
      case Kind::string: return string_expression(node, mode);
      case Kind::array: {
        Expression e = make_node(ExprKind::tuple, node.pos);
        for (const auto& item : node.items) e.operands.push_back(expression(item, mode));
        return e;
      }
      case Kind::object: {
        Expression e = make_node(ExprKind::object, node.pos);
        for (const auto& member : node.members) {
          // Keys are templates as values are (HashiCorp's decoder), so "${var.name}" may name a key.
          e.operands.push_back(string_expression(member.key, mode == StringMode::template_text ? mode : StringMode::literal));
          e.operands.push_back(expression(member.value, mode));
        }
        return e;
      }
    }
    return make_node(ExprKind::literal_null, node.pos);
  }

  Expression string_expression(const JsonNode& node, StringMode mode) {
    // The characters between the quotes.
    const SourcePos content{node.pos.line, node.pos.column + 1, node.pos.offset + 1, node.pos.end_offset - 1};
    if (mode == StringMode::literal) {
      Expression e = make_node(ExprKind::template_string, node.pos);
      if (!node.text.empty()) e.operands.push_back(make_node(ExprKind::literal_string, content, node.text));
      if (!node.verbatim) collapse(e, node.pos);
      return e;
    }
    auto parsed = mode == StringMode::expression ? parse_expression_text(path_, node.text, content)
                                                 : parse_template_text(path_, node.text, content);
    if (!parsed) {
      if (node.verbatim) throw Failure{parsed.error()};
      fail(content, without_place(parsed.error().message, path_));
    }
    if (!node.verbatim) collapse(parsed.value(), content);
    return std::move(parsed.value());
  }

  // Decoding escapes moved the template's characters: every part is put at the string's start, with no
  // span, so expression text is the node's own rather than wrong bytes of the file.
  static void collapse(Expression& root, const SourcePos& at) {
    std::vector<Expression*> pending{&root};
    while (!pending.empty()) {
      Expression* e = pending.back();
      pending.pop_back();
      e->pos = {at.line, at.column, at.offset, at.offset};
      for (auto& operand : e->operands) pending.push_back(&operand);
    }
  }

  std::string_view path_;
};

}  // namespace

Result<HclFile> parse_tf_json(std::string path, std::string source) {
  HclFile file;
  file.path = std::move(path);
  file.source = std::move(source);
  auto document = parse_positioned_json(file.path, file.source);
  if (!document) return document.error();
  try {
    if (document->kind != Kind::object)
      return hcl_detail::syntax_error(file.path, {document->pos.line, document->pos.column,
                                                  "expected a JSON object of block types, found " + describe(*document)});
    file.body = Reader(file.path).root(*document);
  } catch (const Failure& failure) {
    return failure.error;
  } catch (const std::exception& error) {
    return make_error(ErrorKind::malformed_input, {}, file.path + ":1:1: " + error.what());
  }
  return file;
}

}  // namespace trailguard::sources::terraform
