#include "sources/terraform/tf_functions.hpp"

#include <gtest/gtest.h>

#include "sources/terraform/tf_value_ops.hpp"

namespace trailguard::sources::terraform {
namespace {

using Kind = TfValue::Kind;

TfValue s(std::string text) { return TfValue::of_string(std::move(text)); }
TfValue n(double number) { return TfValue::of_number(number); }
TfValue list(std::vector<TfValue> items) { return TfValue::list(std::move(items)); }
TfValue map(std::vector<std::pair<std::string, TfValue>> fields) { return TfValue::object(std::move(fields)); }
TfValue unknown() { return TfValue::unknown("var.x has no value"); }
TfValue fn(std::string_view name, std::vector<TfValue> args) { return call_function(name, args); }

TEST(TfFunctions, LookupFindsTheKeyOrTheDefaultOrFails) {
  const TfValue m = map({{"eu", TfValue::of_bool(true)}, {"us", TfValue::of_bool(false)}});
  EXPECT_TRUE(fn("lookup", {m, s("eu")}).boolean);
  EXPECT_FALSE(fn("lookup", {m, s("ap"), TfValue::of_bool(false)}).boolean);
  EXPECT_TRUE(is_eval_error(fn("lookup", {m, s("ap")})));
  EXPECT_TRUE(fn("lookup", {m, unknown()}).is_unknown());
  EXPECT_TRUE(fn("lookup", {map({{"a", unknown()}, {"b", n(1)}}), s("b")}).number == 1);  // an unknown elsewhere does not matter
}

TEST(TfFunctions, CoalesceSkipsNullAndEmptyAndStopsAtUnknown) {
  EXPECT_EQ(fn("coalesce", {TfValue::null_value(), s(""), s("x"), s("y")}).string, "x");
  EXPECT_TRUE(fn("coalesce", {TfValue::null_value(), unknown(), s("y")}).is_unknown());
  EXPECT_TRUE(is_eval_error(fn("coalesce", {TfValue::null_value()})));
  EXPECT_EQ(fn("coalescelist", {list({}), list({n(1)})}).items.size(), 1u);
}

TEST(TfFunctions, ListFunctions) {
  EXPECT_EQ(fn("length", {list({n(1), n(2)})}).number, 2);
  EXPECT_EQ(fn("length", {map({{"a", n(1)}})}).number, 1);
  EXPECT_EQ(fn("concat", {list({n(1)}), list({n(2), n(3)})}).items.size(), 3u);
  EXPECT_EQ(fn("compact", {list({s("a"), s(""), TfValue::null_value(), s("b")})}).items.size(), 2u);
  EXPECT_TRUE(fn("contains", {list({s("a"), s("b")}), s("b")}).boolean);
  EXPECT_FALSE(fn("contains", {list({s("a")}), s("c")}).boolean);
  EXPECT_TRUE(fn("contains", {list({s("a"), unknown()}), s("c")}).is_unknown());
  const TfValue set = fn("toset", {list({s("b"), s("a"), s("b")})});
  ASSERT_EQ(set.items.size(), 2u);
  EXPECT_EQ(set.items[0].string, "a");  // a set of strings is ordered lexically
  EXPECT_EQ(fn("tolist", {set}).items.size(), 2u);
  EXPECT_EQ(fn("flatten", {list({list({n(1), list({n(2)})}), n(3)})}).items.size(), 3u);
  EXPECT_EQ(fn("distinct", {list({n(1), n(1), n(2)})}).items.size(), 2u);
  EXPECT_EQ(fn("element", {list({s("a"), s("b")}), n(3)}).string, "b");  // wraps around
  EXPECT_EQ(fn("range", {n(3)}).items.size(), 3u);
  EXPECT_EQ(fn("slice", {list({n(1), n(2), n(3)}), n(1), n(3)}).items.size(), 2u);
  EXPECT_TRUE(fn("one", {list({})}).is_null());
  EXPECT_EQ(fn("sensitive", {s("x")}).string, "x");
}

TEST(TfFunctions, MapFunctions) {
  const TfValue merged = fn("merge", {map({{"a", n(1)}, {"b", n(2)}}), map({{"b", n(3)}})});
  EXPECT_EQ(merged.field("b")->number, 3);
  EXPECT_EQ(merged.field("a")->number, 1);
  EXPECT_TRUE(fn("merge", {map({}), unknown()}).is_unknown());
  const TfValue keys = fn("keys", {map({{"z", n(1)}, {"a", n(2)}})});
  ASSERT_EQ(keys.items.size(), 2u);
  EXPECT_EQ(keys.items[0].string, "a");
  EXPECT_EQ(fn("values", {map({{"z", n(1)}, {"a", n(2)}})}).items[0].number, 2);
  EXPECT_EQ(fn("zipmap", {list({s("k")}), list({n(9)})}).field("k")->number, 9);
}

TEST(TfFunctions, ConversionsAndJson) {
  EXPECT_EQ(fn("tostring", {n(5)}).string, "5");
  EXPECT_EQ(fn("tonumber", {s("2.5")}).number, 2.5);
  EXPECT_TRUE(fn("tobool", {s("true")}).boolean);
  EXPECT_TRUE(is_eval_error(fn("tobool", {s("yes")})));
  EXPECT_EQ(fn("jsonencode", {map({{"b", list({n(1), TfValue::of_bool(true)})}, {"a", s("<x>")}})}).string,
            "{\"a\":\"\\u003cx\\u003e\",\"b\":[1,true]}");
  EXPECT_TRUE(fn("jsonencode", {map({{"a", unknown()}})}).is_unknown());
}

TEST(TfFunctions, StringFunctions) {
  EXPECT_EQ(fn("lower", {s("EU-West")}).string, "eu-west");
  EXPECT_EQ(fn("upper", {s("ab")}).string, "AB");
  EXPECT_EQ(fn("format", {s("%s-%d-%%"), s("trail"), n(3)}).string, "trail-3-%");
  EXPECT_TRUE(is_eval_error(fn("format", {s("%s %s"), s("one")})));
  EXPECT_EQ(fn("join", {s(","), list({s("a"), s("b")})}).string, "a,b");
  EXPECT_EQ(fn("split", {s(","), s("a,b,,c")}).items.size(), 4u);
  EXPECT_EQ(fn("replace", {s("a-b-c"), s("-"), s("_")}).string, "a_b_c");
  EXPECT_TRUE(fn("replace", {s("a"), s("/a/"), s("b")}).is_unknown());
  EXPECT_EQ(fn("trimspace", {s("  x \n")}).string, "x");
  EXPECT_TRUE(fn("startswith", {s("arn:aws"), s("arn:")}).boolean);
  EXPECT_EQ(fn("substr", {s("hello"), n(1), n(3)}).string, "ell");
  EXPECT_TRUE(fn("upper", {unknown()}).is_unknown());
}

TEST(TfFunctions, AFunctionTrailguardDoesNotKnowIsUnknownNamingIt) {
  const TfValue value = fn("timestamp", {});
  ASSERT_TRUE(value.is_unknown());
  EXPECT_FALSE(is_eval_error(value));
  EXPECT_NE(value.string.find("timestamp"), std::string::npos);
}

TEST(TfValueOps, ConversionsFollowTerraform) {
  EXPECT_EQ(number_text(3), "3");
  EXPECT_EQ(number_text(2.5), "2.5");
  EXPECT_EQ(convert_to_type(s("false"), "bool", "x").kind, Kind::boolean);
  EXPECT_TRUE(is_eval_error(convert_to_type(s("maybe"), "bool", "x")));
  EXPECT_EQ(convert_to_type(TfValue::of_bool(true), "string", "x").string, "true");
  EXPECT_FALSE(values_equal(list({n(1)}), list({n(2)})).value());
  EXPECT_FALSE(values_equal(list({unknown()}), list({n(2)})).has_value());
}

}  // namespace
}  // namespace trailguard::sources::terraform
