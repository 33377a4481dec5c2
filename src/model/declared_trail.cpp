#include "model/declared_trail.hpp"

namespace trailguard::model {

std::string_view to_string(IacFormat format) {
  switch (format) {
    case IacFormat::terraform: return "terraform";
    case IacFormat::terraform_plan: return "terraform-plan";
    case IacFormat::cloudformation: return "cloudformation";
  }
  return "terraform";
}

}  // namespace trailguard::model
