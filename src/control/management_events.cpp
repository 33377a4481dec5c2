#include "control/management_events.hpp"

#include <algorithm>
#include <set>

namespace trailguard::control {
namespace {

using model::AdvancedEventSelector;
using model::BasicEventSelector;
using model::FieldSelector;
using model::ReadWriteType;

struct SelectorEffect {
  bool reads = false;
  bool writes = false;
  std::vector<std::string> narrowing;  // empty: every management event of its kinds
};

void add_unique(std::vector<std::string>& into, const std::string& item) {
  if (std::find(into.begin(), into.end(), item) == into.end()) into.push_back(item);
}

bool contains(const std::vector<std::string>& values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

std::string join(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

// Combines per-selector effects into coverage. Read is full when one reading selector is not narrowed,
// for basic selectors also when the exclusions of all reading selectors have nothing in common.
struct Combined {
  Coverage read = Coverage::none;
  Coverage write = Coverage::none;
  bool both_in_one = false;  // some selector records Read and Write (whatever it excludes)
  std::vector<std::string> narrowing;
};

Coverage coverage_of(const std::vector<const SelectorEffect*>& effects, bool set_semantics,
                     std::vector<std::string>& narrowing) {
  if (effects.empty()) return Coverage::none;
  if (std::any_of(effects.begin(), effects.end(), [](const SelectorEffect* e) { return e->narrowing.empty(); }))
    return Coverage::full;
  if (set_semantics) {
    // Basic selectors exclude sources; an event is missed only if every selector excludes its source.
    std::set<std::string> common(effects.front()->narrowing.begin(), effects.front()->narrowing.end());
    for (const auto* e : effects) {
      std::set<std::string> next;
      for (const auto& item : e->narrowing)
        if (common.count(item)) next.insert(item);
      common = std::move(next);
    }
    if (common.empty()) return Coverage::full;
    for (const auto& item : common) add_unique(narrowing, item);
    return Coverage::narrowed;
  }
  for (const auto* e : effects)
    for (const auto& item : e->narrowing) add_unique(narrowing, item);
  return Coverage::narrowed;
}

Combined combine(const std::vector<SelectorEffect>& effects, bool set_semantics) {
  std::vector<const SelectorEffect*> readers, writers;
  Combined c;
  for (const auto& e : effects) {
    if (e.reads) readers.push_back(&e);
    if (e.writes) writers.push_back(&e);
    if (e.reads && e.writes) c.both_in_one = true;
  }
  c.read = coverage_of(readers, set_semantics, c.narrowing);
  c.write = coverage_of(writers, set_semantics, c.narrowing);
  return c;
}

std::vector<SelectorEffect> effects_of_basic(const std::vector<BasicEventSelector>& selectors,
                                             std::vector<std::string>& problems) {
  std::vector<SelectorEffect> effects;
  for (std::size_t i = 0; i < selectors.size(); ++i) {
    const auto& s = selectors[i];
    const std::string where = "EventSelectors[" + std::to_string(i) + "]";
    if (!s.include_management_events.known()) {
      problems.push_back(where + ".IncludeManagementEvents is missing");
      continue;
    }
    if (!*s.include_management_events.value) continue;
    if (!s.read_write_type.known() || *s.read_write_type.value == ReadWriteType::unknown) {
      problems.push_back(where + ".ReadWriteType is missing or not All/ReadOnly/WriteOnly");
      continue;
    }
    SelectorEffect e;
    const auto rw = *s.read_write_type.value;
    e.reads = rw == ReadWriteType::all || rw == ReadWriteType::read_only;
    e.writes = rw == ReadWriteType::all || rw == ReadWriteType::write_only;
    for (const auto& source : s.exclude_management_event_sources)
      e.narrowing.push_back("ExcludeManagementEventSources " + source);
    effects.push_back(std::move(e));
  }
  return effects;
}

std::string describe_filter(const FieldSelector& f) {
  std::string out;
  auto part = [&](const char* op, const std::vector<std::string>& values) {
    if (values.empty()) return;
    out += (out.empty() ? "" : ", ") + f.field + " " + op + " [" + join(values) + "]";
  };
  part("Equals", f.equals);
  part("StartsWith", f.starts_with);
  part("EndsWith", f.ends_with);
  part("NotEquals", f.not_equals);
  part("NotStartsWith", f.not_starts_with);
  part("NotEndsWith", f.not_ends_with);
  return out.empty() ? f.field + " (no values)" : out;
}

// readOnly: absent -> both; Equals ["true"] -> read; Equals ["false"] -> write; NotEquals flips.
void apply_read_only_filter(const FieldSelector& f, SelectorEffect& e, std::vector<std::string>& problems,
                            const std::string& where) {
  bool reads = true, writes = true;
  if (!f.equals.empty()) {
    reads = contains(f.equals, "true");
    writes = contains(f.equals, "false");
  }
  if (contains(f.not_equals, "true")) reads = false;
  if (contains(f.not_equals, "false")) writes = false;
  if (!f.starts_with.empty() || !f.ends_with.empty() || !f.not_starts_with.empty() || !f.not_ends_with.empty())
    problems.push_back(where + ": readOnly uses an operator other than Equals/NotEquals");
  e.reads = e.reads && reads;
  e.writes = e.writes && writes;
}

std::vector<SelectorEffect> effects_of_advanced(const std::vector<AdvancedEventSelector>& selectors,
                                                std::vector<std::string>& problems) {
  std::vector<SelectorEffect> effects;
  for (std::size_t i = 0; i < selectors.size(); ++i) {
    const auto& s = selectors[i];
    if (!selects_management_events(s)) continue;
    const std::string where = "AdvancedEventSelectors[" + std::to_string(i) + "]";
    SelectorEffect e{true, true, {}};
    for (const auto& f : s.field_selectors) {
      if (f.field == "eventCategory") continue;
      if (f.field == "readOnly") {
        apply_read_only_filter(f, e, problems, where);
        continue;
      }
      e.narrowing.push_back(describe_filter(f));
    }
    effects.push_back(std::move(e));
  }
  return effects;
}

Coverage weaker(Coverage a, Coverage b) { return static_cast<int>(a) < static_cast<int>(b) ? a : b; }

}  // namespace

bool selects_management_events(const model::AdvancedEventSelector& selector) {
  return std::any_of(selector.field_selectors.begin(), selector.field_selectors.end(), [](const FieldSelector& f) {
    return f.field == "eventCategory" && contains(f.equals, "Management");
  });
}

ManagementEventsCoverage judge_management_events(const model::EventSelectors& selectors) {
  ManagementEventsCoverage result;
  std::vector<Combined> kinds;
  // AWS keeps either basic or advanced selectors. Should a source show both, neither may pass alone:
  // each kind present is judged and the weaker coverage wins, so an inconsistent answer never passes.
  if (!selectors.basic.empty() || selectors.advanced.empty())
    kinds.push_back(combine(effects_of_basic(selectors.basic, result.problems), true));
  if (!selectors.advanced.empty())
    kinds.push_back(combine(effects_of_advanced(selectors.advanced, result.problems), false));

  result.read = Coverage::full;
  result.write = Coverage::full;
  bool both_in_one = true;
  for (const auto& k : kinds) {
    result.read = weaker(result.read, k.read);
    result.write = weaker(result.write, k.write);
    both_in_one = both_in_one && k.both_in_one;
    for (const auto& n : k.narrowing) add_unique(result.narrowing, n);
  }
  result.split_across_selectors =
      result.read == Coverage::full && result.write == Coverage::full && !both_in_one;
  if (result.read == Coverage::full && result.write == Coverage::full) result.narrowing.clear();
  return result;
}

}  // namespace trailguard::control
