// The logs page (-o html) in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core from
// tests/tools/playwright; no browser is downloaded): no console error, no request but file://, every heat-map cell
// drawn (a box of non-zero size) in its level's colour, every gap day outlined in red and marked '!', every
// cell's title naming its day and count. test_logs_html.py runs it on a page it checked against the JSON, and
// on pages broken on purpose (which it must refuse).
//
//   node logs_html_browser_check.mjs PAGE.html [SCREENSHOT.png]     exit 0 when right, 1 with the problems
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SOURCE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const LEVELS = ['rgb(235, 237, 240)', 'rgb(198, 228, 139)', 'rgb(123, 201, 111)', 'rgb(35, 154, 59)', 'rgb(25, 97, 39)', 'rgb(11, 61, 23)'];
const GAP_BACKGROUND = 'rgb(255, 235, 233)';  // a gap day without events
const RED = 'rgb(207, 34, 46)';

const level = (events) => { let l = 0; for (let bound = 1; l < 5 && events >= bound; bound *= 10) l++; return l; };

async function main() {
  const [file, screenshot] = process.argv.slice(2);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (scripts/setup does)`);
  const require = createRequire(path.join(SOURCE, 'tests', 'tools', 'playwright', 'package.json'));
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const problems = [];
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
    page.on('request', (r) => { if (!r.url().startsWith('file://')) problems.push(`network request: ${r.url()}`); });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const cells = await page.$$eval('table.heat td[data-day]', (els) => els.map((e) => {
      const style = getComputedStyle(e), box = e.getBoundingClientRect();
      return { region: e.closest('tr').dataset.region, day: e.dataset.day, events: Number(e.dataset.events),
               gap: Number(e.dataset.gapHours), title: e.title, text: e.textContent, background: style.backgroundColor,
               outline: `${style.outlineStyle} ${style.outlineColor}`, width: box.width, height: box.height };
    }));
    if (!cells.length) problems.push('no heat-map cells');
    for (const c of cells) {
      const where = `${c.region} ${c.day}`;
      const want = c.gap && !c.events ? GAP_BACKGROUND : LEVELS[level(c.events)];
      if (c.background !== want) problems.push(`${where}: ${c.events} events drawn ${c.background}, want ${want}`);
      if (c.width < 8 || c.height < 8) problems.push(`${where}: drawn ${c.width}x${c.height}`);
      if (!c.title.includes(c.day) || !c.title.includes(`${c.events} event`)) problems.push(`${where}: title '${c.title}'`);
      const outlined = c.outline === `solid ${RED}`;
      if (outlined !== c.gap > 0 || (c.text === '!') !== c.gap > 0) problems.push(`${where}: ${c.gap} gap hours, outline '${c.outline}', text '${c.text}'`);
    }
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  } finally {
    await browser.close();
  }
  for (const p of problems.slice(0, 20)) console.log(p);
  process.exit(problems.length ? 1 : 0);
}

main().catch((e) => { console.error(`logs_html_browser_check: ${e.message}`); process.exit(2); });
