#include "sources/evidence/evidence_script.hpp"

#include <fmt/format.h>

#include "sources/evidence/evidence_files.hpp"
#include "sources/evidence/manifest.hpp"

namespace trailguard::sources::evidence {

std::string evidence_collection_script() {
  // File names come from evidence_files.hpp so that the script and the loader agree by construction.
  return fmt::format(R"SCRIPT(#!/usr/bin/env bash
# Collects the evidence trailguard needs to audit "CloudTrail is enabled in all regions"
# (CIS AWS Foundations 3.1, Security Hub CloudTrail.1) for one AWS account.
#
# Every call is read-only. It uses your usual AWS CLI set-up (AWS_PROFILE, --profile via AWS_DEFAULT_PROFILE,
# environment keys, SSO, ...). Permissions needed: sts:GetCallerIdentity, ec2:DescribeRegions,
# cloudtrail:DescribeTrails, cloudtrail:GetTrailStatus, cloudtrail:GetEventSelectors.
#
# Usage:   bash collect-trailguard-evidence.sh [OUTPUT_DIR]      (default: ./trailguard-evidence)
# Then:    trailguard scan --evidence OUTPUT_DIR
#
# A call that fails is saved as <name>{failure} with the CLI's message, so the audit reports it as an
# ERROR instead of silently missing it. {manifest} gets one line per file: the command that wrote it,
# for which region and trail, and when (GetTrailStatus answers do not say which trail they describe).
set -uo pipefail

out="${{1:-trailguard-evidence}}"
aws_cli="${{AWS_CLI:-aws}}"
mkdir -p "$out" || exit 1
rm -f "$out/{manifest}"
failures=0

json_string() {{
  local s="${{1//\\/\\\\}}"
  s="${{s//\"/\\\"}}"
  printf '"%s"' "$s"
}}

# The SHA-256 of a file, so that files swapped after the collection are told apart; "" without a tool.
digest() {{
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then shasum -a 256 "$1" | cut -d' ' -f1
  fi
}}

# record FILE REGION TRAIL_ARN COMMAND: the file's line in {manifest}.
record() {{
  local line="{{\"file\":$(json_string "$1"),\"command\":$(json_string "$4")" sum
  [ -z "$2" ] || line+=",\"region\":$(json_string "$2")"
  [ -z "$3" ] || line+=",\"trail_arn\":$(json_string "$3")"
  line+=",\"time\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\""
  sum=$(digest "$out/$1")
  [ -z "$sum" ] || line+=",\"sha256\":\"$sum\""
  printf '%s}}\n' "$line" >>"$out/{manifest}"
}}

# save NAME REGION TRAIL_ARN ARGS...: runs "aws ARGS... --output json", keeping NAME{answer} or NAME{failure}.
save() {{
  local name="$1" region="$2" trail="$3"; shift 3
  if "$aws_cli" "$@" --output json >"$out/$name{answer}.partial" 2>"$out/$name{failure}.partial"; then
    mv -f "$out/$name{answer}.partial" "$out/$name{answer}"
    rm -f "$out/$name{failure}.partial" "$out/$name{failure}"
    record "$name{answer}" "$region" "$trail" "aws $*"
  else
    mv -f "$out/$name{failure}.partial" "$out/$name{failure}"
    rm -f "$out/$name{answer}.partial" "$out/$name{answer}"
    record "$name{failure}" "$region" "$trail" "aws $*"
    failures=$((failures + 1))
    echo "failed: aws $* (saved in $out/$name{failure})" >&2
  fi
}}

save {identity} "" "" sts get-caller-identity
save {regions} "" "" ec2 describe-regions --all-regions

enabled_regions=$("$aws_cli" ec2 describe-regions --query 'Regions[?OptInStatus!=`not-opted-in`].RegionName' --output text) || {{
  echo "cannot list the account's regions; nothing more collected" >&2
  exit 1
}}

trails_file=$(mktemp)
trap 'rm -f "$trails_file"' EXIT
for region in $enabled_regions; do
  save "{trails}.$region" "$region" "" cloudtrail describe-trails --region "$region"
  # The ARN of each trail seen (a trail ARN holds no quote), to read its status and selectors once.
  grep -o '"TrailARN": *"arn:[^"]*"' "$out/{trails}.$region{answer}" 2>/dev/null |
    sed 's/.*"\(arn:[^"]*\)"$/\1/' >>"$trails_file" || true
done

# arn:PARTITION:cloudtrail:HOME:ACCOUNT:trail/NAME. Names repeat across regions and accounts, so the files
# are named by all three.
while read -r arn; do
  [ -n "$arn" ] || continue
  rest="${{arn#arn:*:cloudtrail:}}"
  home="${{rest%%:*}}"
  account="${{rest#*:}}"
  account="${{account%%:*}}"
  name="${{arn##*:trail/}}"
  save "{status}.$account.$home.$name" "$home" "$arn" cloudtrail get-trail-status --name "$arn" --region "$home"
  save "{selectors}.$account.$home.$name" "$home" "$arn" cloudtrail get-event-selectors --trail-name "$arn" --region "$home"
done < <(sort -u "$trails_file")

echo "evidence written to $out ($failures failed call(s))" >&2
)SCRIPT",
                     fmt::arg("answer", kAnswerSuffix), fmt::arg("failure", kFailureSuffix),
                     fmt::arg("identity", kCallerIdentity), fmt::arg("regions", kDescribeRegions),
                     fmt::arg("trails", kDescribeTrails), fmt::arg("status", kTrailStatus),
                     fmt::arg("selectors", kEventSelectors), fmt::arg("manifest", kManifest));
}

}  // namespace trailguard::sources::evidence
