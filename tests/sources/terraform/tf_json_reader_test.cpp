// Terraform's JSON syntax on its own: the blocks, labels and attributes Terraform's schema makes of each
// property, the expressions strings become, the places recorded, and the errors. (What the trees evaluate
// to, beside native files and in modules, is the tf_json_* fixtures' job.)
#include <gtest/gtest.h>

#include "sources/terraform/hcl_parser.hpp"
#include "sources/terraform/tf_json_reader.hpp"

namespace trailguard::sources::terraform {
namespace {

HclFile read_ok(const std::string& source) {
  auto parsed = parse_tf_json("t.tf.json", source);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message);
  return parsed.ok() ? std::move(parsed.value()) : HclFile{};
}

std::string read_error(const std::string& source) {
  auto parsed = parse_tf_json("t.tf.json", source);
  EXPECT_FALSE(parsed.ok()) << "read: " << source;
  if (parsed.ok()) return "";
  EXPECT_EQ(parsed.error().kind, ErrorKind::malformed_input);
  return parsed.error().message;
}

std::string text_of(const HclFile& file, const SourcePos& pos) {
  return file.source.substr(pos.offset, pos.end_offset - pos.offset);
}

const Attribute& attribute(const Body& body, const std::string& name) {
  for (const auto& a : body.attributes)
    if (a.name == name) return a;
  ADD_FAILURE() << "no attribute " << name;
  static const Attribute none;
  return none;
}

const std::string kTrail = R"json({
  "resource": {
    "aws_cloudtrail": {
      "main": {
        "name": "x-${var.y}",
        "is_multi_region_trail": true,
        "event_selector": [
          {"read_write_type": "All"},
          {"read_write_type": "ReadOnly", "data_resource": {"type": "AWS::S3::Object"}}
        ]
      }
    }
  }
}
)json";

TEST(TfJsonReader, ResourceLabelsNestedBlocksAndPlaces) {
  const HclFile file = read_ok(kTrail);
  ASSERT_EQ(file.body.blocks.size(), 1u);
  const Block& block = file.body.blocks[0];
  EXPECT_EQ(block.type, "resource");
  EXPECT_EQ(block.labels, (std::vector<std::string>{"aws_cloudtrail", "main"}));
  EXPECT_EQ(block.pos.line, 4u);  // the name's key: where a .tf would have the block
  EXPECT_EQ(block.pos.column, 7u);
  const Attribute& name = attribute(block.content(), "name");
  EXPECT_EQ(name.pos.line, 5u);
  EXPECT_EQ(name.pos.column, 9u);
  ASSERT_EQ(name.value.kind, ExprKind::template_string);
  ASSERT_EQ(name.value.operands.size(), 2u);
  EXPECT_EQ(name.value.operands[0].kind, ExprKind::literal_string);
  EXPECT_EQ(name.value.operands[0].text, "x-");
  EXPECT_EQ(text_of(file, name.value.operands[0].pos), "x-");
  EXPECT_EQ(name.value.operands[1].kind, ExprKind::get_attr);
  EXPECT_EQ(text_of(file, name.value.operands[1].pos), "var.y");
  EXPECT_EQ(name.value.operands[1].pos.line, 5u);
  EXPECT_EQ(name.value.operands[1].pos.column, 22u);
  EXPECT_EQ(attribute(block.content(), "is_multi_region_trail").value.kind, ExprKind::literal_bool);

  ASSERT_EQ(block.content().blocks.size(), 2u);  // an array of objects: repeated blocks
  EXPECT_EQ(block.content().blocks[0].type, "event_selector");
  EXPECT_EQ(block.content().blocks[0].pos.line, 8u);
  EXPECT_EQ(block.content().blocks[1].pos.line, 9u);
  ASSERT_EQ(block.content().blocks[1].content().blocks.size(), 1u);
  EXPECT_EQ(block.content().blocks[1].content().blocks[0].type, "data_resource");
  EXPECT_EQ(block.content().attributes.size(), 2u);
}

TEST(TfJsonReader, TopLevelBlockTypesTakeTheirLabels) {
  const HclFile file = read_ok(R"json({
    "variable": {"a": {"default": 1}, "b": {}},
    "module": {"m": {"source": "./m", "x": "${var.a}"}},
    "output": {"o": {"value": "${module.m.y}"}},
    "provider": {"aws": [{"region": "eu-west-1"}, {"alias": "us", "region": "us-east-1"}]},
    "locals": [{"l1": 1}, {"l2": 2}],
    "terraform": {"required_version": ">= 1.5"},
    "data": {"aws_region": {"current": {}}}
  })json");
  std::vector<std::pair<std::string, std::vector<std::string>>> seen;
  for (const auto& block : file.body.blocks) seen.emplace_back(block.type, block.labels);
  const std::vector<std::pair<std::string, std::vector<std::string>>> expected = {
      {"variable", {"a"}}, {"variable", {"b"}}, {"module", {"m"}},  {"output", {"o"}},
      {"provider", {"aws"}}, {"provider", {"aws"}}, {"locals", {}}, {"locals", {}},
      {"terraform", {}},   {"data", {"aws_region", "current"}}};
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(attribute(file.body.blocks[5].content(), "alias").value.operands.at(0).text, "us");
  EXPECT_EQ(attribute(file.body.blocks[7].content(), "l2").value.text, "2");
}

TEST(TfJsonReader, LabelLevelsMayBeArraysAndNullIsNoBlock) {
  const HclFile file = read_ok(R"json({
    "resource": [{"aws_cloudtrail": {"a": {}}}, {"aws_cloudtrail": [{"b": {}}, {"c": null}]}],
    "locals": null
  })json");
  ASSERT_EQ(file.body.blocks.size(), 2u);
  EXPECT_EQ(file.body.blocks[0].labels.at(1), "a");
  EXPECT_EQ(file.body.blocks[1].labels.at(1), "b");
}

TEST(TfJsonReader, CommentPropertiesAreIgnoredInBodiesButNotInValues) {
  const HclFile file = read_ok(R"json({
    "//": "generated",
    "resource": {"aws_cloudtrail": {"main": {"//": "why", "tags": {"//": "kept"}}}}
  })json");
  ASSERT_EQ(file.body.blocks.size(), 1u);
  const Body& body = file.body.blocks[0].content();
  ASSERT_EQ(body.attributes.size(), 1u);
  EXPECT_EQ(body.attributes[0].name, "tags");
  ASSERT_EQ(body.attributes[0].value.kind, ExprKind::object);
  EXPECT_EQ(body.attributes[0].value.operands.size(), 2u);
}

TEST(TfJsonReader, ValuesBecomeExpressions) {
  const HclFile file = read_ok(R"json({"locals": {
    "n": -1.5e3, "t": true, "z": null, "list": [1, "a", [false]],
    "obj": {"${var.k}": "v", "plain": 2},
    "escaped": "$${not} %%{this}", "backslash": "a\\b", "directive": "%{ if var.x }y%{ endif }"
  }})json");
  const Body& locals = file.body.blocks.at(0).content();
  const Expression& n = attribute(locals, "n").value;
  EXPECT_EQ(n.kind, ExprKind::literal_number);
  EXPECT_EQ(n.text, "-1.5e3");
  EXPECT_EQ(n.number, -1500);
  EXPECT_EQ(attribute(locals, "t").value.boolean, true);
  EXPECT_EQ(attribute(locals, "z").value.kind, ExprKind::literal_null);
  const Expression& list = attribute(locals, "list").value;
  ASSERT_EQ(list.kind, ExprKind::tuple);
  ASSERT_EQ(list.operands.size(), 3u);
  EXPECT_EQ(list.operands[1].kind, ExprKind::template_string);
  EXPECT_EQ(list.operands[2].operands.at(0).kind, ExprKind::literal_bool);
  const Expression& obj = attribute(locals, "obj").value;
  ASSERT_EQ(obj.kind, ExprKind::object);
  ASSERT_EQ(obj.operands.size(), 4u);
  EXPECT_EQ(obj.operands[0].operands.at(0).kind, ExprKind::get_attr);  // a key is a template too
  EXPECT_EQ(attribute(locals, "escaped").value.operands.at(0).text, "${not} %{this}");
  EXPECT_EQ(attribute(locals, "backslash").value.operands.at(0).text, "a\\b");  // JSON decoded it; HCL does not again
  EXPECT_EQ(attribute(locals, "directive").value.operands.at(0).kind, ExprKind::template_if);
}

TEST(TfJsonReader, SomeStringsAreExpressionsAndSomeLiteral) {
  const HclFile file = read_ok(R"json({
    "variable": {"v": {"type": "list(string)", "default": "${not.a.template}"}},
    "module": {"m": {"source": "./m${x}", "depends_on": ["aws_s3_bucket.b"]}},
    "resource": {"aws_cloudtrail": {"t": {"provider": "aws.west", "lifecycle": {"ignore_changes": ["tags", "name"]}}}},
    "terraform": {"required_version": "${x}"}
  })json");
  const Body& variable = file.body.blocks.at(0).content();
  EXPECT_EQ(attribute(variable, "type").value.kind, ExprKind::function_call);
  EXPECT_EQ(attribute(variable, "default").value.operands.at(0).text, "${not.a.template}");
  EXPECT_EQ(attribute(variable, "default").value.operands.at(0).kind, ExprKind::literal_string);
  const Body& module = file.body.blocks.at(1).content();
  EXPECT_EQ(attribute(module, "source").value.operands.at(0).text, "./m${x}");
  EXPECT_EQ(attribute(module, "depends_on").value.operands.at(0).kind, ExprKind::get_attr);
  const Body& resource = file.body.blocks.at(2).content();
  EXPECT_EQ(attribute(resource, "provider").value.kind, ExprKind::get_attr);
  const Body& lifecycle = resource.blocks.at(0).content();
  const Expression& ignored = attribute(lifecycle, "ignore_changes").value;
  ASSERT_EQ(ignored.operands.size(), 2u);
  EXPECT_EQ(ignored.operands[0].kind, ExprKind::variable);
  EXPECT_EQ(ignored.operands[0].text, "tags");
  EXPECT_EQ(attribute(file.body.blocks.at(3).content(), "required_version").value.operands.at(0).kind, ExprKind::literal_string);
}

TEST(TfJsonReader, DynamicBlocksAndNonBlockValuesOfBlockNames) {
  const HclFile file = read_ok(R"json({"resource": {"aws_cloudtrail": {"t": {
    "dynamic": {"event_selector": {"for_each": "${var.s}", "iterator": "s", "content": {"read_write_type": "${s.value}"}}},
    "insight_selector": "not a block"
  }}}})json");
  const Body& body = file.body.blocks.at(0).content();
  ASSERT_EQ(body.blocks.size(), 1u);
  const Block& dynamic = body.blocks[0];
  EXPECT_EQ(dynamic.type, "dynamic");
  EXPECT_EQ(dynamic.labels, std::vector<std::string>{"event_selector"});
  ASSERT_EQ(dynamic.content().blocks.size(), 1u);
  EXPECT_EQ(dynamic.content().blocks[0].type, "content");
  EXPECT_EQ(attribute(body, "insight_selector").value.kind, ExprKind::template_string);
}

TEST(TfJsonReader, StringsWithEscapesKeepTheLineOfTheString) {
  const HclFile file = read_ok("{\"locals\": {\n  \"a\": \"\\u0041\\n${var.x}\"\n}}");
  const Expression& a = attribute(file.body.blocks.at(0).content(), "a").value;
  ASSERT_EQ(a.operands.size(), 2u);
  EXPECT_EQ(a.operands[0].text, "A\n");
  for (const auto& part : a.operands) {
    EXPECT_EQ(part.pos.line, 2u);
    EXPECT_EQ(part.pos.column, 9u);
    EXPECT_EQ(part.pos.end_offset, part.pos.offset);  // no span: the decoded text is not the file's
  }
}

TEST(TfJsonReader, ByteOrderMarkAndColumnsInCharacters) {
  const HclFile file = read_ok("\xEF\xBB\xBF{\"locals\": {\"\xC3\xA9\": 1, \"b\": 2}}");
  const Body& locals = file.body.blocks.at(0).content();
  EXPECT_EQ(attribute(locals, "b").pos.column, 21u);
}

TEST(TfJsonReader, MalformedJsonNamesFileLineAndColumn) {
  EXPECT_EQ(read_error("{\n  \"a\": ,\n}").rfind("t.tf.json:2:8: ", 0), 0u) << read_error("{\n  \"a\": ,\n}");
  EXPECT_EQ(read_error("").rfind("t.tf.json:1:1: ", 0), 0u);
  EXPECT_NE(read_error("{\"a\": 1} x").find("t.tf.json:1:10: "), std::string::npos);
  EXPECT_NE(read_error("{\"a\": \"\xFF\"}").find("t.tf.json:1:"), std::string::npos);  // not UTF-8
  EXPECT_NE(read_error("{\"locals\": {\"a\": 1e99999}}").find("t.tf.json:1:"), std::string::npos);
  EXPECT_EQ(read_error("{\"a\": 1,}").find("[json.exception"), std::string::npos);  // trailguard's words, not nlohmann's tag
}

TEST(TfJsonReader, ShapesTerraformRejectsAreErrors) {
  EXPECT_NE(read_error("[1]").find("t.tf.json:1:1: expected a JSON object"), std::string::npos);
  EXPECT_NE(read_error("{\"resource\": \"x\"}").find("t.tf.json:1:14:"), std::string::npos);
  EXPECT_NE(read_error("{\"resource\": {}}").find("resource block's type"), std::string::npos);
  EXPECT_NE(read_error("{\"resource\": {\"aws_cloudtrail\": {\"a\": [1]}}}").find("t.tf.json:1:40:"), std::string::npos);
  EXPECT_NE(read_error("{\"locals\": {\"a\": 1,\n\"a\": 2}}").find("t.tf.json:2:1: attribute \"a\" is already set at line 1"),
            std::string::npos);
}

TEST(TfJsonReader, TemplateErrorsAreAtTheirPlaceInTheFile) {
  EXPECT_NE(read_error("{\"locals\": {\n  \"a\": \"x${\"\n}}").find("t.tf.json:2:"), std::string::npos);
  const std::string escaped = read_error("{\"locals\": {\n  \"a\": \"\\t %{endif}\"\n}}");
  EXPECT_EQ(escaped.rfind("t.tf.json:2:9: ", 0), 0u) << escaped;
  EXPECT_NE(escaped.find("endif"), std::string::npos);
  EXPECT_NE(read_error("{\"variable\": {\"v\": {\"type\": \"list(\"}}}").find("t.tf.json:1:"), std::string::npos);
}

TEST(TfJsonReader, DeepNestingIsAnErrorNotACrash) {
  const std::string deep = "{\"locals\": {\"a\": " + std::string(100000, '[') + std::string(100000, ']') + "}}";
  EXPECT_NE(read_error(deep).find("nesting deeper than"), std::string::npos);
  const std::string deep_template = "{\"locals\": {\"a\": \"${" + std::string(5000, '(') + "1" + std::string(5000, ')') + "}\"}}";
  EXPECT_NE(read_error(deep_template).find("nesting deeper than"), std::string::npos);
}

TEST(ParseTemplateText, WholeTextIsTemplateContentFromItsOrigin) {
  auto parsed = parse_template_text("f", "a\n${x}\\n", {3, 5, 100, 0});
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  const Expression& e = parsed.value();
  ASSERT_EQ(e.operands.size(), 3u);
  EXPECT_EQ(e.operands[0].text, "a\n");  // newlines are content
  EXPECT_EQ(e.operands[0].pos.line, 3u);
  EXPECT_EQ(e.operands[0].pos.column, 5u);
  EXPECT_EQ(e.operands[0].pos.offset, 100u);
  EXPECT_EQ(e.operands[1].kind, ExprKind::variable);
  EXPECT_EQ(e.operands[1].pos.line, 4u);
  EXPECT_EQ(e.operands[1].pos.column, 3u);  // past the first line, columns are the text's own
  EXPECT_EQ(e.operands[1].pos.offset, 104u);
  EXPECT_EQ(e.operands[2].text, "\\n");  // a backslash is no escape here

  auto broken = parse_template_text("f", "ab${", {3, 5, 0, 0});
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().message.rfind("f:3:", 0), 0u) << broken.error().message;
}

TEST(ParseExpressionText, OneWholeExpression) {
  auto parsed = parse_expression_text("f", " map(string) ");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->kind, ExprKind::function_call);
  EXPECT_EQ(parsed->pos.column, 2u);
  auto trailing = parse_expression_text("f", "a b");
  ASSERT_FALSE(trailing.ok());
  EXPECT_NE(trailing.error().message.find("f:1:3: expected the end of the expression"), std::string::npos)
      << trailing.error().message;
}

}  // namespace
}  // namespace trailguard::sources::terraform
