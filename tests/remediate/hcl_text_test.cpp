// HCL text: strings stay literal whatever they hold, identifiers are valid, comments cannot end early, and the
// writer aligns as `terraform fmt` does.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "remediate/hcl_text.hpp"

namespace {

using namespace trailguard::remediate;
using ::testing::HasSubstr;
using ::testing::Not;

// The literal an HCL quoted string stands for (the spec's escapes), and whether it holds a template sequence.
struct Decoded {
  std::string text;
  bool has_template = false;
  bool well_formed = true;
};

Decoded decode(const std::string& quoted) {
  Decoded out;
  if (quoted.size() < 2 || quoted.front() != '"' || quoted.back() != '"') return {"", false, false};
  const std::string body = quoted.substr(1, quoted.size() - 2);
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (c == '\n' || c == '"') out.well_formed = false;  // a raw newline or quote would end or break the string
    if ((c == '$' || c == '%') && body.compare(i + 1, 2, std::string(1, c) + "{") == 0) {
      out.text += std::string(1, c) + "{";
      i += 2;
      continue;
    }
    if ((c == '$' || c == '%') && i + 1 < body.size() && body[i + 1] == '{') out.has_template = true;
    if (c != '\\') {
      out.text += c;
      continue;
    }
    const char e = i + 1 < body.size() ? body[++i] : '?';
    switch (e) {
      case 'n': out.text += '\n'; break;
      case 'r': out.text += '\r'; break;
      case 't': out.text += '\t'; break;
      case '"': out.text += '"'; break;
      case '\\': out.text += '\\'; break;
      case 'u': out.text += static_cast<char>(std::stoi(body.substr(i + 1, 4), nullptr, 16)); i += 4; break;
      default: out.well_formed = false;
    }
  }
  return out;
}

TEST(HclQuote, PlainTextIsQuotedAsIs) { EXPECT_EQ(hcl::quote("arn:aws:s3:::bucket/AWSLogs/*"), "\"arn:aws:s3:::bucket/AWSLogs/*\""); }

TEST(HclQuote, TemplateSequencesAreNeverInterpolated) {
  EXPECT_EQ(hcl::quote("${var.x}"), "\"$${var.x}\"");
  EXPECT_EQ(hcl::quote("%{ if x }"), "\"%%{ if x }\"");
  // Already-doubled input stays what it was: "$${" is three characters, quoted as "$" + "$${".
  EXPECT_EQ(hcl::quote("$${x}"), "\"$$${x}\"");
  EXPECT_EQ(hcl::quote("$ {x} %x $"), "\"$ {x} %x $\"");
}

TEST(HclQuote, EveryHostileStringDecodesToItself) {
  for (const std::string text : {"a\"b", "back\\slash", "trailing\\", "line\nbreak\r\n", "tab\there", "${a}${b}",
                                 "%{for x in y}%{endfor}", "$${", "%%{", "$$$${", "\x01\x1f\x7f", "\xe2\x82\xac euro",
                                 "quote at end\"", "\\${not escaped}"}) {
    const auto quoted = hcl::quote(text);
    const auto decoded = decode(quoted);
    EXPECT_TRUE(decoded.well_formed) << quoted;
    EXPECT_FALSE(decoded.has_template) << quoted;
    EXPECT_EQ(decoded.text, text) << quoted;
  }
}

TEST(HclQuote, InvalidUtf8BecomesTheReplacementCharacter) {
  EXPECT_EQ(hcl::quote("a\xff" "b"), "\"a\xef\xbf\xbd" "b\"");
}

TEST(HclIdentifier, NamesBecomeValidIdentifiers) {
  EXPECT_EQ(hcl::identifier("trailguard-multi-region"), "trailguard-multi-region");
  EXPECT_EQ(hcl::identifier("my.trail name"), "my_trail_name");
  EXPECT_EQ(hcl::identifier("123-bucket"), "t_123-bucket");
  EXPECT_EQ(hcl::identifier("-x"), "t_-x");
  EXPECT_EQ(hcl::identifier(""), "t_");
  EXPECT_EQ(hcl::identifier("a\"${b}\n"), "a___b__");
}

TEST(HclComment, LineBreaksCannotEndAComment) {
  EXPECT_EQ(hcl::comment_text("reason\nresource \"x\" \"y\" {}\r\t"), "reason resource \"x\" \"y\" {}  ");
}

TEST(HclWriter, AlignsRunsOfOneLineAttributesAsTerraformFmt) {
  hcl::Writer out;
  out.open("resource \"aws_s3_bucket_policy\" \"x\"");
  out.attribute("provider", "aws.us_east_1");
  out.attribute("bucket", "\"b\"");
  out.json_attribute("policy", nlohmann::ordered_json::parse(R"({"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Condition":{"StringEquals":{"aws:SourceArn":"arn"}}}]})"),
                     "jsonencode");
  out.attribute("depends_on", "[x.y]");
  out.close();
  EXPECT_EQ(out.text(),
            "resource \"aws_s3_bucket_policy\" \"x\" {\n"
            "  provider = aws.us_east_1\n"
            "  bucket   = \"b\"\n"
            "  policy = jsonencode({\n"
            "    \"Version\" = \"2012-10-17\"\n"
            "    \"Statement\" = [\n"
            "      {\n"
            "        \"Sid\"    = \"A\"\n"
            "        \"Effect\" = \"Allow\"\n"
            "        \"Condition\" = {\n"
            "          \"StringEquals\" = {\n"
            "            \"aws:SourceArn\" = \"arn\"\n"
            "          }\n"
            "        }\n"
            "      },\n"
            "    ]\n"
            "  })\n"
            "  depends_on = [x.y]\n"
            "}\n");
}

TEST(HclWriter, ScalarsAndEmptyValuesStayOnOneLine) {
  hcl::Writer out;
  out.json_attribute("a", nlohmann::ordered_json::parse(R"(["x", 1, true, null])"));
  out.json_attribute("b", nlohmann::ordered_json::object(), "jsonencode");
  EXPECT_EQ(out.text(), "a = [\"x\", 1, true, null]\nb = jsonencode({})\n");
}

TEST(HclWriter, CommentsAreMadeSafe) {
  hcl::Writer out;
  out.comment("one\ntwo");
  EXPECT_EQ(out.text(), "# one two\n");
}

}  // namespace
