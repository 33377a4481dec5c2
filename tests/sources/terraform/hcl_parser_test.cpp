// The HCL parser on its own: the tree each form builds, the places it records, and the errors it gives.
// (Agreement with HashiCorp's parser on whole files is hcl_differential's job.)
#include <gtest/gtest.h>

#include <chrono>

#include "sources/terraform/hcl_parser.hpp"

namespace trailguard::sources::terraform {
namespace {

HclFile parse_ok(const std::string& source) {
  auto parsed = parse_hcl("t.tf", source);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message);
  return parsed.ok() ? std::move(parsed.value()) : HclFile{};
}

std::string parse_error(const std::string& source) {
  auto parsed = parse_hcl("t.tf", source);
  EXPECT_FALSE(parsed.ok()) << "parsed: " << source;
  return parsed.ok() ? "" : parsed.error().message;
}

// The value of `a = ...` in a one-attribute file, with its source text.
struct Value {
  HclFile file;
  const Expression& e() const { return file.body.attributes.at(0).value; }
  std::string text(const Expression& x) const { return file.source.substr(x.pos.offset, x.pos.end_offset - x.pos.offset); }
};

Value value_of(const std::string& expression) { return {parse_ok("a = " + expression + "\n")}; }

TEST(HclParser, BlocksLabelsAndAttributesWithPlaces) {
  const auto file = parse_ok("# c\nresource \"aws_cloudtrail\" main {\n  name = \"x\"\n\n  event_selector {\n    read_write_type = \"All\"\n  }\n}\n");
  ASSERT_EQ(file.body.blocks.size(), 1u);
  const Block& block = file.body.blocks[0];
  EXPECT_EQ(block.type, "resource");
  EXPECT_EQ(block.labels, (std::vector<std::string>{"aws_cloudtrail", "main"}));
  EXPECT_EQ(block.pos.line, 2u);
  EXPECT_EQ(block.pos.column, 1u);
  ASSERT_EQ(block.content().attributes.size(), 1u);
  EXPECT_EQ(block.content().attributes[0].name, "name");
  EXPECT_EQ(block.content().attributes[0].pos.line, 3u);
  EXPECT_EQ(block.content().attributes[0].pos.column, 3u);
  EXPECT_EQ(block.content().attributes[0].value.pos.column, 10u);
  ASSERT_EQ(block.content().blocks.size(), 1u);
  EXPECT_EQ(block.content().blocks[0].pos.line, 5u);
  EXPECT_EQ(block.content().blocks[0].content().attributes[0].value.operands[0].text, "All");
}

TEST(HclParser, OneLineBlocksAndEmptyBlocks) {
  const auto file = parse_ok("a { b = 1 }\nc {}\nd \"x\" {\n}\n");
  ASSERT_EQ(file.body.blocks.size(), 3u);
  EXPECT_EQ(file.body.blocks[0].content().attributes.at(0).name, "b");
  EXPECT_TRUE(file.body.blocks[1].content().attributes.empty());
  EXPECT_EQ(file.body.blocks[2].labels.at(0), "x");
  EXPECT_NE(parse_error("a { b = 1 c = 2 }\n").find("t.tf:1:"), std::string::npos);
  EXPECT_NE(parse_error("a { b {} }\n").find("one-line block"), std::string::npos);
}

TEST(HclParser, OperatorsByPrecedence) {
  const auto v = value_of("1 + 2 * 3 == 7 || !false && x < -y");
  const Expression& e = v.e();
  ASSERT_EQ(e.kind, ExprKind::binary_op);
  EXPECT_EQ(e.text, "||");
  EXPECT_EQ(e.operands[0].text, "==");
  EXPECT_EQ(e.operands[0].operands[0].text, "+");
  EXPECT_EQ(e.operands[0].operands[0].operands[1].text, "*");
  EXPECT_EQ(e.operands[1].text, "&&");
  EXPECT_EQ(e.operands[1].operands[0].kind, ExprKind::unary_op);
  EXPECT_EQ(e.operands[1].operands[1].text, "<");
  EXPECT_EQ(e.operands[1].operands[1].operands[1].kind, ExprKind::unary_op);
  EXPECT_EQ(v.text(e), "1 + 2 * 3 == 7 || !false && x < -y");
  EXPECT_EQ(v.text(e.operands[0].operands[0]), "1 + 2 * 3");
}

TEST(HclParser, ConditionalsNestToTheRight) {
  const auto v = value_of("a ? b : c ? d : e");
  ASSERT_EQ(v.e().kind, ExprKind::conditional);
  EXPECT_EQ(v.e().operands[2].kind, ExprKind::conditional);
  EXPECT_EQ(v.text(v.e().operands[2]), "c ? d : e");
}

TEST(HclParser, NumbersAndLiterals) {
  EXPECT_EQ(value_of("1.5e3").e().number, 1500);
  EXPECT_EQ(value_of("0.25").e().number, 0.25);
  EXPECT_EQ(value_of("true").e().kind, ExprKind::literal_bool);
  EXPECT_TRUE(value_of("true").e().boolean);
  EXPECT_EQ(value_of("null").e().kind, ExprKind::literal_null);
}

TEST(HclParser, TraversalsIndexesAndSplats) {
  const auto v = value_of("aws_s3_bucket.logs[0].id");
  ASSERT_EQ(v.e().kind, ExprKind::get_attr);
  EXPECT_EQ(v.e().text, "id");
  EXPECT_EQ(v.e().operands[0].kind, ExprKind::index);
  EXPECT_EQ(v.text(v.e()), "aws_s3_bucket.logs[0].id");

  const auto legacy = value_of("var.list.0");
  EXPECT_EQ(legacy.e().kind, ExprKind::index);
  EXPECT_EQ(legacy.e().operands[1].number, 0);

  const auto full = value_of("var.x[*].name[0]");
  ASSERT_EQ(full.e().kind, ExprKind::splat);
  EXPECT_TRUE(full.e().flag);
  EXPECT_EQ(full.e().operands[1].kind, ExprKind::index);  // [0] applies to each element
  EXPECT_EQ(full.text(full.e()), "var.x[*].name[0]");

  const auto attr = value_of("var.x.*.name[0]");
  ASSERT_EQ(attr.e().kind, ExprKind::index);  // an attribute splat takes only .name; [0] indexes its result
  EXPECT_EQ(attr.e().operands[0].kind, ExprKind::splat);
  EXPECT_FALSE(attr.e().operands[0].flag);
}

TEST(HclParser, FunctionCallsWithExpansionAndProviderFunctions) {
  const auto v = value_of("concat(a, [1, 2,],\n  b...)");
  // Newlines inside the parentheses are spaces; the attribute ends at the closing one.
  ASSERT_EQ(v.e().kind, ExprKind::function_call);
  EXPECT_EQ(v.e().text, "concat");
  EXPECT_EQ(v.e().operands.size(), 3u);
  EXPECT_TRUE(v.e().flag);
  EXPECT_EQ(v.e().operands[1].operands.size(), 2u);
  EXPECT_EQ(value_of("provider::aws::arn_parse(x)").e().text, "provider::aws::arn_parse");
}

TEST(HclParser, ObjectsWithEitherSeparatorAndNewlines) {
  const auto v = value_of("{\n  a = 1,\n  \"b\" : 2\n  (c) = 3 }");
  ASSERT_EQ(v.e().kind, ExprKind::object);
  ASSERT_EQ(v.e().operands.size(), 6u);
  EXPECT_EQ(v.e().operands[0].kind, ExprKind::variable);  // a bare key is its name
  EXPECT_EQ(v.e().operands[2].kind, ExprKind::template_string);
  EXPECT_EQ(v.e().operands[4].kind, ExprKind::parenthesized);
}

TEST(HclParser, ForExpressions) {
  const auto list = value_of("[for i, s in var.list : upper(s) if s != \"\"]");
  ASSERT_EQ(list.e().kind, ExprKind::for_expr);
  EXPECT_EQ(list.e().text, "[");
  EXPECT_EQ(list.e().names, (std::vector<std::string>{"i", "s"}));
  EXPECT_EQ(list.e().operands[1].kind, ExprKind::literal_null);
  EXPECT_EQ(list.e().operands[3].kind, ExprKind::binary_op);

  const auto object = value_of("{for k, v in var.map : v => k...}");
  EXPECT_EQ(object.e().text, "{");
  EXPECT_TRUE(object.e().flag);
  EXPECT_EQ(object.e().operands[1].kind, ExprKind::variable);
  EXPECT_EQ(object.e().operands[3].kind, ExprKind::literal_null);
}

TEST(HclParser, QuotedTemplatesAndEscapes) {
  const auto v = value_of(R"("a\n\t\"\\\u00e9\U0001F600 $${x} %%{y}")");
  ASSERT_EQ(v.e().kind, ExprKind::template_string);
  ASSERT_EQ(v.e().operands.size(), 1u);
  EXPECT_EQ(v.e().operands[0].text, "a\n\t\"\\\xC3\xA9\xF0\x9F\x98\x80 ${x} %{y}");

  const auto legacy = value_of("\"${var.enabled}\"");  // Terraform 0.11's way: the value itself
  ASSERT_EQ(legacy.e().operands.size(), 1u);
  EXPECT_EQ(legacy.e().operands[0].kind, ExprKind::get_attr);

  const auto mixed = value_of("\"arn:${var.p}:x\"");
  ASSERT_EQ(mixed.e().operands.size(), 3u);
  EXPECT_EQ(mixed.e().operands[2].text, ":x");
  EXPECT_NE(parse_error("a = \"\\q\"\n").find("t.tf:1:6: invalid escape"), std::string::npos);
}

TEST(HclParser, DirectivesAndStripMarkers) {
  const auto v = value_of("\"x %{ if a ~} yes %{~ else } no %{ endif }!\"");
  ASSERT_EQ(v.e().operands.size(), 3u);
  EXPECT_EQ(v.e().operands[0].text, "x ");
  const Expression& directive = v.e().operands[1];
  ASSERT_EQ(directive.kind, ExprKind::template_if);
  EXPECT_EQ(directive.operands[1].operands.at(0).text, "yes");  // both sides stripped
  EXPECT_EQ(directive.operands[2].operands.at(0).text, " no ");

  const auto loop = value_of("\"%{for k, v in m}${k}=${v},%{endfor}\"");
  ASSERT_EQ(loop.e().operands.at(0).kind, ExprKind::template_for);
  EXPECT_EQ(loop.e().operands[0].names, (std::vector<std::string>{"k", "v"}));
  EXPECT_EQ(loop.e().operands[0].operands[1].operands.size(), 4u);
  EXPECT_NE(parse_error("a = \"%{ if x }\"\n").find("no matching %{endif}"), std::string::npos);
  EXPECT_NE(parse_error("a = \"%{ endfor }\"\n").find("without a %{for}"), std::string::npos);
}

TEST(HclParser, Heredocs) {
  const auto plain = parse_ok("a = <<EOT\n  hello ${name}\nEOT\nb = 1\n");
  const Expression& e = plain.body.attributes.at(0).value;
  ASSERT_EQ(e.operands.size(), 3u);
  EXPECT_EQ(e.operands[0].text, "  hello ");
  EXPECT_EQ(e.operands[2].text, "\n");
  EXPECT_EQ(plain.body.attributes.at(1).name, "b");

  // <<- removes the indentation common to every non-blank line; the closing marker may be indented.
  const auto flush = parse_ok("a = <<-EOT\n    one\n\n      two\n    EOT\n");
  EXPECT_EQ(flush.body.attributes.at(0).value.operands.at(0).text, "one\n\n  two\n");
  EXPECT_NE(parse_error("a = <<EOT\nnever closed\n").find("t.tf:1:5: heredoc <<EOT has no closing EOT line"), std::string::npos);
}

TEST(HclParser, CommentsOfThreeKinds) {
  const auto file = parse_ok("# one\n// two\n/* three\n spans */ a = 1 // after\nb = [1, /* in */ 2] # end\n");
  ASSERT_EQ(file.body.attributes.size(), 2u);
  EXPECT_EQ(file.body.attributes[0].pos.line, 4u);
  EXPECT_EQ(file.body.attributes[1].value.operands.size(), 2u);
  EXPECT_NE(parse_error("/* never closed\n").find("t.tf:1:1:"), std::string::npos);
}

TEST(HclParser, ByteOrderMarkAndWindowsLineEndings) {
  const auto file = parse_ok("\xEF\xBB\xBFresource \"a\" \"b\" {\r\n  x = \"y\"\r\n}\r\n");
  ASSERT_EQ(file.body.blocks.size(), 1u);
  EXPECT_EQ(file.body.blocks[0].content().attributes.at(0).value.operands.at(0).text, "y");
  EXPECT_EQ(file.body.blocks[0].content().attributes.at(0).pos.line, 2u);
}

TEST(HclParser, ErrorsNameFileLineAndColumn) {
  EXPECT_EQ(parse_error("a = \"open\n"), "t.tf:1:5: a quoted string is not closed on its line");
  EXPECT_EQ(parse_error("resource \"x\" \"y\" {\n  a = 1\n"), "t.tf:3:1: expected \"}\" to close the block, found the end of the file");
  EXPECT_EQ(parse_error("a = 1 +\n2\n"), "t.tf:1:8: expected an expression, found a newline");
  EXPECT_EQ(parse_error("a = 1\na = 2\n"), "t.tf:2:1: attribute \"a\" is already set at line 1");
  EXPECT_EQ(parse_error("a = 1 2\n"), "t.tf:1:7: expected a newline after the attribute, found \"2\"");
  EXPECT_EQ(parse_error("= 1\n"), "t.tf:1:1: expected an attribute name or a block type, found \"=\"");
  EXPECT_NE(parse_error("a = [1, 2\n").find("t.tf:2:1: expected \",\" or \"]\""), std::string::npos);
  EXPECT_NE(parse_error("a \"${x}\" {}\n").find("block label"), std::string::npos);
}

TEST(HclParser, DeepNestingIsAnErrorNotACrash) {
  const std::string deep = "a = " + std::string(5000, '[') + std::string(5000, ']') + "\n";
  EXPECT_NE(parse_error(deep).find("nesting deeper than"), std::string::npos);
  const std::string deep_template = "a = " + std::string(3000, '"') + "\n";
  EXPECT_FALSE(parse_hcl("t.tf", deep_template).ok());
  std::string blocks;
  for (int i = 0; i < 3000; ++i) blocks += "b {\n";
  EXPECT_NE(parse_error(blocks).find("nesting deeper than"), std::string::npos);
}

// Directives are paired after scanning, in a pass of their own: their nesting is bounded too (ASan overflowed
// the stack on "%{if x}" x 5000, fuzz/corpus/hcl/deep_directives.tf).
TEST(HclParser, DeepDirectivesAreAnErrorNotACrash) {
  std::string nested;
  for (int i = 0; i < 5000; ++i) nested += "%{if x}";
  EXPECT_NE(parse_error("a = \"" + nested + "\"\n").find("nesting deeper than 200 levels"), std::string::npos);
  std::string fine;
  for (int i = 0; i < 150; ++i) fine += "%{if x}";
  for (int i = 0; i < 150; ++i) fine += "%{endif}";
  parse_ok("a = \"" + fine + "\"\n");
}

// Each step of a chain wraps the tree before it: moved, never copied (it was quadratic, 3.4 s for 4,000 steps).
// The bound is loose so a loaded machine cannot fail it; quadratic, 40,000 steps would take minutes.
TEST(HclParser, LongChainsAreReadInLinearTimeAndRefusedPastTheHeightBound) {
  // A chain is read in a loop, but the tree it builds is as tall as the chain is long, and everything that walks
  // the tree recurses: 40,000 steps are refused quickly, with the place, rather than overflowing a stack later.
  std::string traversal = "a = x", sum = "a = 1";
  for (int i = 0; i < 40000; ++i) traversal += ".b[0]", sum += " + 1";
  const auto started = std::chrono::steady_clock::now();
  EXPECT_NE(parse_error(traversal + "\n").find("t.tf:1:5: an expression nested or chained deeper than 500 levels"), std::string::npos);
  EXPECT_NE(parse_error(sum + "\n").find("deeper than 500 levels"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  std::string long_but_fine = "a = x";
  for (int i = 0; i < 200; ++i) long_but_fine += ".b[0]";
  const auto chain = parse_ok(long_but_fine + "\n");
  EXPECT_EQ(chain.body.attributes.at(0).value.pos.end_offset, long_but_fine.size());
  EXPECT_EQ(chain.body.attributes.at(0).value.height, 401u);
}

// As HashiCorp's parser (hcl_differential found both): a heredoc in a CRLF file keeps \r\n, and x.0.1 (its
// scanner reads "0.1" as one number) is refused.
TEST(HclParser, CrlfHeredocsAndChainedLegacyIndexes) {
  const auto crlf = parse_ok("a = <<EOT\r\none\r\ntwo\r\nEOT\r\n");
  EXPECT_EQ(crlf.body.attributes.at(0).value.operands.at(0).text, "one\r\ntwo\r\n");
  EXPECT_NE(parse_error("a = x.0.1\n").find("t.tf:1:7: two legacy indexes in a row"), std::string::npos);
  parse_ok("a = x.0.b.1\nb = x.0[1]\n");
}

}  // namespace
}  // namespace trailguard::sources::terraform
