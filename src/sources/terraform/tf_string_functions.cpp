// The string functions of tf_functions.hpp: byte-wise (ASCII case mapping), which is what trail names,
// regions and ARNs need.
#include <algorithm>
#include <cctype>

#include "sources/terraform/tf_functions.hpp"
#include "sources/terraform/tf_value_ops.hpp"

namespace trailguard::sources::terraform {

namespace {

using Kind = TfValue::Kind;
using Args = std::vector<TfValue>;

constexpr auto wrong = function_error;

std::string mapped(std::string text, int (*map)(int)) {
  for (auto& c : text) c = static_cast<char>(map(static_cast<unsigned char>(c)));
  return text;
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// format("%s-%d", ...) with the verbs modules use: %s %d %v %q %%; others are refused.
TfValue format(const Args& args) {
  if (args.empty() || args[0].kind != Kind::string) return wrong("format", "the first argument must be a format string");
  const std::string& spec = args[0].string;
  std::string out;
  std::size_t next = 1;
  for (std::size_t i = 0; i < spec.size(); ++i) {
    if (spec[i] != '%') {
      out += spec[i];
      continue;
    }
    if (++i >= spec.size()) return wrong("format", "the format ends with %");
    const char verb = spec[i];
    if (verb == '%') {
      out += '%';
      continue;
    }
    if (next >= args.size()) return wrong("format", "not enough arguments for the format");
    const TfValue& arg = args[next++];
    const auto text = verb == 'v' && (arg.kind == Kind::list || arg.kind == Kind::object) ? json_text(arg) : as_text(arg);
    if (!text) return wrong("format", "cannot format " + describe(arg));
    if (verb == 's' || verb == 'v') {
      out += *text;
    } else if (verb == 'd') {
      const auto n = as_number(arg);
      if (!n) return wrong("format", "%d needs a number, found " + describe(arg));
      out += number_text(*n);
    } else if (verb == 'q') {
      out += json_text(TfValue::of_string(*text));
    } else {
      return wrong("format", std::string("the verb %") + verb + " is not supported");
    }
  }
  return TfValue::of_string(out);
}

TfValue join(const Args& args) {
  if (args.size() < 2 || args[0].kind != Kind::string) return wrong("join", "takes a separator and lists");
  std::string out;
  bool first = true;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i].kind != Kind::list) return wrong("join", "arguments after the separator must be lists");
    for (const auto& item : args[i].items) {
      const auto text = as_text(item);
      if (!text) return wrong("join", "list elements must be strings, found " + describe(item));
      if (!first) out += args[0].string;
      first = false;
      out += *text;
    }
  }
  return TfValue::of_string(out);
}

TfValue split(const Args& args) {
  if (args.size() != 2 || args[0].kind != Kind::string) return wrong("split", "takes a separator and a string");
  const auto text = as_text(args[1]);
  if (!text) return wrong("split", "the second argument must be a string");
  Args parts;
  const std::string& sep = args[0].string;
  if (sep.empty()) {
    for (const char c : *text) parts.push_back(TfValue::of_string(std::string(1, c)));
    return TfValue::list(std::move(parts));
  }
  std::size_t start = 0;
  for (auto found = text->find(sep); found != std::string::npos; found = text->find(sep, start)) {
    parts.push_back(TfValue::of_string(text->substr(start, found - start)));
    start = found + sep.size();
  }
  parts.push_back(TfValue::of_string(text->substr(start)));
  return TfValue::list(std::move(parts));
}

TfValue replace(const Args& args) {
  if (args.size() != 3) return wrong("replace", "takes a string, a substring and a replacement");
  const auto text = as_text(args[0]), from = as_text(args[1]), to = as_text(args[2]);
  if (!text || !from || !to) return wrong("replace", "arguments must be strings");
  if (from->size() >= 2 && from->front() == '/' && from->back() == '/')
    return TfValue::unknown("replace() with a regular expression is not evaluated by trailguard");
  if (from->empty()) return TfValue::of_string(*text);
  std::string out;
  std::size_t start = 0;
  for (auto found = text->find(*from); found != std::string::npos; found = text->find(*from, start)) {
    out += text->substr(start, found - start) + *to;
    start = found + from->size();
  }
  return TfValue::of_string(out + text->substr(start));
}

}  // namespace

bool call_string_function(std::string_view name, const std::vector<TfValue>& args, TfValue& result) {
  const auto text_arg = [&](std::size_t i) { return i < args.size() ? as_text(args[i]) : std::nullopt; };
  if (name == "format") result = format(args);
  else if (name == "join") result = join(args);
  else if (name == "split") result = split(args);
  else if (name == "replace") result = replace(args);
  else if (name == "lower" || name == "upper" || name == "trimspace") {
    const auto text = args.size() == 1 ? text_arg(0) : std::nullopt;
    if (!text) result = wrong(name, "takes one string");
    else if (name == "lower") result = TfValue::of_string(mapped(*text, ::tolower));
    else if (name == "upper") result = TfValue::of_string(mapped(*text, ::toupper));
    else result = TfValue::of_string(trimmed(*text));
  } else if (name == "startswith" || name == "endswith" || name == "strcontains") {
    const auto text = text_arg(0), part = text_arg(1);
    if (args.size() != 2 || !text || !part) result = wrong(name, "takes two strings");
    else if (name == "startswith") result = TfValue::of_bool(text->rfind(*part, 0) == 0);
    else if (name == "endswith")
      result = TfValue::of_bool(text->size() >= part->size() && text->compare(text->size() - part->size(), part->size(), *part) == 0);
    else result = TfValue::of_bool(text->find(*part) != std::string::npos);
  } else if (name == "substr") {
    const auto text = text_arg(0);
    const double offset = args.size() == 3 ? as_number(args[1]).value_or(-1) : -1;
    const double length = args.size() == 3 ? as_number(args[2]).value_or(-2) : -2;
    if (!text || offset < 0 || offset > static_cast<double>(text->size()) || length < -1)
      result = wrong(name, "takes a string, an offset and a length");
    else
      result = TfValue::of_string(text->substr(static_cast<std::size_t>(offset),
                                               length < 0 ? std::string::npos : static_cast<std::size_t>(length)));
  } else if (name == "trimprefix" || name == "trimsuffix") {
    auto text = text_arg(0);
    const auto part = text_arg(1);
    if (args.size() != 2 || !text || !part) {
      result = wrong(name, "takes two strings");
    } else {
      if (name == "trimprefix" && text->rfind(*part, 0) == 0) text->erase(0, part->size());
      if (name == "trimsuffix" && text->size() >= part->size() &&
          text->compare(text->size() - part->size(), part->size(), *part) == 0)
        text->erase(text->size() - part->size());
      result = TfValue::of_string(*text);
    }
  } else {
    return false;
  }
  return true;
}

}  // namespace trailguard::sources::terraform
