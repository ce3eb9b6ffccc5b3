// End to end: measured work in the real Thước Đo window on the province demo (made first with the CLI, so the
// test does not click through the demo screen): targets of 2026 → comparison of commune Party secretaries, ranked,
// exported to .xlsx → breakthrough tasks → a chairman's profile with products (NĐ 335) and action programme → the
// same screens in English.
// A screenshot of each step goes to tests/artifacts/e2e/ (named work-…).

import { test, before, afterEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHarness, requireBinary, application, cli, makeDemo } from './harness.mjs';

const work = mkdtempSync(join(tmpdir(), 'thuocdo-e2e-work-'));
const database = join(work, 'thuocdo.db');
const { driver, shot, shotIfFailed, button, choose, waitBody, waitScript, openTab, openAndLogIn, start, stop } = createHarness({
  prefix: 'work-',
  // Not the display or port of desktop.test.mjs, which node --test may run at the same time.
  display: `:${110 + (process.pid % 9)}`,
  port: 4544 + (process.pid % 50) * 2,
  waitMs: 60000,
  pollMs: 200,
});

const USER = 'admin';
const PASSWORD = 'thuocdo-demo';
const STATUS_LABELS = /Vượt|Đạt|Đúng tiến độ|Có nguy cơ không đạt|Không đạt|Chưa có số liệu/;

/** Scrolls an element into view (inside its scrolling panel) before a screenshot. */
async function reveal(css) {
  await driver.execute(`document.querySelector(arguments[0])?.scrollIntoView({ block: 'start' });`, [css]);
}

before(async () => {
  requireBinary(application, 'desktop', 'build it first');
  requireBinary(cli, 'CLI', 'cargo build -p thuocdo-cli');
  // The province demo, made by the CLI into the test's own database.
  makeDemo(database, 'province');
  await start({ THUOCDO_DB: database });
});

afterEach(shotIfFailed);

after(() => stop(work));

test('targets, comparison with export, breakthrough tasks, products and programmes on the province demo', async () => {
  await openAndLogIn(USER, PASSWORD);

  // Targets of 2026, with where each stands.
  await openTab('targets');
  const year = await driver.waitFor('#targets-year');
  await waitScript(`return document.getElementById('targets-year').value === '2026';`, [], 'the 2026 year selected');
  assert.equal(await driver.property(year, 'value'), '2026');
  const targetsText = await driver.waitForText('#targets-table', (t) => STATUS_LABELS.test(t), 60000);
  assert.match(targetsText, STATUS_LABELS);
  const count = await driver.text(await driver.find('#targets-count'));
  const total = Number(/\/\s*([\d.]+)/.exec(count)?.[1].replace(/\./g, ''));
  assert.ok(total >= 1000, `the province demo has many targets: ${count}`);
  await shot('targets');

  // One target: figures, parts, reports and the report form.
  const targetRow = await driver.waitFor(
    '#targets-table [data-target-id]:not([data-target-id^="u:"]):not([data-target-id^="g:"])',
  );
  await driver.click(targetRow);
  await driver.waitForText('#target-detail', (t) => t.includes('Báo cáo kết quả') && t.includes('Kế hoạch'));
  await shot('target-detail');

  // Comparison: commune Party secretaries, ranked.
  await openTab('compare');
  await waitScript(
    `return [...document.querySelectorAll('#compare-group option')].some((o) => o.value === 'bi_thu_xa');`,
    [],
    'the position groups',
  );
  await choose(await driver.find('#compare-group'), 'bi_thu_xa');
  const rows = await waitScript(
    `const rows = document.querySelectorAll('tr.compare-row'); return rows.length >= 100 ? rows.length : 0;`,
    [],
    'at least 100 ranked secretaries',
  );
  assert.ok(rows >= 100, `rows: ${rows}`);
  const firstRank = await driver.execute(`return document.querySelector('tr.compare-row td').textContent.trim();`);
  assert.equal(firstRank, '1', 'rank 1 comes first');
  const groupLabel = await driver.execute(`const s = document.getElementById('compare-group'); return s.options[s.selectedIndex].text;`);
  assert.match(groupLabel, /Bí thư/);
  await shot('compare');

  // Export the ranking to .xlsx.
  const exportPath = join(work, 'so-sanh-bi-thu-xa.xlsx');
  await driver.type(await driver.find('#compare-export-path'), exportPath);
  await driver.click(await driver.find('#compare-export'));
  await waitBody((t) => t.includes('Đã xuất'), 'the export message');
  assert.ok(existsSync(exportPath), `no file at ${exportPath}`);
  assert.ok(statSync(exportPath).size > 0, 'the exported file is empty');
  await shot('compare-exported');

  // Breakthrough tasks of the year.
  await openTab('breakthrough');
  await driver.waitForText('#bt-table', (t) => /Đã đăng ký|Đã phê duyệt|Hoàn thành|Trả lại|Không phê duyệt/.test(t), 60000);
  const tasks = await driver.findAll('#bt-table [data-task-id]');
  assert.ok(tasks.length > 0, 'breakthrough tasks are listed');
  await shot('breakthrough');
  // The tasks to a workbook, as every list can be.
  const tasksBook = join(work, 'nhiệm vụ đột phá.xlsx');
  await driver.type(await driver.find('#list-breakthrough-export-path'), tasksBook);
  await driver.click(await driver.find('#list-breakthrough-export'));
  await waitBody((t) => t.includes('Đã xuất') && t.includes('nhiệm vụ đột phá.xlsx'), 'the tasks exported');
  assert.ok(existsSync(tasksBook) && statSync(tasksBook).size > 3000, 'the breakthrough workbook is written');
  await driver.click(tasks[0]);
  await driver.waitForText('#bt-detail', (t) => t.includes('Quá trình'));
  await shot('breakthrough-detail');

  // A commune chairman with products and an action programme (the demo gives both to a few).
  const chairman = await driver.call('POST', driver.s('/execute/async'), {
    script: `const done = arguments[0];
      window.__TAURI_INTERNALS__.invoke('programmes', { personId: null })
        .then((list) => done(list.length ? { id: list[0].person_id, name: list[0].person_name } : null))
        .catch((e) => done({ error: String(e && e.message || e) }));`,
    args: [],
  });
  assert.ok(chairman && chairman.id, `a person with a programme: ${JSON.stringify(chairman)}`);
  await openTab('roster');
  const search = await driver.waitFor('#roster-search');
  await driver.clear(search);
  await driver.type(search, chairman.name);
  const row = await driver.waitFor(`#roster-table [data-person-id="${chairman.id}"]`);
  await driver.click(row);
  await driver.waitForText('#profile', (t) => t.includes(chairman.name));
  await driver.click(await driver.waitFor('#profile-wide'));
  // The year's points with their parts, the same as the evaluation tab's.
  const points = await driver.waitForText('#products-points', (t) => /\/ 100: tiêu chí chung .*\/ 70/.test(t), 60000);
  assert.match(points, /Điểm năm/);
  await reveal('#products-section');
  await shot('profile-products');
  await driver.waitForText('#programmes-section', (t) => t.includes('Trách nhiệm') && t.includes('Người thực hiện'));
  await reveal('#programmes-section');
  await shot('profile-programmes');

  // The English switch: the window's words and the shell's labels (statuses) follow, the figures keep their format.
  await driver.click(await driver.find('.lang-switch button[lang="en"]'));
  await openTab('targets');
  await driver.waitForText('#targets-table', (t) => /Exceeded|Met|On track|At risk|Not met|No data/.test(t), 60000);
  await driver.waitForText('#tab-targets', (t) => t === 'Targets');
  await shot('targets-en');
  await openTab('compare');
  await driver.waitForText('#compare-count', (t) => t.includes('holders'));
  await shot('compare-en');
  await driver.click(await driver.find('.lang-switch button[lang="vi"]'));
  await driver.waitForText('#tab-targets', (t) => t === 'Chỉ tiêu');
});

test('the province at a glance: its communes side by side, sorted, one opened; its personnel statistics', async () => {
  await openTab('org');
  await driver.click(await driver.waitFor('#stats-open'));
  await driver.click(await driver.waitFor('#dash-year'));
  // The province's year is classified whole before it shows: a few seconds on the demo.
  await waitScript(`return document.querySelectorAll('#overview-below tbody tr').length > 100;`, [], 'the communes side by side', 180000);
  const communes = await driver.execute(`return document.querySelectorAll('#overview-below tbody tr').length;`);
  assert.ok(communes >= 140, `${communes} communes`);
  await shot('overview-province');
  // Sorted by targets met, fewest first after a second press; the first opens its own year.
  await driver.click(await driver.find('#overview-below [data-sort="targets_done"]'));
  await driver.click(await driver.find('#overview-below [data-sort="targets_done"]'));
  const first = await driver.execute(`return document.querySelector('#overview-below tbody tr').getAttribute('data-unit-code');`);
  const name = await driver.execute(`return document.querySelector('#overview-below tbody tr th').textContent.trim();`);
  await driver.execute(`document.querySelector('#overview-below tbody tr button').scrollIntoView({ block: 'center' });`);
  await driver.click(await driver.find(`#overview-below tr[data-unit-code="${first}"] button`));
  await waitScript(`return (document.querySelector('#overview-figures')?.innerText ?? '').includes(arguments[0]);`, [name], `${name} opened`, 120000);
  await shot('overview-commune');
  // The personnel statistics of the whole province.
  await driver.click(await driver.find('#dash-people'));
  await waitScript(`return /9\\.\\d{3} người/.test(document.getElementById('stats-summary')?.innerText ?? '');`, [], 'the province statistics', 120000);
  await shot('stats-province');
});

test('forms: target errors and save, a report, a sheet round trip, a breakthrough decision, an assessment, a programme', async () => {
  // The target form: saved empty, every problem shows beside its field.
  await openTab('targets');
  await driver.click(await driver.waitFor('#target-add'));
  await driver.waitFor('#target-form');
  await driver.click(await driver.find('#target-save'));
  await driver.waitFor('#target-name-error');
  for (const field of ['unit', 'code', 'measure', 'plan']) await driver.waitFor(`#target-${field}-error`);
  await shot('target-form-errors');

  const unit = await driver.execute(`return document.querySelector('#target-unit').options[1].value;`);
  await choose(await driver.find('#target-unit'), unit);
  await driver.type(await driver.find('#target-code'), 'E2E-1');
  await driver.type(await driver.find('#target-name'), 'Hộ dân dùng dịch vụ công trực tuyến');
  await driver.type(await driver.find('#target-measure'), 'hộ');
  await driver.type(await driver.find('#target-plan'), '1.234,5');
  await driver.click(await driver.find('#target-save'));
  const saved = await driver.waitForText('#target-detail', (t) => t.includes('E2E-1') && t.includes('1.234,5'));
  assert.ok(saved.includes('Báo cáo kết quả'), saved);

  // A month's result for it.
  await driver.type(await driver.find('#target-detail input[id$="-value"]'), '600');
  await driver.type(await driver.find('#target-detail textarea[id$="-comment"]'), 'Số liệu của bộ phận một cửa');
  await driver.click(await button('Gửi báo cáo'));
  await driver.waitForText('#target-detail', (t) => t.includes('Các lần báo cáo (1)') && t.includes('600'));
  await shot('target-reported');

  // Export the list, then preview it as an import: nothing differs, nothing is wrong.
  const targetsFile = join(work, 'chi-tieu-2026.xlsx');
  await driver.click(await button('Xuất Excel'));
  await driver.type(await driver.waitFor('#targets-export-path'), targetsFile);
  await driver.click(await driver.find('#targets-export-run'));
  await waitBody((t) => t.includes('Đã xuất'), 'the targets export message');
  assert.ok(existsSync(targetsFile) && statSync(targetsFile).size > 0, 'the targets file was written');
  await driver.click(await button('Nhập từ Excel'));
  await driver.type(await driver.waitFor('#sheet-path'), targetsFile);
  await driver.click(await driver.find('#sheet-preview'));
  const preview = await driver.waitForText('#sheet-import', (t) => t.includes('Không đổi'), 120000);
  await shot('sheet-preview');
  assert.ok(!preview.includes('Lỗi trong tệp'), `the exported sheet reads back without errors: ${preview.slice(0, 800)}`);
  assert.ok(preview.includes('Tệp không có gì khác'), `the exported sheet changes nothing: ${preview.slice(0, 400)}`);

  // The same round trip for the results by period.
  const progressFile = join(work, 'ket-qua-2026.xlsx');
  await driver.click(await button('Xuất Excel'));
  await driver.click(await driver.waitFor('#export-kind-progress'));
  await driver.type(await driver.waitFor('#targets-export-path'), progressFile);
  await driver.click(await driver.find('#targets-export-run'));
  await waitBody((t) => t.includes(progressFile), 'the progress export message');
  assert.ok(existsSync(progressFile) && statSync(progressFile).size > 0, 'the progress file was written');
  await driver.click(await button('Nhập từ Excel'));
  await driver.click(await driver.waitFor('#sheet-kind-progress'));
  await driver.type(await driver.waitFor('#sheet-path'), progressFile);
  await driver.click(await driver.find('#sheet-preview'));
  const progressPreview = await driver.waitForText('#sheet-import', (t) => t.includes('Không đổi'), 120000);
  assert.ok(!progressPreview.includes('Lỗi trong tệp'), `the exported results read back without errors: ${progressPreview.slice(0, 800)}`);

  // A results file with a bad row: every problem by row, nothing can be imported; then a good one is.
  const header = 'Năm;Mã đơn vị;Mã chỉ tiêu;Kỳ;Thực hiện;Ghi chú';
  writeFileSync(join(work, 'ket-qua-loi.csv'), `\ufeff${header}\n2026;${unit};E2E-1;Tháng 10;abc;\n2026;${unit};KHONG-CO;Tháng 10;5;\n`);
  writeFileSync(join(work, 'ket-qua-dung.csv'), `\ufeff${header}\n2026;${unit};E2E-1;Tháng 10;450;Báo cáo của xã\n`);
  const sheetPath = await driver.find('#sheet-path');
  await driver.clear(sheetPath);
  await driver.type(sheetPath, join(work, 'ket-qua-loi.csv'));
  await driver.click(await driver.find('#sheet-preview'));
  const bad = await driver.waitForText('#sheet-import', (t) => t.includes('Lỗi trong tệp'));
  assert.match(bad, /\b2\b[\s\S]*\b3\b/, 'both bad rows are listed by number');
  assert.equal(await driver.property(await driver.find('#sheet-apply'), 'disabled'), true);
  await shot('sheet-errors');
  await driver.clear(sheetPath);
  await driver.type(sheetPath, join(work, 'ket-qua-dung.csv'));
  await driver.click(await driver.find('#sheet-preview'));
  await driver.waitForText('#sheet-import', (t) => t.includes('Không có lỗi'));
  await driver.click(await driver.find('#sheet-apply'));
  await waitBody((t) => t.includes('Đã nhập'), 'the import result');

  // The office's own words over the results column: the preview names the missing column and shows how each column
  // was read; the user sets column E to "Thực hiện", the preview runs again clean, and the import takes the values.
  writeFileSync(
    join(work, 'ket-qua-cot-rieng.csv'),
    `\ufeffNăm;Mã đơn vị;Mã chỉ tiêu;Kỳ;Kết quả đạt được;Ghi chú\n2026;${unit};E2E-1;Tháng 11;470;Báo cáo tháng 11\n`,
  );
  // The panel waits while the screen reloads the targets after the import.
  await waitScript(`return document.getElementById('sheet-path')?.disabled === false;`, [], 'the import panel ready again');
  const ownPath = await driver.find('#sheet-path');
  await driver.clear(ownPath);
  await driver.type(ownPath, join(work, 'ket-qua-cot-rieng.csv'));
  await driver.click(await driver.find('#sheet-preview'));
  const unread = await driver.waitForText('#sheet-import', (t) => t.includes('Lỗi trong tệp') && t.includes('Kết quả đạt được'));
  assert.ok(unread.includes('Thiếu cột "Thực hiện"'), `the missing column is named: ${unread.slice(0, 600)}`);
  await choose(await driver.waitFor('#sheet-import select[data-column="E"]'), 'value');
  await driver.waitForText('#sheet-import', (t) => t.includes('Không có lỗi'));
  await shot('sheet-column-corrected');
  await driver.click(await driver.find('#sheet-apply'));
  await waitBody((t) => t.includes('Đã nhập'), 'the corrected import result');

  // A registered breakthrough task: approving needs the decision, then it is under way.
  await openTab('breakthrough');
  await choose(await driver.find('#bt-state'), 'registered');
  await driver.click(await driver.waitFor('#bt-table [data-task-id]'));
  await driver.waitForText('#bt-detail', (t) => t.includes('Đã đăng ký, chờ thẩm định'));
  await driver.click(await button('Phê duyệt'));
  await driver.click(await driver.waitFor('#bt-step-submit'));
  await driver.waitForText('#bt-detail', (t) => t.includes('Cần ghi số, ngày văn bản'));
  await shot('breakthrough-needs-document');
  await driver.type(await driver.find('#bt-step-document'), 'Quyết định số 31-QĐ/TU ngày 02/03/2026');
  await driver.click(await driver.find('#bt-step-submit'));
  await driver.waitForText('#bt-detail', (t) => t.includes('Đã phê duyệt, đang thực hiện') && t.includes('31-QĐ/TU'));

  // The profile still open in the roster: the demo's months are closed, so a product of the whole year is added, then
  // appraised.
  await openTab('roster');
  const before = await driver.text(await driver.find('#products-section'));
  const assessed = Number(/Đã đánh giá (\d+)/.exec(before)?.[1]);
  await driver.execute(
    `[...document.querySelectorAll('#products-section button')].find((b) => b.textContent.trim() === 'Thêm sản phẩm').click();`,
  );
  await driver.type(await driver.waitFor('#products-section .plan-form input[id$="-title"]'), 'Tổng kết mô hình dân vận khéo');
  await driver.click(await driver.find('#products-section .plan-form button[type="submit"]'));
  await driver.waitForText('#products-section', (t) => t.includes('Tổng kết mô hình dân vận khéo'));
  await driver.execute(
    `[...document.querySelectorAll('#products-section button')].find((b) => b.textContent.trim() === 'Đánh giá').click();`,
  );
  // Enter in the first field (which has the focus) saves: a click at the button's centre could land on the table's
  // sticky header when the window scrolled the row to the top.
  await driver.type(await driver.waitFor('#products-section form input[id$="-delivered"]'), '\uE007');
  await driver.waitForText('#products-section', (t) => t.includes(`Đã đánh giá ${assessed + 1} /`));

  // A new action programme: an item without its deadline is refused, naming the item.
  await driver.click(await button('Lập chương trình hành động'));
  await driver.type(await driver.waitFor('.programme-form input[id$="-item-0-work"]'), 'Số hoá hồ sơ địa chính');
  await driver.type(await driver.find('.programme-form input[id$="-item-0-expected_result"]'), '100 % hồ sơ được số hoá');
  await driver.click(await button('Lưu chương trình'));
  await driver.waitForText('.programme-form', (t) => t.includes('Việc 1: thiếu rõ tiến độ'));
  await reveal('.programme-form fieldset.items');
  await shot('programme-form-errors');
  await driver.type(await driver.find('.programme-form input[id$="-item-0-deadline"]'), '30/06/2027');
  await driver.click(await button('Lưu chương trình'));
  await driver.waitForText('#programmes-section', (t) => t.includes('Số hoá hồ sơ địa chính') && t.includes('30/06/2027'));
  await reveal('#programmes-section article:last-of-type');
  await shot('programme-created');
});
