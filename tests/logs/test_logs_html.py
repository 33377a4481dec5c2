"""`trailguard logs -o html` read with Python's html.parser: the page parses, forbids fetches (the scan
report's Content-Security-Policy) and refers to nothing outside itself; its heat map has one row per
(account, delivery region) of the same run's -o json, one cell per day of the window, and each cell's
data-events and data-gap-hours are exactly that region's events_by_day and the gap hours of that day; the
findings tables hold every tampering call and unused-region group, and hostile strings from the logs stay
text. Pages broken on purpose (a missing cell, a wrong count, a fetch, an unescaped tag) are refused. With --node,
headless Chromium draws the page (logs_html_browser_check.mjs): cells in their colours, gap days outlined.

    python3 test_logs_html.py --trailguard build/trailguard
"""

from __future__ import annotations

import datetime
import html.parser
import json
import os
import shutil
import subprocess
import tempfile
import unittest
from collections import defaultdict
from pathlib import Path

from log_tree import ACCOUNT, LogTree, record, run_tests

TRAILGUARD = ""
NODE = os.environ.get("TRAILGUARD_NODE", "")
BROWSER_CHECK = Path(__file__).with_name("logs_html_browser_check.mjs")
OTHER = "444455556666"
SINCE, UNTIL = "2026-11-28T00:00:00Z", "2026-12-02T00:00:00Z"
DAYS = ["2026-11-28", "2026-11-29", "2026-11-30", "2026-12-01"]
HOSTILE = "arn:aws:iam::111122223333:user/<script>alert(1)</script>&\"'"


class Page(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: dict[tuple[str, str], list[dict]] = {}
        self.row_classes: list[tuple[str, dict]] = []
        self.metas: list[dict] = []
        self.fetching: list[str] = []
        self.tags: list[str] = []
        self.text = ""
        self._account = ""
        self._row: list[dict] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "table" and "heat" in a.get("class", ""):
            self._account = a["data-account"]
        elif tag == "tr" and "data-region" in a:
            self._row = self.rows.setdefault((self._account, a["data-region"]), [])
        elif tag == "tr" and "class" in a:
            self.row_classes.append((a["class"], a))
        elif tag == "td" and self._row is not None and "data-day" in a:
            self._row.append(a)
        elif tag == "meta":
            self.metas.append(a)
        for name in ("src", "href", "srcset", "action", "poster", "data"):
            if name in a:
                self.fetching.append(f"<{tag} {name}={a[name]!r}>")
        if tag in ("link", "iframe", "object", "embed", "base", "img"):
            self.fetching.append(f"<{tag}>")

    def handle_endtag(self, tag):
        if tag == "tr":
            self._row = None

    def handle_data(self, data):
        self.text += data


def hour_range(start: str, end: str) -> list[str]:
    """Every hour [start, end) as ISO times."""
    t = datetime.datetime.fromisoformat(start.replace("Z", "+00:00"))
    e = datetime.datetime.fromisoformat(end.replace("Z", "+00:00"))
    out = []
    while t < e:
        out.append(t.strftime("%Y-%m-%dT%H:%M:%SZ"))
        t += datetime.timedelta(hours=1)
    return out


def check_page(text: str, document: dict) -> Page:
    """Parses `text` and asserts what a logs page must be for this (-o json) report; returns the page."""
    page = Page()
    page.feed(text)
    page.close()
    assert text.startswith("<!DOCTYPE html>"), "not an HTML5 document"
    csp = [m.get("content", "") for m in page.metas if m.get("http-equiv", "").lower() == "content-security-policy"]
    assert len(csp) == 1 and "default-src 'none'" in csp[0], f"no CSP forbidding fetches: {csp}"
    assert not page.fetching, f"the page refers to something outside itself: {page.fetching}"
    assert "script" not in page.tags, "the logs page has no script, so any <script> is injected"
    want = {(r["account_id"], r["region"]): r for r in document["regions"]}
    assert set(page.rows) == set(want), f"heat-map rows {sorted(page.rows)} != regions {sorted(want)}"
    for key, cells in page.rows.items():
        region = want[key]
        days = [c["data-day"] for c in cells]
        assert days == sorted(set(days)), f"{key}: days out of order or repeated: {days}"
        window_days = {h[:10] for h in hour_range(region["window"]["from"], region["window"]["until"])}
        assert window_days <= set(days), f"{key}: days {sorted(window_days - set(days))} of the window have no cell"
        events = {c["data-day"]: int(c["data-events"]) for c in cells}
        for day, count in region["events_by_day"].items():
            assert events.get(day) == count, f"{key} {day}: cell says {events.get(day)} events, JSON {count}"
        assert sum(events.values()) == sum(region["events_by_day"].values()), f"{key}: events in cells the JSON lacks"
        gap_by_day: dict[str, int] = defaultdict(int)
        for gap in region["gaps"]:
            for hour in hour_range(gap["from"], gap["until"]):
                gap_by_day[hour[:10]] += 1
        cell_gaps = {c["data-day"]: int(c["data-gap-hours"]) for c in cells if int(c["data-gap-hours"])}
        assert cell_gaps == dict(gap_by_day), f"{key}: gap hours by day {cell_gaps} != JSON's {dict(gap_by_day)}"
        for c in cells:
            assert ("gap" in c["class"].split()) == (int(c["data-gap-hours"]) > 0), f"{key} {c['data-day']}: gap mark wrong"
    tampering = [a for kind, a in page.row_classes if kind == "tampering"]
    assert len(tampering) == len(document["tampering"]), f"{len(tampering)} tampering rows, JSON {len(document['tampering'])}"
    unused = [a for kind, a in page.row_classes if kind == "unused"]
    assert len(unused) == len(document["unused_region_activity"]), "unused-region rows differ from the JSON"
    errors = [a for kind, a in page.row_classes if kind == "error"]
    assert len(errors) == len(document["errors"]), "unreadable-file rows differ from the JSON"
    return page


class LogsHtml(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="trailguard-logs-html-"))
        tree = LogTree(self.dir)
        for day in DAYS:
            tree.hourly(ACCOUNT, ["us-east-1", "eu-west-1"], day, range(24))
        # eu-west-1 stops delivering from 2026-11-30T20:00 to 2026-12-01T03:00: a gap across midnight.
        shutil.rmtree(self.dir / "AWSLogs" / ACCOUNT / "CloudTrail" / "eu-west-1" / "2026" / "11" / "30", ignore_errors=True)
        shutil.rmtree(self.dir / "AWSLogs" / ACCOUNT / "CloudTrail-Digest" / "eu-west-1" / "2026" / "11" / "30", ignore_errors=True)
        tree.hourly(ACCOUNT, ["eu-west-1"], "2026-11-30", range(20))
        for hour in range(3):
            for kind in ("CloudTrail", "CloudTrail-Digest"):
                for f in (self.dir / "AWSLogs" / ACCOUNT / kind / "eu-west-1" / "2026" / "12" / "01").glob(f"*20261201T0{hour}*"):
                    f.unlink()
        tree.log(ACCOUNT, "ap-south-1", "2026-12-01T10:05:00Z",
                 [record("RunInstances", "2026-12-01T10:01:00Z", "ap-south-1", read_only=False, principal=HOSTILE)])
        tree.log(ACCOUNT, "us-east-1", "2026-12-01T11:05:00Z",
                 [record("StopLogging", "2026-12-01T11:01:00Z", "us-east-1", "cloudtrail.amazonaws.com", read_only=False,
                         request_parameters={"name": "<b>main</b>"})])
        tree.hourly(OTHER, ["us-west-2"], "2026-11-29", range(24))
        (self.dir / "AWSLogs" / OTHER / "CloudTrail" / "us-west-2" / "2026" / "11" / "29" /
         f"{OTHER}_CloudTrail_us-west-2_20261129T2355Z_brokenbrokenbrok.json.gz").write_bytes(b"\x1f\x8b\x08broken")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def run_logs(self, output: str) -> subprocess.CompletedProcess:
        result = subprocess.run([TRAILGUARD, "logs", str(self.dir), "--since", SINCE, "--until", UNTIL, "-o", output],
                                capture_output=True, text=True, timeout=120)
        self.assertIn(result.returncode, (1, 3), result.stderr)
        return result

    def test_the_page_is_the_json_report_drawn(self):
        document = json.loads(self.run_logs("json").stdout)
        text = self.run_logs("html").stdout
        page = check_page(text, document)
        eu = page.rows[(ACCOUNT, "eu-west-1")]
        self.assertEqual([c["data-day"] for c in eu], DAYS)
        self.assertEqual([int(c["data-gap-hours"]) for c in eu], [0, 0, 4, 3])  # 20-23 h, then 00-02 h
        self.assertGreater(len(document["tampering"]), 0)
        self.assertGreater(len(document["unused_region_activity"]), 0)
        self.assertEqual(len(document["errors"]), 1)
        self.assertIn(HOSTILE, page.text)  # shown as text, not markup
        self.assertIn('<span class="chip" id="result" data-result="findings">', text)

    def test_several_formats_with_out_dir_write_the_page_too(self):
        out = self.dir / "reports"
        subprocess.run([TRAILGUARD, "logs", str(self.dir / "AWSLogs"), "-o", "json,html", "--out-dir", str(out),
                        "--since", SINCE, "--until", UNTIL], capture_output=True, timeout=120)
        check_page((out / "logs-report.html").read_text(), json.loads((out / "logs-report.json").read_text()))

    @unittest.skipUnless(NODE and Path("/usr/bin/chromium").exists(), "no node or chromium (scripts/setup installs them)")
    def test_chromium_draws_every_cell_and_refuses_a_page_drawn_wrong(self):
        page = self.dir / "page.html"
        page.write_text(self.run_logs("html").stdout)
        shot = Path(os.environ.get("TRAILGUARD_TEST_OUTPUT", str(self.dir))) / "logs-page.png"
        result = subprocess.run([NODE, str(BROWSER_CHECK), str(page), str(shot)], capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        for name, style in {"a wrong shade": "td.c.l1{background:#888}", "no gap outline": "td.c.gap{outline:none}",
                            "cells not drawn": "table.heat td.c{display:none}"}.items():
            broken = self.dir / "broken.html"
            broken.write_text(page.read_text().replace("</style>", style + "</style>", 1))
            result = subprocess.run([NODE, str(BROWSER_CHECK), str(broken)], capture_output=True, text=True, timeout=120)
            self.assertEqual(result.returncode, 1, f"{name}: not refused: {result.stdout}{result.stderr}")

    def test_broken_pages_are_refused(self):
        document = json.loads(self.run_logs("json").stdout)
        text = self.run_logs("html").stdout
        first = text.index('data-events="', text.index('<tr data-region="eu-west-1"'))
        cell_start = text.rindex("<td", 0, first)
        cell_end = text.index("</td>", first) + len("</td>")
        breakings = {
            "a missing cell": text[:cell_start] + text[cell_end:],
            "a wrong count": text[:first] + 'data-events="999999"' + text[text.index('"', first + 13) + 1:],
            "a fetch": text.replace("</main>", '<img src="https://example.invalid/x.png"></main>'),
            "an unescaped tag": text.replace("</main>", "<script>alert(1)</script></main>"),
            "a lost tampering row": text.replace('<tr class="tampering"', '<tr class="x"', 1),
        }
        for name, broken in breakings.items():
            with self.subTest(name), self.assertRaises(AssertionError):
                check_page(broken, document)


if __name__ == "__main__":
    run_tests(globals())
