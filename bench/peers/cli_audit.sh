#!/usr/bin/env bash
# CIS AWS Foundations 3.1 ("CloudTrail is enabled in all regions"), the manual audit of the CIS text done
# with the AWS CLI, for the accounts of an organization: the peer trailguard is compared with in bench/.
#
# From the management account's credentials (the usual environment: keys, region, AWS_ENDPOINT_URL):
# list the organization's accounts; for each account, `aws sts assume-role` into OrganizationAccountAccessRole
# (the management account uses its own credentials), `aws ec2 describe-regions`, then per region
# `aws cloudtrail describe-trails --region R`, and for each multi-region trail listed (once per trail)
# `get-trail-status` and `get-event-selectors` in its home region. A region passes when a trail it lists is
# multi-region with global service events, IsLogging, and has an event selector with
# IncludeManagementEvents true and ReadWriteType All (the CIS text's checks); an account passes when every
# region does.
#
#   cli_audit.sh [--regions r1,r2,...] [--role-name R] [ACCOUNT_ID ...]
#
# Prints "ACCOUNT_ID PASS|FAIL|ERROR SECONDS" per account; with account ids, only those are audited.
# shellcheck disable=SC2016 # the backticks are JMESPath literals, not command substitutions
set -uo pipefail

role_name=OrganizationAccountAccessRole
wanted_regions=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --regions) wanted_regions=",$2,"; shift 2 ;;
    --role-name) role_name=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) break ;;
  esac
done

caller=$(aws sts get-caller-identity --query Account --output text) || exit 2
organization=$(aws organizations list-accounts --query 'Accounts[?Status==`ACTIVE`].Id' --output text) || exit 2
if [[ $# -gt 0 ]]; then
  selected=()
  for account in $organization; do
    for wanted in "$@"; do [[ $account == "$wanted" ]] && selected+=("$account"); done
  done
else
  read -r -a selected <<< "$organization"
fi

# One account's verdict on stdout (PASS, FAIL or ERROR), with that account's credentials in the environment.
audit_account() {
  local regions region trails arn home multi global logging selectors verdict=PASS region_passes
  declare -A judged=()
  regions=$(aws ec2 describe-regions --query 'Regions[?OptInStatus!=`not-opted-in`].RegionName' --output text) || { echo ERROR; return; }
  for region in $regions; do
    # The aws partition only: moto lists China and GovCloud regions too, which AWS does not.
    [[ $region == cn-* || $region == us-gov-* ]] && continue
    [[ -n $wanted_regions && $wanted_regions != *",$region,"* ]] && continue
    trails=$(aws cloudtrail describe-trails --region "$region" \
               --query 'trailList[].[TrailARN,HomeRegion,IsMultiRegionTrail,IncludeGlobalServiceEvents]' --output text) \
      || { echo ERROR; return; }
    region_passes=no
    while read -r arn home multi global; do
      [[ -z ${arn:-} ]] && continue
      if [[ -z ${judged[$arn]:-} ]]; then
        judged[$arn]=no
        if [[ $multi == True && $global == True ]]; then
          logging=$(aws cloudtrail get-trail-status --region "$home" --name "$arn" --query IsLogging --output text) \
            || { echo ERROR; return; }
          selectors=$(aws cloudtrail get-event-selectors --region "$home" --trail-name "$arn" \
                        --query 'length(EventSelectors[?IncludeManagementEvents==`true` && ReadWriteType==`All`] || `[]`)' \
                        --output text) || { echo ERROR; return; }
          [[ $logging == True && $selectors -gt 0 ]] && judged[$arn]=yes
        fi
      fi
      [[ ${judged[$arn]} == yes ]] && region_passes=yes
    done <<< "$trails"
    [[ $region_passes == yes ]] || verdict=FAIL
  done
  echo "$verdict"
}

for account in "${selected[@]}"; do
  started=$EPOCHREALTIME
  if [[ $account == "$caller" ]]; then
    verdict=$(audit_account)
  else
    if keys=$(aws sts assume-role --role-arn "arn:aws:iam::$account:role/$role_name" --role-session-name "cis-audit-$account" \
                --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text); then
      read -r key secret token <<< "$keys"
      verdict=$(AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret AWS_SESSION_TOKEN=$token audit_account)
    else
      verdict=ERROR
    fi
  fi
  awk -v account="$account" -v verdict="$verdict" -v from="$started" -v to="$EPOCHREALTIME" \
    'BEGIN { printf "%s %s %.3f\n", account, verdict, to - from }'
done
