// TemplateEvaluator: the intrinsic functions and Conditions of one template, resolved as far as they can be
// before deployment. Parameters take their --parameter value or their Default; Mappings and Conditions are
// the template's own. What only a deployment knows (pseudo parameters such as AWS::Region, Fn::GetAtt,
// Fn::ImportValue, a Ref to a resource) resolves to Resolved::unknown with the reason, never a guess.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/declared_trail.hpp"
#include "sources/cloudformation/cfn_node.hpp"
#include "sources/cloudformation/cfn_source.hpp"

namespace trailguard::sources::cloudformation {

struct Resolved {
  enum class State { value, no_value, unknown };
  State state = State::value;
  CfnNode node;        // State::value: the value, intrinsics gone
  std::string reason;  // State::unknown: why ("Fn::ImportValue \"Flag\" (another stack's export, ...)")
  CfnMark mark;        // State::unknown: where the unresolvable part is written

  static Resolved of(CfnNode node) { return {State::value, std::move(node), "", {}}; }
  static Resolved unknown(std::string reason, CfnMark mark) { return {State::unknown, {}, std::move(reason), mark}; }
  static Resolved no_value() { return {State::no_value, {}, "", {}}; }
  bool known() const { return state == State::value; }
};

struct ConditionValue {
  std::optional<bool> value;
  std::string reason;  // when unknown
  CfnMark mark;
};

class TemplateEvaluator {
 public:
  // `root` must outlive the evaluator. Problems found (a --parameter outside AllowedValues, an undefined
  // condition, a cycle) are appended to `problems`.
  TemplateEvaluator(std::string file, const CfnNode& root, const CloudFormationOptions& options,
                    std::vector<model::IacProblem>& problems);

  // The node with every intrinsic function applied; AWS::NoValue inside maps and lists removes the entry.
  Resolved resolve(const CfnNode& node);
  // A named condition of the Conditions section (cycle-guarded, memoised).
  ConditionValue condition(const std::string& name, CfnMark where);

  const std::string& file() const { return file_; }
  std::string place(CfnMark mark) const;  // "template.yaml:14:7"

 private:
  struct ParameterValue {
    std::optional<CfnNode> value;
    std::string reason;  // when unknown
  };

  void read_parameters(const CloudFormationOptions& options);
  void problem(CfnMark mark, std::string message);
  Resolved intrinsic(const std::string& name, const CfnNode& argument, CfnMark mark);
  Resolved ref(const std::string& name, CfnMark mark);
  Resolved sub(const CfnNode& argument, CfnMark mark);
  Resolved join(const CfnNode& argument, CfnMark mark);
  Resolved select(const CfnNode& argument, CfnMark mark);
  Resolved split(const CfnNode& argument, CfnMark mark);
  Resolved find_in_map(const CfnNode& argument, CfnMark mark);
  Resolved if_function(const CfnNode& argument, CfnMark mark);
  Resolved base64(const CfnNode& argument, CfnMark mark);
  // Resolves `node` to a scalar's text, or says why it cannot.
  std::optional<std::string> resolve_text(const CfnNode& node, Resolved& failure);
  ConditionValue evaluate_condition(const CfnNode& expression);

  std::string file_;
  const CfnNode& root_;
  std::vector<model::IacProblem>& problems_;
  std::map<std::string, ParameterValue> parameters_;
  std::map<std::string, ConditionValue> condition_cache_;
  std::set<std::string> conditions_in_progress_;
  int depth_ = 0;
};

// A scalar's text as CloudFormation compares it (booleans "true"/"false", numbers as written); nullopt for
// lists and maps.
std::optional<std::string> scalar_text(const CfnNode& node);

}  // namespace trailguard::sources::cloudformation
