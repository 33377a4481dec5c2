#!/usr/bin/env python3
"""Writes SigV4 test cases signed by botocore itself, for sigv4_botocore_test.

Every case is a request (method, URL, headers, body), credentials, a service, a region and a
signing time, chosen by a seeded random generator so the file is the same on every run. Each is
signed with botocore's SigV4Auth (or S3SigV4Auth for S3) on a botocore.awsrequest.AWSRequest with
the clock fixed, and the file records what botocore produced: the Authorization header, the
canonical request, the string to sign and the final headers.

usage: gen_sigv4_cases.py OUT.json [--count N] [--seed N]
"""
import argparse
import datetime
import json
import random
import sys
from unittest import mock

import botocore
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

SERVICES = ["cloudtrail", "sts", "ec2", "organizations", "s3", "kms", "iam", "securityhub"]
PARTITIONS = {
    "aws": (["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "ap-northeast-1",
             "sa-east-1", "me-south-1", "af-south-1"], "amazonaws.com"),
    "aws-cn": (["cn-north-1", "cn-northwest-1"], "amazonaws.com.cn"),
    "aws-us-gov": (["us-gov-west-1", "us-gov-east-1"], "amazonaws.com"),
}
METHODS = ["GET", "POST", "PUT", "DELETE", "HEAD"]

# Path segments, some of them already percent-encoded as a serializer would, some raw.
SEGMENTS = [
    "a", "b", "trail", "my-bucket", "key.txt", "2024", "AWSLogs", "CloudTrail", "x_y~z",
    "with space", "two  spaces", "caf\u00e9", "\u65e5\u672c\u8a9e", "\U0001F600", "\u00fcml\u00e4ut",
    "..", ".", "...", "%20", "%2F", "%25", "a%2Bb", "100%", "a+b", "a=b", "k;v", "!$&'()*,", ":@",
    "~user", "[x]", "{y}", "a|b", "back\\slash", "quote\"d", "<tag>", "^caret", "`tick`",
    "caf%C3%A9", "%E6%97%A5", "UPPER", "MiXeD",
]
QUERY_KEYS = [
    "Action", "Version", "a", "A", "b", "B", "list-type", "prefix", "delimiter", "max-keys",
    "key with space", "k%20e", "k+e", "\u00fc", "caf%C3%A9", "x-id", "Param1", "Param2", "", "a.b",
    "~t", "%", "/", "=", "uploads", "versionId", "NextToken",
]
QUERY_VALUES = [
    "", "1", "2", "value", "DescribeTrails", "2013-11-01", "a b", "a%20b", "a+b", "a%2Bb", "%",
    "%25", "x=y", "/", "%2F", "AWSLogs/123456789012/", "\u00fc", "\u65e5\u672c", "caf%C3%A9",
    "==", "a&b", "trail/with/slash", "%E2%9C%93", "~tilde", "*", "\U0001F600",
]
WHITESPACE = [" ", "  ", "\t", " \t ", "\u00a0", "\u3000", "\u2003", "\x0b", "\x0c", "\x1f", "\u2028", "\u0085"]
HEADER_VALUES = [
    "application/x-amz-json-1.1", "application/x-www-form-urlencoded; charset=utf-8",
    "CloudTrail_20131101.DescribeTrails", "no-cache", "gzip, deflate", "bytes=0-99", "",
    "caf\u00e9", "a\"quoted\"b", "1", "x,y,z",
]


def rand_token(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def make_host(rng, service, region, suffix):
    r = rng.random()
    if r < 0.08:
        return "127.0.0.1:5000"
    if r < 0.12:
        return "localhost:4566"
    if r < 0.15:
        return "[::1]:8443"
    if r < 0.16:
        return "[FE80::1%25eth0]"
    if service == "iam" and rng.random() < 0.5:
        host = "iam.amazonaws.com"
    elif service == "s3" and rng.random() < 0.4:
        host = f"{rand_token(rng, 'abcdefghijklmnopqrstuvwxyz0123456789-', rng.randint(3, 12))}.s3.{region}.{suffix}"
    else:
        host = f"{service}.{region}.{suffix}"
    if rng.random() < 0.1:
        host = "".join(c.upper() if rng.random() < 0.5 else c for c in host)
    r = rng.random()
    if r < 0.05:
        host += ":443"
    elif r < 0.08:
        host += ":80"
    elif r < 0.10:
        host += ":8080"
    elif r < 0.11:
        host += ":"
    if rng.random() < 0.02:
        host = "user:pass@" + host
    return host


def make_path(rng, s3):
    r = rng.random()
    if r < 0.12 and not s3:
        return ""
    if r < 0.25:
        return "/"
    parts = []
    for _ in range(rng.randint(1, 6)):
        parts.append(rng.choice(SEGMENTS) if rng.random() < 0.85 else "")
    path = "/" + "/".join(parts)
    if rng.random() < 0.2:
        path += "/"
    if rng.random() < 0.1:
        path = path.replace("/", "//", 1)
    return path


def make_query(rng):
    r = rng.random()
    if r < 0.3:
        return None
    if r < 0.35:
        return ""
    pairs = []
    for _ in range(rng.randint(1, 6)):
        key = rng.choice(QUERY_KEYS)
        if pairs and rng.random() < 0.2:
            key = rng.choice(pairs)[0]  # repeated key
        shape = rng.random()
        if shape < 0.1:
            pairs.append((key, None))  # bare key, no '='
        else:
            pairs.append((key, rng.choice(QUERY_VALUES)))
    text = "&".join(k if v is None else f"{k}={v}" for k, v in pairs)
    if rng.random() < 0.05:
        text += "&"
    if rng.random() < 0.03:
        text = "&" + text
    return text


def make_body(rng, method):
    r = rng.random()
    if method in ("GET", "HEAD") and r < 0.8:
        return b""
    if r < 0.25:
        return b""
    if r < 0.45:
        doc = {"trailNameList": [rand_token(rng, "abcdef-", 8)], "includeShadowTrails": rng.random() < 0.5,
               "note": "caf\u00e9 \u65e5\u672c"}
        return json.dumps(doc, ensure_ascii=rng.random() < 0.5).encode("utf-8")
    if r < 0.65:
        return f"Action=DescribeTrails&Version=2013-11-01&Name={rand_token(rng, 'abc%20+', 6)}".encode()
    if r < 0.9:
        return bytes(rng.randrange(256) for _ in range(rng.randint(1, 300)))
    return bytes(rng.randrange(256) for _ in range(rng.randint(20000, 70000)))


def odd(rng, value):
    """The value with odd whitespace before, inside and after it."""
    out = rng.choice(WHITESPACE) if rng.random() < 0.5 else ""
    words = value.split(" ") if value else [""]
    out += rng.choice(WHITESPACE).join(words) if rng.random() < 0.5 else value
    if rng.random() < 0.5:
        out += rng.choice(WHITESPACE)
    return out


def make_headers(rng, service, host, body, method):
    headers = []
    if method in ("POST", "PUT") and rng.random() < 0.7:
        headers.append(("Content-Type", rng.choice(HEADER_VALUES[:2])))
    if service in ("cloudtrail", "kms", "organizations", "securityhub") and rng.random() < 0.5:
        headers.append(("X-Amz-Target", f"{service}_20131101.Describe"))
    extras = [
        ("User-Agent", "trailguard/0.1 Botocore/1.43"),       # never signed
        ("Expect", "100-continue"),                           # never signed
        ("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793"),
        ("Connection", "keep-alive"),
        ("Transfer-Encoding", "chunked"),
        ("Content-MD5", "1B2M2Y8AsgTpgAmY7PcCfg=="),
        ("X-Custom", "a   b \t c"),
        ("x-amz-meta-Name", "caf\u00e9  \u00a0 bar"),
        ("Accept-Encoding", "identity"),
        ("Range", "bytes=0-99"),
        ("X-Amz-User-Agent", "aws-cli/2"),
        ("My-Header1", "value4"),
        ("Cache-Control", "no-cache"),
        ("X-Empty", ""),
        ("X-Blank", "   "),
    ]
    for name, value in rng.sample(extras, rng.randint(0, 5)):
        headers.append((name, odd(rng, value) if rng.random() < 0.6 else value))
    if rng.random() < 0.1:  # the same header twice, with different case
        headers.append(("x-dup", odd(rng, "first")))
        headers.append(("X-DUP", odd(rng, "second one")))
    if rng.random() < 0.08:
        headers.append(("Host", host.split("@")[-1] if rng.random() < 0.7 else "override.example.com"))
    if rng.random() < 0.05:
        headers.append(("Authorization", "AWS4-HMAC-SHA256 Credential=stale"))
    if rng.random() < 0.05:
        headers.append(("X-Amz-Date", "20000101T000000Z"))
    if rng.random() < 0.04:
        headers.append(("Date", "Mon, 01 Jan 2000 00:00:00 GMT"))
    if rng.random() < 0.05:
        headers.append(("X-Amz-Security-Token", "stale-token"))
    if rng.random() < 0.05:
        headers.append(("X-Amz-Content-SHA256", rng.choice(["UNSIGNED-PAYLOAD", "deadbeef", " padded "])))
    if rng.random() < 0.3:  # names in odd case
        headers = [("".join(c.upper() if rng.random() < 0.5 else c.lower() for c in n), v) for n, v in headers]
    rng.shuffle(headers)
    return headers


def make_case(rng, index):
    service = rng.choice(SERVICES)
    partition = rng.choice(list(PARTITIONS)) if rng.random() < 0.5 else "aws"
    regions, suffix = PARTITIONS[partition]
    region = rng.choice(regions)
    if service == "iam" and rng.random() < 0.5:
        region = {"aws": "us-east-1", "aws-cn": "cn-north-1", "aws-us-gov": "us-gov-west-1"}[partition]
    s3 = service == "s3"
    method = rng.choice(METHODS)
    scheme = "http" if rng.random() < 0.15 else "https"
    host = make_host(rng, service, region, suffix)
    url = f"{scheme}://{host}{make_path(rng, s3)}"
    query = make_query(rng)
    if query is not None:
        url += "?" + query
    if rng.random() < 0.03:
        url += "#fragment"
    body = make_body(rng, method)
    headers = make_headers(rng, service, host, body, method)
    access_key = ("ASIA" if rng.random() < 0.5 else "AKIA") + rand_token(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
    secret = rand_token(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40)
    token = ""
    if rng.random() < 0.5:
        token = rand_token(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=", rng.randint(100, 400))
    epoch = rng.randint(1262304000, 2082758399)  # 2010-01-01 .. 2035-12-31
    return {
        "id": index, "service": service, "region": region, "s3": s3, "method": method, "url": url,
        "headers": headers, "body_hex": body.hex(), "access_key_id": access_key, "secret_access_key": secret,
        "session_token": token, "epoch_seconds": epoch,
    }


def sign(case):
    request = AWSRequest(method=case["method"], url=case["url"], data=bytes.fromhex(case["body_hex"]))
    for name, value in case["headers"]:
        request.headers[name] = value  # HTTPHeaders: appends, so repeated names stay repeated
    credentials = Credentials(case["access_key_id"], case["secret_access_key"], case["session_token"] or None)
    signer_class = botocore.auth.S3SigV4Auth if case["s3"] else botocore.auth.SigV4Auth
    signer = signer_class(credentials, case["service"], case["region"])
    now = datetime.datetime.fromtimestamp(case["epoch_seconds"], datetime.timezone.utc).replace(tzinfo=None)
    # Record the canonical request and string to sign add_auth computes (computing them again
    # afterwards would see the Authorization header it has added).
    seen = {}
    original_string_to_sign = signer.string_to_sign

    def recording_string_to_sign(req, canonical_request):
        seen["canonical_request"] = canonical_request
        seen["string_to_sign"] = original_string_to_sign(req, canonical_request)
        return seen["string_to_sign"]

    signer.string_to_sign = recording_string_to_sign
    with mock.patch("botocore.auth.get_current_datetime", return_value=now):
        signer.add_auth(request)
    return {
        "authorization": request.headers["Authorization"],
        "canonical_request": seen["canonical_request"],
        "string_to_sign": seen["string_to_sign"],
        "headers": [[n, v] for n, v in request.headers.items()],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--count", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=20150830)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    cases = []
    for index in range(args.count):
        case = make_case(rng, index)
        case["expected"] = sign(case)
        cases.append(case)
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump({"botocore_version": botocore.__version__, "seed": args.seed, "cases": cases}, out)
    print(f"wrote {len(cases)} cases signed by botocore {botocore.__version__} to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
