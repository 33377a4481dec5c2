#include "report/html_page.hpp"

namespace trailguard::report::html {
namespace {

// Compact cells (22 x 18 px: 17 regions fit a laptop screen, 1,000 accounts scroll under a sticky header);
// the status is the colour and the letter, so the grid reads without colour too.
constexpr std::string_view kStyle = R"CSS(
:root { color-scheme: light; --pass: #1a7f37; --fail: #cf222e; --error: #d4a017; --skipped: #8c959f; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; background: #fff; }
header, #summary, #problems, #controls, noscript { padding: 0 16px; }
header h1 { font-size: 20px; margin: 12px 0 4px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0 8px; font-size: 13px; }
dl.meta dt { color: #59636e; }
dl.meta dd { margin: 0; }
dl.meta ul { margin: 0; padding: 0; list-style: none; }
#summary { display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: center; margin: 6px 0; }
.chip { display: inline-block; min-width: 18px; padding: 0 6px; border-radius: 3px; font-weight: 600; text-align: center; color: #fff; }
[data-status="PASS"], [data-verdict="PASS"] { background: var(--pass); color: #fff; }
[data-status="FAIL"], [data-verdict="FAIL"] { background: var(--fail); color: #fff; }
[data-status="ERROR"], [data-verdict="ERROR"] { background: var(--error); color: #000; }
[data-status="SKIPPED"], [data-verdict="SKIPPED"] { background: var(--skipped); color: #fff; }
#problems ul { margin: 4px 0; color: #9a6700; }
#controls { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; margin: 8px 0; }
#controls[hidden] { display: none; }
#controls input[type="search"] { width: 16em; }
#shown { color: #59636e; }
#grid-wrap { overflow: auto; max-height: calc(100vh - 40px); margin: 0 16px 16px; border: 1px solid #d1d9e0; }
#grid { border-collapse: separate; border-spacing: 1px; font: 11px/1 ui-monospace, SFMono-Regular, Menlo, monospace; }
#grid thead th { position: sticky; top: 0; z-index: 2; background: #f6f8fa; vertical-align: bottom; padding: 2px 0; font-weight: 500; }
#grid thead th.region { writing-mode: vertical-rl; transform: rotate(180deg); height: 104px; width: 22px; text-align: left; padding: 4px 0; }
#grid th.acct { position: sticky; left: 0; z-index: 1; background: #fff; text-align: left; padding: 0 8px 0 2px; white-space: nowrap; font-weight: 400; }
#grid thead th.acct { z-index: 3; background: #f6f8fa; }
#grid th.acct small { color: #59636e; margin-left: 4px; max-width: 18em; display: inline-block; overflow: hidden; text-overflow: ellipsis; vertical-align: bottom; }
#grid th.acct .chip { min-width: 14px; padding: 0 3px; margin-right: 4px; font-size: 10px; }
#grid td { width: 22px; height: 18px; padding: 0; text-align: center; font-weight: 700; cursor: pointer; }
#grid td:not([data-status]) { background: #f6f8fa; cursor: default; }
#grid td.off { visibility: hidden; }
#grid td.sel { outline: 2px solid #0969da; outline-offset: -1px; }
#details { position: fixed; top: 12px; right: 12px; width: min(460px, 45vw); max-height: calc(100vh - 24px); overflow: auto; z-index: 5;
  background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; box-shadow: 0 8px 24px rgba(0, 0, 0, .18); padding: 10px 14px;
  overflow-wrap: anywhere; }
#details h2 { font-size: 16px; margin: 0 24px 6px 0; }
#details h3 { font-size: 13px; margin: 10px 0 2px; color: #59636e; }
#details ul { margin: 0; padding-left: 18px; }
#details code, #details pre { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; overflow-wrap: anywhere; white-space: pre-wrap; }
#details pre { background: #f6f8fa; padding: 6px 8px; margin: 4px 0; border-radius: 4px; }
#details button.close { position: absolute; top: 6px; right: 8px; border: 0; background: none; font-size: 18px; cursor: pointer; }
)CSS";

// Progressive enhancement only: every fact of the grid is in the server-written table. Strings from AWS reach
// the page through textContent, never innerHTML.
constexpr std::string_view kScript = R"JS(
(function () {
  'use strict';
  var STATUSES = ['FAIL', 'ERROR', 'PASS', 'SKIPPED'];
  var meta = JSON.parse(document.getElementById('tg-meta').textContent);
  var rows = JSON.parse(document.getElementById('tg-findings').textContent);
  var S = meta.strings;
  function expand(ref, account, region) {
    return S[ref].replace(/\{\{|\{a\}|\{r\}/g, function (m) { return m === '{{' ? '{' : m === '{a}' ? account : region; });
  }
  var byKey = new Map();
  rows.forEach(function (f) { byKey.set(meta.accounts[f[0]][0] + '\n' + meta.regions[f[1]], f); });
  function finding(cell) {
    var a = cell.dataset.account, r = cell.dataset.region, f = byKey.get(a + '\n' + r);
    if (!f) return null;
    return {
      account: a, region: r, status: cell.dataset.status, name: meta.accounts[f[0]][1],
      message: expand(f[2], a, r),
      reasons: f[3].map(function (x) { return {code: S[x[0]], text: expand(x[1], a, r)}; }),
      trails: f[4].map(function (t) { return expand(t, a, r); })
    };
  }

  var tbody = document.querySelector('#grid tbody');
  var allRows = Array.prototype.slice.call(tbody.rows);
  allRows.forEach(function (row, i) { row.dataset.order = i; });
  var cellCount = tbody.querySelectorAll('td[data-status]').length;
  var controls = document.getElementById('controls');
  var accountInput = document.getElementById('f-account');
  var searchInput = document.getElementById('f-search');
  var sortSelect = document.getElementById('f-sort');
  var shownText = document.getElementById('shown');
  var haystacks = new Map();
  function haystack(cell) {
    var h = haystacks.get(cell);
    if (h === undefined) {
      var f = finding(cell);
      h = f ? [f.region, f.status, f.message, f.trails.join(' ')].concat(f.reasons.map(function (r) { return r.code + ' ' + r.text; }))
              .join('\n').toLowerCase() : '';
      haystacks.set(cell, h);
    }
    return h;
  }
  function apply() {
    var shown = {};
    STATUSES.forEach(function (s) { shown[s] = document.getElementById('f-' + s).checked; });
    var account = accountInput.value.trim().toLowerCase(), query = searchInput.value.trim().toLowerCase();
    var cells = 0, accounts = 0;
    allRows.forEach(function (row) {
      var rowMatch = !account || row.dataset.account.indexOf(account) >= 0 || (row.dataset.name || '').toLowerCase().indexOf(account) >= 0;
      var any = false;
      Array.prototype.forEach.call(row.cells, function (cell) {
        if (!cell.dataset.status) return;
        var on = rowMatch && shown[cell.dataset.status] && (!query || haystack(cell).indexOf(query) >= 0);
        cell.classList.toggle('off', !on);
        if (on) { any = true; cells++; }
      });
      row.hidden = !any;
      if (any) accounts++;
    });
    shownText.textContent = cells + ' of ' + cellCount + ' findings shown, ' + accounts + ' of ' + allRows.length + ' accounts';
    shownText.dataset.filter = account + '\n' + query;  // what the counts are for (the browser test waits for it)
  }
  function sortRows() {
    var key = sortSelect.value, sorted = allRows.slice();
    sorted.sort(function (x, y) {
      if (key === 'id') return x.dataset.account < y.dataset.account ? -1 : x.dataset.account > y.dataset.account ? 1 : 0;
      if (key === 'name') return (x.dataset.name || '\uffff').localeCompare(y.dataset.name || '\uffff') || x.dataset.order - y.dataset.order;
      return x.dataset.order - y.dataset.order;
    });
    sorted.forEach(function (row) { tbody.appendChild(row); });
  }
  var timer = 0;
  function later() { clearTimeout(timer); timer = setTimeout(apply, 120); }
  STATUSES.forEach(function (s) { document.getElementById('f-' + s).addEventListener('change', apply); });
  accountInput.addEventListener('input', later);
  searchInput.addEventListener('input', later);
  sortSelect.addEventListener('change', sortRows);

  var panel = document.getElementById('details');
  var selected = null;
  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function list(items) { var ul = el('ul'); items.forEach(function (node) { var li = el('li'); li.append(node); ul.append(li); }); return ul; }
  function show(cell) {
    var f = finding(cell);
    if (!f) return;
    if (selected) selected.classList.remove('sel');
    selected = cell;
    cell.classList.add('sel');
    panel.replaceChildren();
    var close = el('button', '\u00d7', {'class': 'close', 'aria-label': 'Close'});
    close.addEventListener('click', function () { panel.hidden = true; cell.classList.remove('sel'); });
    var title = el('h2');
    title.append(el('span', f.status, {'class': 'chip', 'data-verdict': f.status}), ' ' + f.region + ' \u2014 ' + f.account + (f.name ? ' (' + f.name + ')' : ''));
    panel.append(close, title, el('p', f.message, {id: 'd-message'}));
    if (f.reasons.length) {
      panel.append(el('h3', 'Reasons'), list(f.reasons.map(function (r) {
        var span = el('span'); span.append(el('code', r.code), ': ' + r.text); return span;
      })));
    }
    if (f.trails.length) panel.append(el('h3', f.status === 'PASS' ? 'Covering trails' : 'Trails judged'), list(f.trails.map(function (t) { return el('code', t); })));
    if (f.status === 'FAIL' || f.status === 'ERROR') {
      panel.append(el('h3', f.status === 'FAIL' ? 'Remediation' : 'Remediation, if the region fails once it can be read'), el('p', meta.remediation));
      var command = meta.org ? 'trailguard fix --org --accounts ' + f.account : 'trailguard fix';
      panel.append(el('h3', 'Plan the fix (dry run; add --apply to change)'), el('pre', command, {id: 'd-fix'}));
      if (!meta.org) panel.append(el('p', 'with credentials of account ' + f.account));
    }
    panel.hidden = false;
  }
  tbody.addEventListener('click', function (e) {
    var cell = e.target.closest('td[data-status]');
    if (cell) show(cell);
  });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') panel.hidden = true; });
  controls.hidden = false;
  apply();
})();
)JS";

}  // namespace

std::string_view style() { return kStyle; }
std::string_view script() { return kScript; }

}  // namespace trailguard::report::html
