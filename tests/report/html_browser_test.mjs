// -o html in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core from tests/tools/playwright;
// no browser is ever downloaded). For each page (fixtures' scans, the writers' sample, a synthetic 1,000-account
// organization) it checks: no console error and no uncaught exception, no request but file://, one cell per
// finding of the same scan's -o json with its status in data-status, each status's colour (computed style)
// and letter, the status filter hides exactly that status, the account filter and search narrow the rows,
// sorting by id orders them, and a click on a cell shows that finding's message (and the fix command for
// FAIL). Then it proves it can fail: pages broken on purpose (a missing cell, a fetch, a wrong colour, a
// script that throws) must each be refused. Screenshots go to --out.
//
//   node html_browser_test.mjs --trailguard build/trailguard --sample build/tests/report/report_sample --out DIR
//        [--check PAGE.html --findings REPORT.json [--screenshot PNG]]   check one page only (exit 1 if it fails)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SOURCE = path.resolve(HERE, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const COLOURS = { PASS: 'rgb(26, 127, 55)', FAIL: 'rgb(207, 34, 46)', ERROR: 'rgb(212, 160, 23)', SKIPPED: 'rgb(140, 149, 159)' };
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic'];

function options() {
  const args = process.argv.slice(2), o = {};
  for (let i = 0; i < args.length; i += 2) o[args[i].replace(/^--/, '')] = args[i + 1];
  return o;
}

function fail(message) {
  console.error(`html_browser_test: ${message}`);
  process.exit(1);
}

function playwright() {
  if (!existsSync(CHROMIUM)) fail(`${CHROMIUM} is missing: install Debian's chromium (scripts/setup does)`);
  const require = createRequire(path.join(SOURCE, 'tests', 'tools', 'playwright', 'package.json'));
  try {
    return require('playwright-core');
  } catch (e) {
    fail(`playwright-core is missing from tests/tools/playwright (scripts/setup runs npm ci there): ${e.message}`);
  }
}

// `trailguard scan --evidence DIR -o FORMAT` (exit 0, 1 or 3 are reports).
function scan(trailguard, directory, format) {
  try {
    return execFileSync(trailguard, ['scan', '--evidence', directory, '-o', format], { maxBuffer: 1 << 28 });
  } catch (e) {
    if (e.status === 1 || e.status === 3) return e.stdout;
    throw e;
  }
}

// Every problem of the page at `file` for these (-o json) findings; [] when it is right.
async function checkPage(browser, file, findings, { screenshot, timings } = {}) {
  const problems = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith('file://')) problems.push(`network request: ${r.url()}`); });
  try {
    const started = Date.now();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    if (timings) timings.load_ms = Date.now() - started;

    const cells = await page.$$eval('td[data-status]', (els) => els.map((e) => ({
      account: e.dataset.account, region: e.dataset.region, status: e.dataset.status, letter: e.textContent,
      colour: getComputedStyle(e).backgroundColor })));
    const key = (a, r) => `${a}\n${r}`;
    const want = new Map(findings.map((f) => [key(f.account_id, f.region), f]));
    const seen = new Set();
    if (cells.length !== findings.length) problems.push(`${cells.length} cells for ${findings.length} findings`);
    for (const c of cells) {
      const f = want.get(key(c.account, c.region));
      if (!f) { problems.push(`a cell with no finding: ${c.account} ${c.region}`); continue; }
      if (seen.has(key(c.account, c.region))) problems.push(`two cells for ${c.account} ${c.region}`);
      seen.add(key(c.account, c.region));
      if (c.status !== f.status) problems.push(`${c.account} ${c.region}: data-status ${c.status}, finding ${f.status}`);
      if (c.colour !== COLOURS[c.status]) problems.push(`${c.account} ${c.region} ${c.status}: colour ${c.colour}, want ${COLOURS[c.status]}`);
      if (c.letter !== c.status[0]) problems.push(`${c.account} ${c.region} ${c.status}: letter '${c.letter}'`);
    }
    for (const f of findings) if (!seen.has(key(f.account_id, f.region))) problems.push(`no cell for ${f.account_id} ${f.region}`);

    // The status filter: unchecking a status hides exactly its cells.
    const statuses = [...new Set(findings.map((f) => f.status))];
    for (const status of statuses) {
      const t = Date.now();
      await page.uncheck(`#f-${status}`);
      if (timings && !timings.filter_ms) timings.filter_ms = Date.now() - t;
      const wrong = await page.$$eval('td[data-status]', (els, s) => els.filter((e) => e.checkVisibility({ visibilityProperty: true }) === (e.dataset.status === s))
        .map((e) => `${e.dataset.account} ${e.dataset.region} ${e.dataset.status}`), status);
      if (wrong.length) problems.push(`filter without ${status}: ${wrong.length} cells wrongly shown or hidden, e.g. ${wrong[0]}`);
      await page.check(`#f-${status}`);
    }

    // The account filter and the search box narrow the rows (filtered after a 120 ms pause in typing: each step
    // waits until #shown says which filter its counts are for).
    const filtered = (account, query) => page.waitForFunction((v) => document.getElementById('shown').dataset.filter === v,
      `${account.toLowerCase()}\n${query.toLowerCase()}`, { timeout: 10000 });
    const first = findings[0];
    if (first) {
      await page.fill('#f-account', first.account_id);
      await filtered(first.account_id, '');
      const rows = await page.$$eval('#grid tbody tr', (els) => els.filter((e) => !e.hidden).map((e) => e.dataset.account));
      if (rows.some((a) => !a.includes(first.account_id)) || !rows.includes(first.account_id)) problems.push(`account filter ${first.account_id} shows ${rows.slice(0, 3)}`);
      await page.fill('#f-account', '');
      await page.fill('#f-search', 'no-such-text-anywhere');
      await filtered('', 'no-such-text-anywhere');
      const shown = await page.$$eval('td[data-status]', (els) => els.filter((e) => e.checkVisibility({ visibilityProperty: true })).length);
      if (shown !== 0) problems.push(`a search that matches nothing still shows ${shown} cells`);
      await page.fill('#f-search', first.region);
      await filtered('', first.region);
      const regions = await page.$$eval('td[data-status]', (els) => [...new Set(els.filter((e) => e.checkVisibility({ visibilityProperty: true })).map((e) => e.dataset.region))]);
      if (!regions.includes(first.region)) problems.push(`search ${first.region} hides its own cells`);
      await page.fill('#f-search', '');
      await filtered('', '');
    }

    // Sorting by account id orders the rows; worst first restores the page's order.
    await page.selectOption('#f-sort', 'id');
    const ids = await page.$$eval('#grid tbody tr', (els) => els.map((e) => e.dataset.account));
    if (ids.join() !== [...ids].sort().join()) problems.push('sort by id does not order the rows');
    await page.selectOption('#f-sort', 'worst');

    // A click on a cell shows its finding's message: one of each status, the worst last (it stays open for the screenshot).
    const picks = ['SKIPPED', 'PASS', 'ERROR', 'FAIL'].map((s) => findings.find((f) => f.status === s)).filter(Boolean);
    for (const f of picks) {
      const cell = await page.evaluateHandle(([a, r]) => [...document.querySelectorAll('td[data-status]')]
        .find((c) => c.dataset.account === a && c.dataset.region === r), [f.account_id, f.region]);
      if (!cell.asElement()) { problems.push(`cannot click ${f.account_id} ${f.region}: no cell`); continue; }
      await cell.asElement().click();
      const shown = await page.evaluate(() => {
        const panel = document.getElementById('details');
        const m = document.getElementById('d-message'), fix = document.getElementById('d-fix');
        return { visible: !panel.hidden, message: m && m.textContent, fix: fix && fix.textContent };
      });
      if (!shown.visible || shown.message !== f.message) problems.push(`click on ${f.account_id} ${f.region}: shows ${JSON.stringify(shown.message)}, want ${JSON.stringify(f.message)}`);
      if (f.status === 'FAIL' && !(shown.fix || '').startsWith('trailguard fix')) problems.push(`click on FAIL ${f.account_id} ${f.region}: no fix command`);
    }
    if (screenshot) await page.screenshot({ path: screenshot });
  } catch (e) {
    problems.push(`driving the page failed: ${e.message.split('\n')[0]}`);
  } finally {
    await context.close();
  }
  return problems;
}

// The page broken on purpose in each way the checker must catch.
function brokenPages(good) {
  const cell = good.match(/<td data-account="[^"]*" data-region="[^"]*" data-status="FAIL">F<\/td>/)[0];
  return {
    'a missing cell': good.replace(cell, '<td></td>'),
    'a network request': good.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
      .replace('</body>', '<img src="http://127.0.0.1:9/pixel.png" alt=""></body>'),
    'a wrong colour': good.replace('</head>', '<style>#grid td[data-status="FAIL"] { background: #888; }</style></head>'),
    'a script that throws': good.replace("'use strict';", "'use strict'; throw new Error('broken on purpose');"),
  };
}

async function main() {
  const o = options();
  const { chromium } = playwright();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  let failed = false;
  const report = (name, problems) => {
    if (problems.length) failed = true;
    console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name}${problems.map((p) => `\n       ${p}`).join('')}`);
  };
  try {
    if (o.check) {
      const timings = {};
      const problems = await checkPage(browser, o.check, JSON.parse(readFileSync(o.findings)).findings, { screenshot: o.screenshot, timings });
      report(`${o.check}: load ${timings.load_ms} ms, first filter ${timings.filter_ms} ms`, problems);
    } else {
      await checkAll(browser, o, report);
    }
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
}

async function checkAll(browser, o, report) {
  {
    mkdirSync(o.out, { recursive: true });
    const pages = [];
    for (const fixture of ['mixed', 'org-collected', 'region-denied', 'opt-in-regions']) {
      const directory = path.join(SOURCE, 'examples', 'evidence', fixture);
      const file = path.join(o.out, `${fixture}.html`);
      writeFileSync(file, scan(o.trailguard, directory, 'html'));
      pages.push({ name: fixture, file, findings: JSON.parse(scan(o.trailguard, directory, 'json')).findings });
    }
    const sample = path.join(o.out, 'sample.html');
    writeFileSync(sample, execFileSync(o.sample, ['html']));
    pages.push({ name: 'sample', file: sample, findings: JSON.parse(execFileSync(o.sample, ['expected'])) });
    const big = path.join(o.out, 'organization-1000.html');
    writeFileSync(big, execFileSync(o.sample, ['html', '1000'], { maxBuffer: 1 << 28 }));
    pages.push({ name: 'organization-1000', file: big, findings: JSON.parse(execFileSync(o.sample, ['json', '1000'], { maxBuffer: 1 << 28 })).findings });

    for (const p of pages) {
      const timings = {};
      const problems = await checkPage(browser, p.file, p.findings, { screenshot: path.join(o.out, `${p.name}.png`), timings });
      report(`${p.name}: ${p.findings.length} findings, ${readFileSync(p.file).length} bytes, load ${timings.load_ms} ms, first filter ${timings.filter_ms} ms`, problems);
    }

    // The checker must refuse every broken page (here: the mixed fixture's).
    const mixed = pages[0];
    for (const [what, text] of Object.entries(brokenPages(readFileSync(mixed.file, 'utf8')))) {
      const file = path.join(o.out, `broken-${what.replace(/ /g, '-')}.html`);
      writeFileSync(file, text);
      const problems = await checkPage(browser, file, mixed.findings);
      report(`broken page (${what}) refused: ${problems[0] || 'NOT REFUSED'}`, problems.length ? [] : ['the checker accepted a broken page']);
    }
  }
}

main().catch((e) => fail(e.stack || String(e)));
