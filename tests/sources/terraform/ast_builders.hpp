// Small builders of hcl_ast expressions, so the evaluator is tested without the parser.
#pragma once

#include <string>
#include <vector>

#include "sources/terraform/hcl_ast.hpp"

namespace trailguard::sources::terraform::build {

inline Expression node(ExprKind kind, std::string text = {}, std::vector<Expression> operands = {}) {
  Expression e;
  e.kind = kind;
  e.text = std::move(text);
  e.operands = std::move(operands);
  e.pos = {1, 1, 0, 0};
  return e;
}
inline Expression num(double n) {
  auto e = node(ExprKind::literal_number);
  e.number = n;
  return e;
}
inline Expression boolean(bool b) {
  auto e = node(ExprKind::literal_bool);
  e.boolean = b;
  return e;
}
inline Expression null() { return node(ExprKind::literal_null); }
inline Expression str(std::string s) { return node(ExprKind::literal_string, std::move(s)); }
inline Expression tmpl(std::vector<Expression> parts) { return node(ExprKind::template_string, "", std::move(parts)); }
inline Expression root(std::string name) { return node(ExprKind::variable, std::move(name)); }
inline Expression attr(Expression object, std::string name) { return node(ExprKind::get_attr, std::move(name), {std::move(object)}); }
inline Expression ref(std::string a, std::string b) { return attr(root(std::move(a)), std::move(b)); }
inline Expression index(Expression c, Expression k) { return node(ExprKind::index, "", {std::move(c), std::move(k)}); }
inline Expression call(std::string name, std::vector<Expression> args) {
  return node(ExprKind::function_call, std::move(name), std::move(args));
}
inline Expression tuple(std::vector<Expression> items) { return node(ExprKind::tuple, "", std::move(items)); }
inline Expression object(std::vector<Expression> kv) { return node(ExprKind::object, "", std::move(kv)); }
inline Expression cond(Expression c, Expression t, Expression f) {
  return node(ExprKind::conditional, "", {std::move(c), std::move(t), std::move(f)});
}
inline Expression op(std::string o, Expression l, Expression r) { return node(ExprKind::binary_op, std::move(o), {std::move(l), std::move(r)}); }
inline Expression not_(Expression e) { return node(ExprKind::unary_op, "!", {std::move(e)}); }
inline Expression for_list(std::string value_var, Expression collection, Expression value, Expression condition = null()) {
  auto e = node(ExprKind::for_expr, "[", {std::move(collection), null(), std::move(value), std::move(condition)});
  e.names = {"", std::move(value_var)};
  return e;
}
inline Expression for_object(std::string key_var, std::string value_var, Expression collection, Expression key, Expression value) {
  auto e = node(ExprKind::for_expr, "{", {std::move(collection), std::move(key), std::move(value), null()});
  e.names = {std::move(key_var), std::move(value_var)};
  return e;
}
inline Expression splat(Expression source, Expression traversal) {
  auto e = node(ExprKind::splat, "", {std::move(source), std::move(traversal)});
  e.flag = true;
  return e;
}
inline Expression splat_element() { return node(ExprKind::splat_element); }
inline Expression tmpl_if(Expression c, Expression t, Expression f) { return node(ExprKind::template_if, "", {std::move(c), std::move(t), std::move(f)}); }
inline Expression tmpl_for(std::string value_var, Expression collection, Expression body) {
  auto e = node(ExprKind::template_for, "", {std::move(collection), std::move(body)});
  e.names = {"", std::move(value_var)};
  return e;
}

}  // namespace trailguard::sources::terraform::build
