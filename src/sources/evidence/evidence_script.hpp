// The bash script (AWS CLI commands, read-only) that collects an evidence directory in exactly the
// layout load_evidence() reads, for an auditor to hand to an account owner.
#pragma once

#include <string>

namespace trailguard::sources::evidence {

std::string evidence_collection_script();

}  // namespace trailguard::sources::evidence
