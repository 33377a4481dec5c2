#include "sources/terraform/hcl_evaluator.hpp"

#include <gtest/gtest.h>

#include <map>

#include "ast_builders.hpp"
#include "sources/terraform/tf_value_ops.hpp"

namespace trailguard::sources::terraform {
namespace {

using namespace build;
using Kind = TfValue::Kind;

class HclEvaluator : public ::testing::Test {
 protected:
  HclEvaluator() {
    variables["region"] = TfValue::of_string("eu-west-1");
    variables["multi"] = TfValue::of_bool(true);
    variables["unset"] = TfValue::unknown("var.unset has no value");
    variables["regions"] = TfValue::list({TfValue::of_string("b"), TfValue::of_string("a")});
    variables["tags"] = TfValue::object({{"env", TfValue::of_string("prod")}});
    scope.file = "main.tf";
    scope.variables = &variables;
    scope.local = [this](const std::string& name) {
      if (name == "flag") return TfValue::of_bool(false);
      return eval_error("local." + name + " is not declared");
    };
    scope.module = [](const std::string& name) {
      return TfValue::object({{"name", TfValue::of_string("from-" + name)}});
    };
  }
  TfValue eval(const Expression& e) { return evaluate(e, scope); }
  std::map<std::string, TfValue> variables;
  EvalScope scope;
};

TEST_F(HclEvaluator, ReferencesResolveVariablesLocalsModulesAndBuiltins) {
  EXPECT_EQ(eval(ref("var", "region")).string, "eu-west-1");
  EXPECT_FALSE(eval(ref("local", "flag")).boolean);
  EXPECT_EQ(eval(attr(ref("module", "audit"), "name")).string, "from-audit");
  EXPECT_EQ(eval(ref("terraform", "workspace")).string, "default");
  scope.path_module = "infra/modules/trail";
  EXPECT_EQ(eval(ref("path", "module")).string, "infra/modules/trail");
  scope.count_index = TfValue::of_number(2);
  EXPECT_EQ(eval(ref("count", "index")).number, 2);
  scope.each_key = TfValue::of_string("eu");
  scope.each_value = TfValue::of_bool(true);
  EXPECT_EQ(eval(ref("each", "key")).string, "eu");
  EXPECT_TRUE(eval(ref("each", "value")).boolean);
}

TEST_F(HclEvaluator, OtherResourcesAreUnknownNamingTheReference) {
  const TfValue value = eval(attr(ref("aws_s3_bucket", "logs"), "arn"));
  ASSERT_TRUE(value.is_unknown());
  EXPECT_FALSE(is_eval_error(value));
  EXPECT_NE(value.string.find("aws_s3_bucket.logs"), std::string::npos) << value.string;
  EXPECT_TRUE(is_eval_error(eval(ref("var", "missing"))));
  EXPECT_TRUE(is_eval_error(eval(ref("each", "key"))));  // no for_each here
}

TEST_F(HclEvaluator, TemplatesInterpolateAndKeepASingleValueWhole) {
  EXPECT_EQ(eval(tmpl({str("trail-"), ref("var", "region")})).string, "trail-eu-west-1");
  EXPECT_EQ(eval(tmpl({ref("var", "multi")})).kind, Kind::boolean);  // "${var.multi}" stays a bool
  EXPECT_EQ(eval(tmpl({str("n="), num(3)})).string, "n=3");
  EXPECT_TRUE(eval(tmpl({str("x-"), ref("var", "unset")})).is_unknown());
  EXPECT_EQ(eval(tmpl({tmpl_if(ref("var", "multi"), tmpl({str("yes")}), tmpl({str("no")}))})).string, "yes");
  EXPECT_EQ(eval(tmpl({tmpl_for("r", ref("var", "regions"), tmpl({root("r"), str(",")}))})).string, "b,a,");
}

TEST_F(HclEvaluator, OperatorsAndConditionals) {
  EXPECT_EQ(eval(op("+", num(2), num(3))).number, 5);
  EXPECT_EQ(eval(op("*", str("4"), num(2))).number, 8);  // numeric strings convert
  EXPECT_TRUE(eval(op("==", ref("var", "region"), str("eu-west-1"))).boolean);
  EXPECT_FALSE(eval(op("==", num(1), str("1"))).boolean);
  EXPECT_TRUE(eval(op("<", num(1), num(2))).boolean);
  EXPECT_TRUE(eval(op("||", boolean(true), ref("var", "unset"))).boolean);
  EXPECT_FALSE(eval(op("&&", boolean(false), ref("var", "unset"))).boolean);
  EXPECT_TRUE(eval(op("&&", boolean(true), ref("var", "unset"))).is_unknown());
  EXPECT_TRUE(eval(not_(ref("local", "flag"))).boolean);
  EXPECT_EQ(eval(cond(ref("var", "multi"), str("a"), str("b"))).string, "a");
  EXPECT_EQ(eval(cond(str("false"), str("a"), str("b"))).string, "b");
  const TfValue unknown = eval(cond(ref("var", "unset"), boolean(true), boolean(true)));
  EXPECT_TRUE(unknown.is_unknown());  // an unknown condition is unknown, even when both sides agree
  EXPECT_NE(unknown.string.find("var.unset"), std::string::npos);
  EXPECT_TRUE(is_eval_error(eval(op("/", num(1), num(0)))));
}

TEST_F(HclEvaluator, CollectionsIndexForAndSplat) {
  EXPECT_EQ(eval(index(ref("var", "regions"), num(1))).string, "a");
  EXPECT_EQ(eval(index(ref("var", "tags"), str("env"))).string, "prod");
  EXPECT_TRUE(is_eval_error(eval(index(ref("var", "regions"), num(5)))));
  const TfValue upper = eval(for_list("r", ref("var", "regions"), call("upper", {root("r")})));
  ASSERT_EQ(upper.items.size(), 2u);
  EXPECT_EQ(upper.items[0].string, "B");
  const TfValue filtered = eval(for_list("r", ref("var", "regions"), root("r"), op("!=", root("r"), str("a"))));
  ASSERT_EQ(filtered.items.size(), 1u);
  const TfValue map = eval(for_object("i", "r", ref("var", "regions"), root("r"), root("i")));
  ASSERT_EQ(map.kind, Kind::object);
  EXPECT_EQ(map.field("a")->number, 1);
  variables["selectors"] = TfValue::list({TfValue::object({{"rw", TfValue::of_string("All")}}),
                                          TfValue::object({{"rw", TfValue::of_string("ReadOnly")}})});
  const TfValue rw = eval(splat(ref("var", "selectors"), attr(splat_element(), "rw")));
  ASSERT_EQ(rw.items.size(), 2u);
  EXPECT_EQ(rw.items[1].string, "ReadOnly");
  const TfValue obj = eval(object({str("a"), num(1), root("b"), ref("var", "region")}));
  EXPECT_EQ(obj.field("b")->string, "eu-west-1");
}

TEST_F(HclEvaluator, TryAndCanCatchErrorsButNotUnknowns) {
  EXPECT_EQ(eval(call("try", {ref("var", "tags.missing"), str("fallback")})).string, "fallback");
  EXPECT_EQ(eval(call("try", {index(ref("var", "tags"), str("nope")), str("x")})).string, "x");
  EXPECT_TRUE(eval(call("try", {ref("var", "unset"), str("x")})).is_unknown());
  EXPECT_FALSE(eval(call("can", {index(ref("var", "tags"), str("nope"))})).boolean);
  EXPECT_TRUE(eval(call("can", {ref("var", "region")})).boolean);
  EXPECT_TRUE(eval(call("can", {ref("var", "unset")})).is_unknown());
}

TEST_F(HclEvaluator, UnknownPropagatesThroughFunctionsAndAnUnknownFunctionIsNamed) {
  EXPECT_TRUE(eval(call("lower", {ref("var", "unset")})).is_unknown());
  EXPECT_TRUE(eval(call("jsonencode", {tuple({ref("var", "unset")})})).is_unknown());
  // length of a list holding an unknown is still known
  EXPECT_EQ(eval(call("length", {tuple({ref("var", "unset"), num(1)})})).number, 2);
  const TfValue value = eval(call("cidrsubnet", {str("10.0.0.0/8"), num(8), num(1)}));
  ASSERT_TRUE(value.is_unknown());
  EXPECT_NE(value.string.find("cidrsubnet"), std::string::npos);
}

}  // namespace
}  // namespace trailguard::sources::terraform
