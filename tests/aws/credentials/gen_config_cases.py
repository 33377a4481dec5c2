#!/usr/bin/env python3
"""Config-file and command-line cases with botocore's own answers, for ini_botocore_test.cpp.

Prints one JSON object per line:
  {"kind": "ini", "text": ..., "error": bool, "sections": {...}, "profiles": {...}, "sso_sessions": {...}}
      sections: botocore.configloader.raw_config_parse (nested "s3 =" blocks as objects);
      profiles / sso_sessions: botocore.configloader.load_config (the config-file mapping).
  {"kind": "shlex", "text": ..., "error": bool, "words": [...]}
      botocore.compat.compat_shell_split (shlex.split on POSIX), as credential_process is split.
The fixed cases cover each rule; the generated ones (seeded, so repeatable) mix them at random.
"""
import json
import os
import random
import sys
import tempfile

import botocore.compat
import botocore.configloader
import botocore.exceptions

FIXED_INI = [
    "[default]\naws_access_key_id = A\naws_secret_access_key = B\n",
    "[profile dev]\nregion=eu-west-1\n[profile  spaced]\nregion = x\n[profile \"quoted name\"]\nregion = y\n",
    "[ profile padded ]\nregion = z\n[profilex y]\nregion = w\n[profile a b]\nregion = v\n[profile]\nk = 1\n",
    "[default]\nregion: us-west-2\nKEY_Upper = Value Kept\nrole_arn = arn:aws:iam::1:role/x ; not a comment\n",
    "# comment\n; comment\n[default]\n  # indented comment\nregion = a # not a comment\n",
    "[default]\ns3 =\n    addressing_style = path\n    signature_version = s3v4\nregion = eu-west-1\n",
    "[default]\ns3 =\n  max_concurrent_requests = 20\n\n  # comment in block\n  multipart_threshold = 64MB\n",
    "[default]\nmultiline = first\n  second\n\n  third\n\nnext = 1\n",
    "[default]\r\nregion = crlf\r\n[profile x]\r\nregion = y\r\n",
    "[DEFAULT]\nregion = from-default\n[default]\naws_access_key_id = A\n[profile p]\nregion = own\n",
    "[sso-session corp]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n"
    "[profile corp]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Audit\n",
    "[default]\nregion = a\n[profile default]\nregion = b\n",
    "[profile default]\nregion = b\n[default]\nregion = a\n",
    "[services dev]\nsts =\n  endpoint_url = http://localhost\n[preview]\ncloudfront = true\n",
    "[default]\nempty =\nafter = x\n",
    "[default]\nkey = value = with = equals\nurl = http://a:b@c/\n",
    "[a]b\nk = 1\n",
    "[default]] trailing\nk = 1\n",
    "   [indented]\nk = 1\n",
    "[default]\n\tk = tab indented\n",
    "[default]\nk = 1\n  [not a section]\n",
    # errors
    "region = no section\n",
    "[default]\njust a line\n",
    "[default]\n= no key\n",
    "[default]\nk = 1\n[default]\nk = 2\n",
    "[default]\nk = 1\nK = 2\n",
    "[default]\ns3 =\n    no equals here\n",
    "[]\nk = 1\n",
]

FIXED_SHLEX = [
    "/usr/bin/get-creds --profile dev",
    "  leading   and   trailing  ",
    "'single quoted arg' \"double quoted arg\"",
    "a\\ b c\\\\d",
    "\"esc \\\" quote \\\\ backslash \\n kept\"",
    "'no \\ escape in single'",
    "mixed'quo'ted\"wo\"rd",
    "empty '' \"\" words",
    "tab\tand\nnewline",
    "$HOME `cmd` ; | & > < # stay literal",
    "unclosed 'quote",
    "unclosed \"quote",
    "trailing backslash \\",
    "",
]


def ini_case(text):
    with tempfile.NamedTemporaryFile("w", suffix=".ini", delete=False, newline="") as handle:
        handle.write(text)
        path = handle.name
    try:
        try:
            sections = botocore.configloader.raw_config_parse(path)
            mapped = botocore.configloader.load_config(path)
        except botocore.exceptions.ConfigParseError:
            return {"kind": "ini", "text": text, "error": True}
        return {
            "kind": "ini",
            "text": text,
            "error": False,
            "sections": sections,
            "profiles": mapped["profiles"],
            "sso_sessions": mapped["sso_sessions"],
        }
    finally:
        os.unlink(path)


def shlex_case(text):
    try:
        return {"kind": "shlex", "text": text, "error": False, "words": botocore.compat.compat_shell_split(text)}
    except ValueError:
        return {"kind": "shlex", "text": text, "error": True}


def random_ini(rng):
    names = ["default", "profile dev", "profile  two", "profile \"a b\"", "sso-session s", "DEFAULT", "other",
             "profile x y", " profile pad"]
    keys = ["region", "aws_access_key_id", "Role_Arn", "s3", "output", "credential_process", "x"]
    values = ["us-east-1", "a ; b", "a # b", "", "http://h:1/p", "k = v", "arn:aws:iam::1:role/r"]
    lines = []
    used_sections = set()
    for _ in range(rng.randint(1, 6)):
        name = rng.choice(names)
        if name in used_sections and rng.random() < 0.8:
            continue
        used_sections.add(name)
        lines.append(rng.choice(["[%s]", "[%s]", "  [%s]", "[%s] ; c"]) % name)
        used_keys = set()
        for _ in range(rng.randint(0, 5)):
            key = rng.choice(keys)
            if key.lower() in used_keys and rng.random() < 0.9:
                continue
            used_keys.add(key.lower())
            delimiter = rng.choice([" = ", "=", ": ", " =  "])
            lines.append(key + delimiter + rng.choice(values))
            if rng.random() < 0.3:
                for _ in range(rng.randint(1, 3)):
                    lines.append(rng.choice(["    sub = 1", "  sub2=two", "", "  # c", "\tdeep = x"]))
            if rng.random() < 0.15:
                lines.append(rng.choice(["# comment", "; comment", "", "   ", "  ; indented", "stray line"]))
    ending = rng.choice(["\n", "\r\n"])
    return ending.join(lines) + rng.choice(["", ending])


def random_shlex(rng):
    pieces = ["a", "bc", " ", "  ", "'", "\"", "\\", "x y", "\t", "$V", "#", "''", "\\\"", "q'r s't", "\"u \\\" v\""]
    return "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    rng = random.Random(20261124)
    cases = [ini_case(t) for t in FIXED_INI] + [shlex_case(t) for t in FIXED_SHLEX]
    cases += [ini_case(random_ini(rng)) for _ in range(count)]
    cases += [shlex_case(random_shlex(rng)) for _ in range(count)]
    for case in cases:
        print(json.dumps(case))


if __name__ == "__main__":
    main()
