#!/usr/bin/env bash
# The logs benchmark's yardstick (docs/benchmarks.md, "Logs"): what a user would write with jq to get the
# per-(account, delivery region) counts trailguard's JSON report gives: distinct eventIDs, read, write.
#
#   bash bench/logs_jq_counts.sh TREE > counts.txt    # lines: ACCOUNT REGION EVENTS READ WRITE DUPLICATES
#
# Every CloudTrail log file under TREE (not digests, not Insights) is inflated and parsed, two jq processes at
# once (xargs -P2, 500 files a batch, so process start-up is not what is measured): one `gzip -dc` per
# batch feeds the batch's documents to one jq, which takes each document's account and delivery region from the
# name of the file at the same position of its argument list (the file's own name, as trailguard does).
# awk then drops repeated eventIDs within each (account, region) and counts.
set -euo pipefail
tree=${1:?usage: logs_jq_counts.sh TREE}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LOGS_JQ_WORK=$work

# shellcheck disable=SC2016  # $ARGS and $p are jq's
filter='$ARGS.positional as $names
  | foreach inputs as $doc (-1; . + 1;
      ($names[.] | split("/") | last | split("_")) as $p
      | $doc.Records[] | "\($p[0]) \($p[2]) \(.eventID) \(.readOnly)")'
export LOGS_JQ_FILTER=$filter

find "$tree" -name '*_CloudTrail_*.json.gz' -print0 |
  xargs -0 -r -P2 -n 500 bash -c 'gzip -dc -- "$@" | jq -nr "$LOGS_JQ_FILTER" --args "$@" > "$(mktemp -p "$LOGS_JQ_WORK")"' _

find "$work" -type f -exec cat {} + |
  awk '{ key = $1 " " $2 }
       seen[key " " $3]++ { duplicates[key]++; next }
       { events[key]++; if ($4 == "true") reads[key]++; else if ($4 == "false") writes[key]++ }
       END { for (key in events) print key, events[key], reads[key] + 0, writes[key] + 0, duplicates[key] + 0 }' |
  sort
