#!/usr/bin/env python3
"""The README's first command, past the build: a live scan of emulated AWS accounts.

Starts moto_server on 127.0.0.1 (a local AWS emulator), seeds two accounts through the real AWS API,
runs `trailguard scan` against each over HTTP with SigV4, and stops the emulator:
  - account 123456789012: only a single-region trail in eu-west-1, so every region FAILs;
  - account 222222222222, reached through an AWS CLI profile with role_arn (STS AssumeRole): a
    multi-region trail, logging, Read+Write management events, so every region PASSes.
Each account's scan is also written as an HTML report (-o html) to build/demo/ACCOUNT.html, and the demo says
where. Nothing leaves this machine: every endpoint is the emulator's.
"""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "emulator"))
import moto_server as emulator  # noqa: E402

SECOND_ACCOUNT = "222222222222"
ROLE = f"arn:aws:iam::{SECOND_ACCOUNT}:role/trailguard-demo-auditor"


def seed_second_account(moto: emulator.MotoServer) -> None:
    """Seeds the second account with credentials of that account (moto isolates accounts by credentials)."""
    import boto3  # noqa: PLC0415

    creds = moto.client("sts").assume_role(RoleArn=ROLE, RoleSessionName="seed")["Credentials"]
    session = boto3.session.Session(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                                    aws_session_token=creds["SessionToken"], region_name="us-east-1")
    s3 = session.client("s3", endpoint_url=moto.url)
    cloudtrail = session.client("cloudtrail", endpoint_url=moto.url)
    s3.create_bucket(Bucket="org-baseline-logs")
    cloudtrail.create_trail(Name="baseline", S3BucketName="org-baseline-logs", IsMultiRegionTrail=True,
                            IncludeGlobalServiceEvents=True, EnableLogFileValidation=True)
    cloudtrail.put_event_selectors(TrailName="baseline",
                                   EventSelectors=[{"ReadWriteType": "All", "IncludeManagementEvents": True}])
    cloudtrail.start_logging(Name="baseline")


def main() -> int:
    binary = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "build" / "trailguard")
    with emulator.MotoServer() as moto, tempfile.TemporaryDirectory() as home:
        emulator.seed_trail(moto, "legacy-eu", home_region="eu-west-1", multi_region=False)
        seed_second_account(moto)

        env = moto.aws_env(home)
        config = Path(home) / "config"
        config.write_text(f"[profile demo-second]\nrole_arn = {ROLE}\nsource_profile = demo-base\nregion = us-east-1\n"
                          "[profile demo-base]\nregion = us-east-1\n")
        credentials = Path(home) / "credentials"
        credentials.write_text(f"[demo-base]\naws_access_key_id = {emulator.FAKE_ACCESS_KEY_ID}\n"
                               f"aws_secret_access_key = {emulator.FAKE_SECRET_ACCESS_KEY}\n")
        env.update(AWS_CONFIG_FILE=str(config), AWS_SHARED_CREDENTIALS_FILE=str(credentials))

        worst = 0
        pages = ROOT / "build" / "demo"
        pages.mkdir(parents=True, exist_ok=True)
        for account, title, extra in (
                ("123456789012", "Account 123456789012 (environment keys): only a single-region trail", ["--inventory"]),
                (SECOND_ACCOUNT, "Account 222222222222 (profile demo-second, role_arn via STS AssumeRole)",
                 ["--profile", "demo-second"])):
            command = [binary, "scan", "--endpoint-url", moto.url, "--stats", *extra]
            print(f"\n=== {title}\n$ trailguard {' '.join(command[1:])}\n", flush=True)
            code = subprocess.run(command, env=env, check=False).returncode
            print(f"(exit code {code})", flush=True)
            worst = max(worst, code)
            # The same scan as one self-contained HTML page (its exit code is the scan's, already counted).
            page = pages / f"{account}.html"
            html = subprocess.run([binary, "scan", "--endpoint-url", moto.url, *extra, "-o", "html", "--out", str(page)],
                                  env=env, check=False, stdout=subprocess.DEVNULL).returncode
            if html in (0, 1, 3):
                print(f"HTML report: {page.relative_to(ROOT)} (open it in a browser)", flush=True)
            else:
                print(f"HTML report: not written (exit code {html})", flush=True)
                worst = max(worst, html)
        return 0 if worst in (0, 1) else worst


if __name__ == "__main__":
    sys.exit(main())
