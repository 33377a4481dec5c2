#include "sources/terraform_plan/plan_source.hpp"

#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "base/text_position.hpp"
#include "sources/terraform/aws_cloudtrail_attributes.hpp"

namespace trailguard::sources::terraform_plan {
namespace {

using nlohmann::json;
using terraform::TfValue;

// JSON → TfValue, with after_unknown's mirror marking the values Terraform will only know after apply.
TfValue value_of(const json& value, const json* unknown, const std::string& origin) {
  if (unknown && unknown->is_boolean() && unknown->get<bool>())
    return TfValue::unknown("known only after apply (the plan's after_unknown)", origin);
  switch (value.type()) {
    case json::value_t::boolean: return TfValue::of_bool(value.get<bool>(), origin);
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return TfValue::of_number(value.get<double>(), origin);
    case json::value_t::string: return TfValue::of_string(value.get<std::string>(), origin);
    case json::value_t::array: {
      std::vector<TfValue> items;
      for (std::size_t i = 0; i < value.size(); ++i) {
        const json* item_unknown = unknown && unknown->is_array() && i < unknown->size() ? &(*unknown)[i] : nullptr;
        items.push_back(value_of(value[i], item_unknown, origin));
      }
      return TfValue::list(std::move(items), origin);
    }
    case json::value_t::object: {
      std::vector<std::pair<std::string, TfValue>> fields;
      for (const auto& [key, item] : value.items()) {
        const json* item_unknown = unknown && unknown->is_object() && unknown->contains(key) ? &(*unknown)[key] : nullptr;
        fields.emplace_back(key, value_of(item, item_unknown, origin));
      }
      // Attributes known only after apply are absent from `after` and true in after_unknown.
      if (unknown && unknown->is_object())
        for (const auto& [key, flag] : unknown->items())
          if (flag.is_boolean() && flag.get<bool>() && !value.contains(key))
            fields.emplace_back(key, TfValue::unknown("known only after apply (the plan's after_unknown)", origin));
      return TfValue::object(std::move(fields), origin);
    }
    default: return TfValue::null_value(origin);
  }
}

// 1-based line:col of a byte offset.
model::CodeLocation location_at(const std::string& path, const std::string& content, std::size_t offset) {
  const auto at = position_of(content, offset);
  return {path, at.line, at.column};
}

// The plan names no lines; the line of the resource's "address" gives editors and SARIF somewhere to point.
model::CodeLocation location_of_address(const std::string& path, const std::string& content, const std::string& address,
                                        std::size_t from) {
  const auto quoted = json(address).dump();
  const auto at = content.find(quoted, from);
  if (at == std::string::npos) return {path, 0, 0};
  return location_at(path, content, at);
}

// How deeply the document's arrays and objects nest. nlohmann parses any depth without recursion, but
// copying a value and value_of recurse, so a hostile plan nested 20,000 deep would overflow the stack.
std::size_t nesting_depth(const std::string& content) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (const char c : content) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

// Terraform's own plans nest a few dozen levels (modules, blocks in blocks); far past that is not a plan.
constexpr std::size_t kMaxNesting = 256;

bool is_cloudtrail(const json& resource) {
  return resource.value("type", "") == "aws_cloudtrail" && resource.value("mode", "managed") == "managed";
}

void add_trail(const terraform::TrailMapping& mapping, model::IacInput& out, const std::string& path,
               const std::string& content, const std::string& address, const TfValue& attributes,
               model::Known<bool> created, std::size_t search_from) {
  terraform::ResourcePlace place;
  place.format = model::IacFormat::terraform_plan;
  place.address = address;
  place.location = location_of_address(path, content, address, search_from);
  auto declared = mapping(attributes, place);
  declared.address = place.address;
  declared.location = place.location;
  declared.created = std::move(created);
  out.trails.push_back(std::move(declared));
}

void read_resource_changes(const terraform::TrailMapping& mapping, const json& changes, const std::string& path,
                           const std::string& content, model::IacInput& out) {
  const auto section = content.find("\"resource_changes\"");
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const auto& resource = changes[i];
    if (!resource.is_object() || !is_cloudtrail(resource)) continue;
    const auto address = resource.value("address", fmt::format("resource_changes[{}]", i));
    const auto origin = fmt::format("{}: resource_changes[{}] ({})", path, i, address);
    const json change = resource.value("change", json::object());
    const json actions = change.value("actions", json::array());
    const bool deleted = actions.is_array() && actions.size() == 1 && actions[0] == "delete";
    const json after = change.value("after", json());
    const json after_unknown = change.value("after_unknown", json());
    auto created = deleted ? model::Known<bool>::stated(false, origin + ": planned delete")
                           : model::Known<bool>::stated(true, origin + ": actions " + actions.dump());
    const TfValue attributes = after.is_object() ? value_of(after, &after_unknown, origin + ".change.after")
                                                 : TfValue::object({}, origin + ".change.after");
    add_trail(mapping, out, path, content, address, attributes, std::move(created), section == std::string::npos ? 0 : section);
  }
}

void read_module(const terraform::TrailMapping& mapping, const json& module, const std::string& path,
                 const std::string& content, model::IacInput& out, int depth) {
  if (!module.is_object() || depth > 100) return;
  for (const auto& resource : module.value("resources", json::array())) {
    if (!resource.is_object() || !is_cloudtrail(resource)) continue;
    const auto address = resource.value("address", "aws_cloudtrail");
    const auto origin = fmt::format("{}: planned_values ({})", path, address);
    const json values = resource.value("values", json::object());
    add_trail(mapping, out, path, content, address, value_of(values, nullptr, origin), model::Known<bool>::stated(true, origin), 0);
  }
  for (const auto& child : module.value("child_modules", json::array())) read_module(mapping, child, path, content, out, depth + 1);
}

}  // namespace

bool looks_like_terraform_plan(const std::string& content) {
  const auto parsed = json::parse(content, nullptr, false);
  return parsed.is_object() && parsed.contains("format_version") &&
         (parsed.contains("planned_values") || parsed.contains("resource_changes"));
}

model::IacInput read_terraform_plan(const std::string& path, const std::string& content) {
  return read_terraform_plan(path, content, terraform::declared_trail_from_attributes);
}

model::IacInput read_terraform_plan(const std::string& path, const std::string& content,
                                    const terraform::TrailMapping& mapping) {
  model::IacInput out;
  json plan;
  try {
    plan = json::parse(content);
  } catch (const json::parse_error& error) {
    out.problems.push_back({location_at(path, content, error.byte > 0 ? error.byte - 1 : 0),
                            fmt::format("not valid JSON: {}", error.what())});
    return out;
  }
  if (nesting_depth(content) > kMaxNesting) {
    out.problems.push_back({{path, 1, 1}, fmt::format("not a Terraform plan: nested deeper than {} levels", kMaxNesting)});
    return out;
  }
  if (!plan.is_object() || !plan.contains("format_version") ||
      !(plan.contains("planned_values") || plan.contains("resource_changes"))) {
    out.problems.push_back({{path, 1, 1}, "not a Terraform plan: expected format_version and planned_values or resource_changes "
                                          "(the output of terraform show -json PLANFILE)"});
    return out;
  }
  const auto version = plan["format_version"].is_string() ? plan["format_version"].get<std::string>() : "";
  if (version.empty() || (version[0] != '0' && version[0] != '1'))
    out.notes.push_back(fmt::format("{}: plan format_version \"{}\" is newer than 1.2; read as 1.2", path, version));
  // An errored plan stopped part way: what it lists may not be all the configuration declares.
  if (plan.contains("errored") && plan["errored"] == true)
    out.problems.push_back({{path, 1, 1}, "the plan errored (\"errored\": true): Terraform could not finish it, so it may "
                                          "not list every trail the configuration declares"});
  if (plan.contains("complete") && plan["complete"] == false)
    out.notes.push_back(fmt::format("{}: the plan is not complete (\"complete\": false): deferred changes need another "
                                    "plan after this one is applied",
                                    path));
  try {
    const auto changes = plan.value("resource_changes", json());
    if (changes.is_array()) read_resource_changes(mapping, changes, path, content, out);
    else read_module(mapping, plan.value("planned_values", json::object()).value("root_module", json::object()), path, content, out, 0);
  } catch (const json::exception& error) {  // a field of the wrong type (e.g. "change": "x")
    out.trails.clear();
    out.problems.push_back({{path, 0, 0}, fmt::format("not a Terraform plan of the expected shape: {}", error.what())});
    return out;
  }
  out.files_read.push_back(path);
  return out;
}

}  // namespace trailguard::sources::terraform_plan
