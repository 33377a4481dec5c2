"""-o html read with Python's html.parser (no browser): the page parses, declares a Content-Security-Policy that
forbids fetches and refers to nothing outside itself, has exactly its three scripts, and every grid cell carries
data-account, data-region and data-status; the cells are exactly the findings of the same scan's -o json, and
the finding data (#tg-findings, #tg-meta, message templates expanded) gives back every message, reason and
trail, the sample's nastiest strings included. Pages broken on purpose (a cell without data-region, a missing
cell, an unescaped <script>, a fetch) are refused. Headless Chromium checks the rest (html_browser_test.mjs).

    python3 test_html_report.py --trailguard build/trailguard --sample build/tests/report/report_sample
"""

from __future__ import annotations

import html.parser
import json
import re
import subprocess
import tempfile
import unittest
from collections import Counter
from pathlib import Path

import report_schema

TRAILGUARD = SAMPLE = ""
CELL_ATTRIBUTES = ("data-account", "data-region", "data-status")


class Page(html.parser.HTMLParser):
    """What the checks need of a page: cells, rows, scripts, meta elements and anything that could fetch."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[dict] = []
        self.rows: list[dict] = []
        self.scripts: list[dict] = []
        self.metas: list[dict] = []
        self.fetching: list[str] = []
        self._script: dict | None = None
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "td" and any(k.startswith("data-") for k in a):
            self.cells.append(a)
        elif tag == "tr" and "data-account" in a:
            self.rows.append(a)
        elif tag == "script":
            self._script = {**a, "text": ""}
            self.scripts.append(self._script)
        elif tag == "meta":
            self.metas.append(a)
        for name in ("src", "href", "srcset", "action", "poster", "data"):
            if name in a:
                self.fetching.append(f"<{tag} {name}={a[name]!r}>")
        if tag in ("link", "iframe", "object", "embed", "base"):
            self.fetching.append(f"<{tag}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data


def expand(template: str, account: str, region: str) -> str:
    return re.sub(r"\{\{|\{a\}|\{r\}", lambda m: {"{{": "{", "{a}": account, "{r}": region}[m.group(0)], template)


def check_page(text: str, findings: list[dict]) -> Page:
    """Parses `text` and asserts what every -o html page must be for these (-o json) findings; returns it."""
    page = Page()
    page.feed(text)
    page.close()
    assert text.startswith("<!DOCTYPE html>"), "not an HTML5 document"
    csp = [m.get("content", "") for m in page.metas if m.get("http-equiv", "").lower() == "content-security-policy"]
    assert len(csp) == 1 and "default-src 'none'" in csp[0] and "connect-src" not in csp[0], f"no CSP forbidding fetches: {csp}"
    assert not page.fetching, f"the page refers to something outside itself: {page.fetching}"
    kinds = [s.get("type", "") for s in page.scripts]
    assert kinds == ["application/json", "application/json", ""], f"scripts: {kinds} (one unescaped <script> too many?)"
    assert not any("src" in s for s in page.scripts), "an external script"
    for cell in page.cells:
        missing = [name for name in CELL_ATTRIBUTES if not cell.get(name)]
        assert not missing, f"a cell without {missing}: {cell}"
    got = Counter((c["data-account"], c["data-region"], c["data-status"]) for c in page.cells)
    want = Counter((f["account_id"], f["region"], f["status"]) for f in findings)
    assert got == want, f"cells differ from the findings: extra {got - want}, missing {want - got}"

    data = {s["id"]: json.loads(s["text"]) for s in page.scripts if s.get("type") == "application/json"}
    meta, rows = data["tg-meta"], data["tg-findings"]
    strings = meta["strings"]
    decoded = {}
    for account, region, message, reasons, trails in rows:
        account_id, region_name = meta["accounts"][account][0], meta["regions"][region]
        decoded[(account_id, region_name)] = {
            "message": expand(strings[message], account_id, region_name),
            "reasons": [strings[code] for code, _ in reasons],
            "trails": [expand(strings[t], account_id, region_name) for t in trails]}
    assert len(decoded) == len(findings), f"{len(decoded)} findings in the data block, {len(findings)} in the report"
    for f in findings:
        d = decoded[(f["account_id"], f["region"])]
        assert d == {"message": f["message"], "reasons": f["reasons"], "trails": f["trails"]}, f"{d} != {f}"
    return page


class HtmlReports(unittest.TestCase):
    def test_sample_parses_and_its_strings_come_back(self):
        findings = json.loads(report_schema.sample_output(SAMPLE, "expected"))
        page = check_page(report_schema.sample_output(SAMPLE, "html"), findings)
        names = {f["account_id"]: f["account_name"] for f in findings}
        self.assertEqual({r["data-account"]: r["data-name"] for r in page.rows}, names)

    def test_every_fixture_has_a_cell_per_finding(self):
        for directory, args in report_schema.report_fixtures():
            with self.subTest(fixture=directory.name):
                report = json.loads(report_schema.scan_output(TRAILGUARD, directory, args, "json"))
                page = check_page(report_schema.scan_output(TRAILGUARD, directory, args, "html"), report["findings"])
                self.assertEqual([r["data-account"] for r in page.rows][:1] or [None],
                                 [worst_account(report)], "rows are worst first")

    def test_out_dir_writes_report_html(self):
        directory = report_schema.SOURCE_DIR / "examples" / "evidence" / "mixed"
        alone = report_schema.scan_output(TRAILGUARD, directory, [], "html")
        with tempfile.TemporaryDirectory() as out:
            done = subprocess.run([TRAILGUARD, "scan", "--evidence", str(directory), "-o", "json,html", "--out-dir", out],
                                  capture_output=True, timeout=60)
            self.assertEqual(done.returncode, 1, done.stderr)
            page = (Path(out) / "report.html").read_text(encoding="utf-8")
            findings = json.loads((Path(out) / "report.json").read_text())["findings"]
        check_page(page, findings)
        untimed = lambda text: re.sub(r'<time datetime="[^"]*">[^<]*</time>', "<time/>", text)  # noqa: E731
        self.assertEqual(untimed(page), untimed(alone), "report.html is the page -o html writes, but for its time")

    def test_broken_pages_are_refused(self):
        findings = json.loads(report_schema.sample_output(SAMPLE, "expected"))
        good = report_schema.sample_output(SAMPLE, "html")
        check_page(good, findings)
        first_cell = re.search(r"<td data-account=[^>]*>.</td>", good).group(0)
        for broken in (good.replace(' data-region="', ' data-place="', 1),       # a cell without data-region
                       good.replace(first_cell, "<td></td>", 1),                 # a finding without its cell
                       good.replace("\\u003cdocs\\u003e", "</script><script>x()</script>", 1),  # JSON not escaped for <script>
                       good.replace("</body>", '<img src="https://example.com/x.png"></body>'),  # a fetch
                       good.replace("default-src 'none'", "default-src *")):    # a CSP that allows fetches
            self.assertNotEqual(broken, good)
            with self.assertRaises((AssertionError, ValueError, KeyError)):
                check_page(broken, findings)


def worst_account(report: dict) -> str | None:
    rank = {"FAIL": 0, "ERROR": 1, "PASS": 2, "SKIPPED": 3}
    accounts = sorted(enumerate(report["accounts"]),
                      key=lambda ia: (rank[ia[1]["status"]], -(ia[1]["regions"]["FAIL"] + ia[1]["regions"]["ERROR"]), ia[0]))
    return accounts[0][1]["account_id"] if accounts else None


if __name__ == "__main__":
    report_schema.test_main(globals())
