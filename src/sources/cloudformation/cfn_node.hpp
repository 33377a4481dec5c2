// CfnNode: one node of a decoded CloudFormation template, JSON or YAML alike, with where it is written.
// Short-form tags (!Ref, !Sub, ...) are already expanded to their long form ({"Ref": ...}, {"Fn::Sub": ...}),
// so everything after loading sees one shape. Scalars keep their text; their kind is what YAML 1.1 (the
// schema PyYAML, cfn-lint and CloudFormation's YAML reader use) makes of a plain scalar.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace trailguard::sources::cloudformation {

struct CfnMark {
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based
};

struct CfnEntry;

struct CfnNode {
  enum class Kind { null, boolean, integer, real, string, list, map };
  Kind kind = Kind::null;
  std::string text;                // scalars: as written (booleans: "true"/"false")
  bool boolean = false;            // Kind::boolean
  std::vector<CfnNode> items;      // Kind::list
  std::vector<CfnEntry> entries;   // Kind::map, in template order
  CfnMark mark;

  bool is_scalar() const { return kind != Kind::list && kind != Kind::map; }
  bool is_map() const { return kind == Kind::map; }
  bool is_list() const { return kind == Kind::list; }
  // The entry named `key` in a map, or nullptr.
  const CfnNode* find(std::string_view key) const;
  const CfnEntry* find_entry(std::string_view key) const;

  static CfnNode string_node(std::string value, CfnMark mark = {}) {
    CfnNode node;
    node.kind = Kind::string;
    node.text = std::move(value);
    node.mark = mark;
    return node;
  }
};

struct CfnEntry {
  std::string key;
  CfnMark key_mark;
  CfnNode value;
};

inline const CfnEntry* CfnNode::find_entry(std::string_view key) const {
  for (const auto& entry : entries)
    if (entry.key == key) return &entry;
  return nullptr;
}

inline const CfnNode* CfnNode::find(std::string_view key) const {
  const auto* entry = find_entry(key);
  return entry ? &entry->value : nullptr;
}

}  // namespace trailguard::sources::cloudformation
