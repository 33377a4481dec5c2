#!/usr/bin/env python3
"""The Terraform tree of the iac benchmark (bench/iac_bench.py): one root module and local modules three levels
deep, N .tf files in all (default 10,000), written deterministically (seeded) so every run judges the same code.

    python3 bench/iac_generate.py OUT_DIR [--files N] [--seed S]

The root has variables (with types and defaults), terraform.tfvars, locals, outputs, a multi-region
aws_cloudtrail (PASS) and calls 20 modules (modules/l1_NN); each of those calls 5 (modules/l2_NN), and each of
those 4 (modules/l3_NN): 521 modules (Plan.fanout; the smoke has fewer). Every level-2 module declares an aws_cloudtrail with for_each over the
regions (2 instances), every level-3 one a trail with count from a variable (1 instance); both single-region,
so FAIL. The remaining files are filler resources (S3 buckets, IAM roles with heredoc and jsonencode policies,
KMS keys, log groups, dynamic blocks, for expressions, conditionals, templates), as real modules have, spread
evenly. The manifest (returned, and written as OUT_DIR/manifest.json) has the counts the benchmark checks.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path

REGIONS = ["us-east-1", "eu-west-1"]
MODULE_VARIABLES = """variable "name_prefix" {
  type        = string
  description = "Prefix of every name in this module"
}

variable "trail_enabled" {
  type    = bool
  default = true
}

variable "multi_region" {
  type    = bool
  default = false
}

variable "regions" {
  type    = list(string)
  default = []
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "retention_days" {
  type    = number
  default = 90
}
"""


@dataclass
class Plan:
    out: str
    files: int = 10000
    seed: int = 20261204
    # Modules called by the root, by each level-1 module, by each level-2 module: 20 + 100 + 400.
    fanout: list[int] = field(default_factory=lambda: [20, 5, 4])


@dataclass
class Module:
    path: Path  # its directory
    level: int  # 0 for the root
    children: list["Module"]


def module_tree(root: Path, fanout: list[int]) -> Module:
    top = Module(root, 0, [])
    for i in range(fanout[0]):
        first = Module(root / "modules" / f"l1_{i:02d}", 1, [])
        top.children.append(first)
        for j in range(fanout[1]):
            second = Module(first.path / "modules" / f"l2_{j:02d}", 2, [])
            first.children.append(second)
            for k in range(fanout[2]):
                second.children.append(Module(second.path / "modules" / f"l3_{k:02d}", 3, []))
    return top


def all_modules(top: Module) -> list[Module]:
    out, stack = [], [top]
    while stack:
        module = stack.pop()
        out.append(module)
        stack.extend(reversed(module.children))
    return out


def module_calls(module: Module) -> str:
    blocks = []
    for child in module.children:
        name = child.path.name
        condition = "var.trail_enabled" if module.level else "var.modules_enabled"
        blocks.append(f"""module "{name}" {{
  source = "./modules/{name}"

  name_prefix    = "${{var.name_prefix}}-{name}"
  trail_enabled  = {condition}
  multi_region   = false
  regions        = var.regions
  retention_days = var.retention_days * 2
  tags = merge(var.tags, {{
    level  = "{child.level}"
    module = "{name}"
  }})
}}
""")
    return "\n".join(blocks)


def trail(module: Module) -> tuple[str, int]:
    """The module's aws_cloudtrail and its instance count."""
    if module.level == 0:
        return """resource "aws_cloudtrail" "organization" {
  name                          = "${local.prefix}-all-regions"
  s3_bucket_name                = aws_s3_bucket.trail_logs.id
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  enable_logging                = var.trail_enabled

  event_selector {
    read_write_type           = "All"
    include_management_events = true
  }
  tags = local.common_tags
}
""", 1
    if module.level == 2:
        return f"""resource "aws_cloudtrail" "regional" {{
  for_each              = toset(var.regions)
  name                  = "${{var.name_prefix}}-${{each.key}}"
  s3_bucket_name        = "${{var.name_prefix}}-logs"
  is_multi_region_trail = var.multi_region

  dynamic "event_selector" {{
    for_each = var.trail_enabled ? ["All"] : []
    content {{
      read_write_type           = event_selector.value
      include_management_events = true
    }}
  }}
  tags = merge(var.tags, {{ region = each.key }})
}}
""", len(REGIONS)
    if module.level == 3:
        return """resource "aws_cloudtrail" "this" {
  count                 = var.trail_enabled ? 1 : 0
  name                  = lower("${var.name_prefix}-trail")
  s3_bucket_name        = "${var.name_prefix}-logs"
  is_multi_region_trail = var.multi_region
  enable_logging        = true
}
""", 1
    return "", 0


def filler(rng: random.Random, module: Module, index: int) -> str:
    """A file of everyday resources: what a parser must get through that the control does not judge."""
    name = f"f{index:03d}"
    days = rng.choice([7, 30, 90, 365])
    parts = [f"""# Filler {index} of {module.path.name}: resources trailguard reads past.
resource "aws_s3_bucket" "{name}" {{
  bucket        = "${{var.name_prefix}}-{name}-${{length(var.regions)}}"
  force_destroy = var.retention_days < {days} ? true : false
  tags = merge(var.tags, {{
    Name    = "{name}"
    Purpose = "filler /* not a comment */"
  }})
}}

resource "aws_s3_bucket_lifecycle_configuration" "{name}" {{
  bucket = aws_s3_bucket.{name}.id
  rule {{
    id     = "expire-{days}"
    status = "Enabled"
    expiration {{
      days = max(var.retention_days, {days})
    }}
  }}
}}
""", f"""resource "aws_iam_role" "{name}" {{
  name               = format("%s-{name}-role", var.name_prefix)
  assume_role_policy = <<-POLICY
    {{
      "Version": "2012-10-17",
      "Statement": [{{
        "Effect": "Allow",
        "Principal": {{ "Service": "cloudtrail.amazonaws.com" }},
        "Action": "sts:AssumeRole"
      }}]
    }}
  POLICY
}}

resource "aws_iam_role_policy" "{name}" {{
  role = aws_iam_role.{name}.id
  policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [for region in var.regions : {{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "arn:aws:logs:${{region}}:*:log-group:${{var.name_prefix}}-*"
    }}]
  }})
}}
"""]
    if rng.random() < 0.5:
        parts.append(f"""resource "aws_cloudwatch_log_group" "{name}" {{
  for_each          = {{ for r in var.regions : r => upper(r) }}
  name              = "/trail/${{var.name_prefix}}/${{each.value}}"
  retention_in_days = var.retention_days
  kms_key_id        = aws_kms_key.{name}.arn
}}

resource "aws_kms_key" "{name}" {{
  description             = "Key for %{{ if var.trail_enabled }}enabled%{{ else }}disabled%{{ endif }} trails"
  deletion_window_in_days = {rng.randint(7, 30)}
  enable_key_rotation     = !false
}}
""")
    else:
        parts.append(f"""resource "aws_security_group" "{name}" {{
  name = "${{var.name_prefix}}-{name}"
  dynamic "ingress" {{
    for_each = [443, 8443]
    content {{
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["10.${{ingress.key}}.0.0/16"] // private only
    }}
  }}
  lifecycle {{
    create_before_destroy = true
  }}
}}
""")
    return "\n".join(parts)


def core_files(module: Module) -> dict[str, str]:
    """main.tf, variables.tf, locals.tf and outputs.tf of a module (and the root's tfvars)."""
    trail_text, _ = trail(module)
    if module.level == 0:
        variables = MODULE_VARIABLES.replace('variable "name_prefix" {\n  type        = string',
                                             'variable "name_prefix" {\n  type        = string\n  default     = "bench"')
        variables += '\nvariable "region" {\n  type    = string\n  default = "us-east-1"\n}\n'
        variables += '\nvariable "modules_enabled" {\n  type    = bool\n  default = false\n}\n'
        main = f'provider "aws" {{\n  region = var.region\n}}\n\nresource "aws_s3_bucket" "trail_logs" {{\n' \
               f'  bucket = "${{local.prefix}}-trail-logs"\n}}\n\n{trail_text}\n{module_calls(module)}'
    else:
        variables = MODULE_VARIABLES
        main = f"{trail_text}\n{module_calls(module)}"
    files = {
        "main.tf": main,
        "variables.tf": variables,
        "locals.tf": """locals {
  prefix      = lower(var.name_prefix)
  common_tags = merge(var.tags, { ManagedBy = "terraform", Prefix = local.prefix })
  regions_csv = join(",", var.regions)
}
""",
        "outputs.tf": 'output "prefix" {\n  value = local.prefix\n}\n' + "".join(
            f'\noutput "{c.path.name}_prefix" {{\n  value = module.{c.path.name}.prefix\n}}\n' for c in module.children),
    }
    if module.level == 0:
        files["terraform.tfvars"] = (f'name_prefix     = "Bench"\nregions         = {json.dumps(REGIONS)}\n'
                                     'modules_enabled = true\ntags = {\n  Team = "audit"\n}\n')
    return files


def generate(plan: Plan) -> dict:
    out = Path(plan.out)
    if out.exists():
        shutil.rmtree(out)
    rng = random.Random(plan.seed)
    modules = all_modules(module_tree(out, plan.fanout))
    core = 4 * len(modules)
    if plan.files < core:
        raise ValueError(f"--files {plan.files}: at least {core} (4 per module) are needed")
    fillers, extra = divmod(plan.files - core, len(modules))
    tf_files = tfvars = trail_instances = 0
    total_bytes = 0
    for position, module in enumerate(modules):
        module.path.mkdir(parents=True, exist_ok=True)
        files = core_files(module)
        for i in range(fillers + (1 if position < extra else 0)):
            files[f"filler_{i:03d}.tf"] = filler(rng, module, i)
        for name, text in files.items():
            (module.path / name).write_text(text)
            total_bytes += len(text.encode())
            tf_files += name.endswith(".tf")
            tfvars += name.endswith(".tfvars")
        trail_instances += trail(module)[1]
    manifest = {"plan": asdict(plan), "tf_files": tf_files, "tfvars_files": tfvars, "modules": len(modules),
                "bytes": total_bytes, "trail_instances": trail_instances}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--files", type=int, default=Plan.files)
    parser.add_argument("--seed", type=int, default=Plan.seed)
    args = parser.parse_args()
    print(json.dumps(generate(Plan(args.out, args.files, args.seed)), indent=1))


if __name__ == "__main__":
    main()
