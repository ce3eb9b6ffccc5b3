// End to end: products as the unit of evaluation, in the real Thước Đo window on the commune demo (made first with
// the CLI: every cadre has 2–6 appraised products in each month of 2026, twelve closed monthly periods).
// One person, one score: the year's points read from the evaluation tab, the printed year form (its PDF read back
// with pdftotext) and the profile; a month's points from the profile, the periods tab and the "Sản phẩm" screen —
// the same figure on the same scale everywhere. Then the monthly routine on the "Sản phẩm" screen: a new period
// opened (January 2027), a product added (a wrong quantity refused beside its field), the general criteria given
// in the periods tab, the product appraised from the keyboard (a wrong date refused in the row), and the person's
// computed points appearing beside their name, the same as the periods tab shows; evidence attached, the screen in
// English, and January's plan copied forward into February.
// THUOCDO_PRINT_DIR makes "In" write the PDF into that folder instead of opening a viewer under Xvfb.
// Screenshots go to tests/artifacts/e2e/ (named products-…).

import { test, before, afterEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHarness, requireBinary, application, cli, makeDemo } from './harness.mjs';

const work = mkdtempSync(join(tmpdir(), 'thuocdo-e2e-products-'));
const database = join(work, 'thuocdo.db');
const printDir = join(work, 'in');
const { driver, shot, shotIfFailed, choose, waitScript, openTab, waitText, press, openAndLogIn, start, stop } = createHarness({
  prefix: 'products-',
  // Not the displays or ports of the other test files, which node --test may run at the same time.
  display: `:${200 + (process.pid % 9)}`,
  port: 5144 + (process.pid % 50) * 2,
  waitMs: 60000,
  pollMs: 200,
});

const USER = 'admin';
const PASSWORD = 'thuocdo-demo';
const OFFICE = 'XA-GIA-HANH';
const TAB = '\uE004';
const ENTER = '\uE007';
/** "84,50 / 100: tiêu chí chung 27,00 / 30, kết quả nhiệm vụ 57,50 / 70" → its three figures. */
const SUMMARY = /^(\d{1,3},\d\d) \/ 100: tiêu chí chung (\d{1,2},\d\d) \/ 30, kết quả nhiệm vụ (\d{1,2},\d\d) \/ 70$/;

/** "84,50" → 8450 (hundredths, exact). */
function hundredths(text) {
  const match = /^(\d+)(?:,(\d{1,2}))?$/.exec(text.trim());
  assert.ok(match, `a Vietnamese number: ${text}`);
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

/** The parts of a score summary, checked to add up: { total, general, task } in hundredths. */
function parts(summary) {
  const match = SUMMARY.exec(summary.trim());
  assert.ok(match, `a score with its parts: ${JSON.stringify(summary)}`);
  const [total, general, task] = match.slice(1).map(hundredths);
  assert.equal(general + task, total, `the parts add up: ${summary}`);
  return { total, general, task };
}

/** Waits for the one PDF in the print folder whose name matches `pattern` (written whole: temp file, then rename). */
async function waitPdf(pattern, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const name = existsSync(printDir) ? readdirSync(printDir).find((f) => pattern.test(f)) : undefined;
    if (name) {
      const file = join(printDir, name);
      if (statSync(file).size > 0) return file;
    }
    if (Date.now() > deadline) throw new Error(`no PDF matching ${pattern} in ${printDir}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The PDF's text as one line, in NFC. */
function pdfText(file) {
  const run = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', timeout: 60000 });
  assert.equal(run.status, 0, `pdftotext failed: ${run.stderr}`);
  return run.stdout.normalize('NFC').replace(/\s+/g, ' ');
}

/** Reads the innerText of `css` in one script (the element may be drawn again between polls). */
async function textOf(css) {
  return driver.execute(`const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : null;`, [css]);
}

/** Whether the element matching `css` lies wholly inside the window (a button one can reach without scrolling the page). */
async function inWindow(css) {
  return driver.execute(
    `const e = document.querySelector(arguments[0]); if (!e) return false; const r = e.getBoundingClientRect();
     return r.width > 0 && r.left >= 0 && r.top >= 0 && r.right <= window.innerWidth && r.bottom <= window.innerHeight;`,
    [css],
  );
}

/** Sets a text field as typing would end (WebKitWebDriver's clear sends no input event, so a bound value keeps the old text). */
async function setText(css, value) {
  await driver.execute(
    `const e = document.querySelector(arguments[0]); e.value = arguments[1]; e.dispatchEvent(new Event('input', { bubbles: true }));`,
    [css, value],
  );
}

/** Chooses a person's period on the "Sản phẩm" screen: year, unit, period, then the person found by name. */
async function boardAt(year, unit, periodKey, name) {
  await openTab('products');
  await waitScript(`return document.querySelectorAll('#board-year option').length > 0;`, [], 'the years');
  await choose(await driver.find('#board-year'), String(year));
  // The year's periods are read, and one of them chosen, before the period asked for is chosen.
  await waitScript(`return document.getElementById('board-title')?.textContent.trim().endsWith(' ' + arguments[0]);`, [String(year)], `the year ${year}`);
  await choose(await driver.find('#board-unit'), unit);
  await choose(await driver.find('#board-period'), periodKey);
  await setText('#board-search', name);
}

let person = null;
let month = null;

before(async () => {
  requireBinary(application, 'desktop', 'build it first');
  requireBinary(cli, 'CLI', 'cargo build -p thuocdo-cli');
  mkdirSync(printDir, { recursive: true });
  makeDemo(database, 'commune');
  await start({ THUOCDO_DB: database, THUOCDO_PRINT_DIR: printDir });
});

afterEach(shotIfFailed);

after(() => stop(work));

test('one person, one score: the evaluation tab, the printed year form, the profile, the periods tab and the Sản phẩm screen', async () => {
  await openAndLogIn(USER, PASSWORD);

  // The evaluation tab: a cadre who heads nothing (their task results are their own products only).
  await openTab('evaluation');
  await waitScript(`return document.getElementById('eval-year')?.value === '2026';`, [], 'the 2026 year selected');
  await waitScript(`return document.getElementById('eval-unit')?.value === arguments[0];`, [OFFICE], 'the office unit selected');
  await waitText('#eval-table', (t) => /Hoàn thành/.test(t));
  person = await driver.execute(
    `const row = [...document.querySelectorAll('#eval-table [data-person-id]')]
       .find((r) => !r.querySelector('.tag.head') && /\\d+,\\d\\d/.test(r.textContent));
     return row ? { id: row.getAttribute('data-person-id'), name: row.querySelector('[role="gridcell"]').firstChild.textContent.trim() } : null;`,
  );
  assert.ok(person?.name, 'a cadre on screen');
  await driver.click(await driver.find(`#eval-table [data-person-id="${person.id}"]`));
  const yearSummary = await waitText('#eval-points-summary', (t) => SUMMARY.test(t));
  const year = parts(yearSummary);
  const big = await textOf('#eval-detail .points-big');
  assert.equal(hundredths(big), year.total, `the big figure is the summary's total: ${big} / ${yearSummary}`);
  const unitLine = await textOf('#eval-detail .facts dd');
  person.unit = /\(([A-Z0-9-]+)\)\s*$/.exec(unitLine)?.[1];
  assert.ok(person.unit, `the person's unit code: ${unitLine}`);
  assert.equal(await driver.execute(`return !!document.getElementById('eval-missing-periods');`), false, 'no period of 2026 is missing');
  await shot('evaluation-year');

  // The printed year form carries the same total, of 100.
  await press('#print-form');
  const form = pdfText(await waitPdf(/^phieu-danh-gia-2026-[a-z-]+\.pdf$/));
  await waitScript(`return !document.getElementById('print-form').disabled;`, [], 'the print button ready again');
  assert.ok(form.includes(person.name.normalize('NFC')), `the form names ${person.name}`);
  // The superior's column: the task results of 70 and the total are the evaluation tab's figures.
  const taskRow = /Kết quả thực hiện nhiệm vụ[^0-9]*?\s70\s+([\d,]+)\s+([\d,]+)/.exec(form);
  assert.ok(taskRow, `the form's task-result row, of 70: ${form.slice(0, 1500)}`);
  assert.equal(hundredths(taskRow[2]), year.task, `the printed task results: ${taskRow[0]} / ${yearSummary}`);
  const totalRow = /Tổng cộng\s+([\d,]+)\s+([\d,]+)/.exec(form);
  assert.ok(totalRow, `the form's total row: ${form.slice(0, 1500)}`);
  assert.equal(hundredths(totalRow[2]), year.total, `the printed total: ${totalRow[0]} / ${yearSummary}`);

  // The profile: the year's score word for word, and each month's.
  await openTab('roster');
  const search = await driver.waitFor('#roster-search');
  await driver.clear(search);
  await driver.type(search, person.name);
  await driver.click(await driver.waitFor(`#roster-table [data-person-id="${person.id}"]`));
  await press('#profile-wide');
  const profileSummary = await waitText('#products-year-summary', (t) => SUMMARY.test(t));
  assert.equal(profileSummary, yearSummary, 'the profile shows the evaluation tab’s score');
  // A month of hers that is scored, in the middle of the year.
  month = await driver.execute(
    `const heads = [...document.querySelectorAll('#products-section tbody[data-period^="month-"]')]
       .filter((b) => b.querySelector('.period-outcome.strong'));
     const pick = heads[Math.floor(heads.length / 2)];
     return pick ? { key: pick.getAttribute('data-period'), outcome: pick.querySelector('.period-outcome').innerText.trim(),
                     products: pick.querySelectorAll('tr:not(.period-head)').length } : null;`,
  );
  assert.ok(month, 'a scored month in the profile');
  month.index = Number(month.key.split('-')[1]);
  const monthParts = parts(month.outcome);
  assert.ok(month.products >= 2, `2–6 products in ${month.key}: ${month.products}`);
  await driver.execute(`document.querySelector('#products-section tbody[data-period="${month.key}"]').scrollIntoView({ block: 'start' });`);
  await shot('profile-by-period');

  // The periods tab: that month's row says the same.
  await openTab('periods');
  await waitText('.period-list', (t) => t.includes('Tháng 12 2026'));
  await driver.execute(
    `[...document.querySelectorAll('.period-chip')].find((b) => b.textContent.trim().startsWith(arguments[0])).click();`,
    [`Tháng ${month.index} 2026`],
  );
  await waitText('#period-title', (t) => t === `Tháng ${month.index} 2026`);
  // The person's row may be below the rows drawn: choose their own unit to bring it up.
  await choose(await driver.find('#periods-unit'), person.unit);
  // Read once the month's sheet of her unit has come (the same text, or the last one read when it never comes).
  const periodsSummary = await waitText(`#periods-table [data-person-id="${person.id}"] .period-summary`, (t) => t === month.outcome).catch(
    (error) => error.message,
  );
  assert.equal(periodsSummary, month.outcome, 'the periods tab shows the month as the profile does');
  const total = await textOf(`#periods-table [data-person-id="${person.id}"] .strong`);
  assert.equal(hundredths(total), monthParts.total, `the total column: ${total}`);
  await shot('periods-month');

  // The Sản phẩm screen: the unit's month, the person's products, the same points beside the name.
  await boardAt(2026, person.unit, `month-${month.index}`, person.name);
  const group = `#board-table tbody[data-person-id="${person.id}"]`;
  const boardSummary = await waitText(`${group} .points-summary`, (t) => t === month.outcome).catch((error) => error.message);
  assert.equal(boardSummary, month.outcome, 'the Sản phẩm screen shows the month as the periods tab does');
  const rows = await driver.findAll(`${group} tr[data-product-id]`);
  assert.equal(rows.length, month.products, 'the same products as in the profile');
  const first = await textOf(`${group} tr[data-product-id]`);
  assert.match(first, /\d+\/\d{2}\/2026/, `the deadline as dd/mm/yyyy: ${first}`);
  assert.match(first, /\d+(,\d+)? %/, `the product's score in percent: ${first}`);
  // A closed month reads only.
  await waitText('#panel-products .board-note', (t) => t.includes('Kỳ đã khoá'));
  assert.equal((await driver.findAll(`${group} button[id$="-open"]`)).length, 0, 'no appraisal in a closed month');
  await setText('#board-search', '');
  await shot('board-closed-month');
});

test('the Sản phẩm screen: January 2027 opened, a product added and appraised from the keyboard, the points computed', async () => {
  assert.ok(person, 'the first test chose a person');
  await boardAt(2027, person.unit, 'month-1', person.name);
  await waitText('#board-title', (t) => t === 'Tháng 1 2027');
  await press('#board-open-period');
  await waitText('#panel-products .summary-line', (t) => t.includes('đang mở'));
  const group = `#board-table tbody[data-person-id="${person.id}"]`;
  await waitText(`${group} .points-pending`, (t) => t.includes('chưa chấm tiêu chí chung') && t.includes('chưa thẩm định sản phẩm'));

  // A product for her: a quantity of 0 is refused beside its field, then 2 reports with a coefficient of 1,5.
  await driver.execute(`document.querySelector(arguments[0] + ' .add-product').click();`, [group]);
  const uid = `plan-${person.id}`;
  await driver.type(await driver.waitFor(`#${uid}-title`), 'Báo cáo sơ kết công tác tháng 1');
  // A kind from the office's catalogue fills its unit and its conversion coefficient (the title typed stays).
  await choose(await driver.waitFor(`#${uid}-kind`), 'van_ban_tham_muu');
  await waitScript(
    `return document.getElementById(arguments[0]).value === '1,5' && document.getElementById(arguments[1]).value === 'văn bản' && document.getElementById(arguments[2]).value === 'Báo cáo sơ kết công tác tháng 1';`,
    [`${uid}-coefficient`, `${uid}-measure`, `${uid}-title`],
    'the kind fills its unit and coefficient',
  );
  const required = await driver.find(`#${uid}-required`);
  await driver.clear(required);
  await driver.type(required, '0');
  const measure = await driver.find(`#${uid}-measure`);
  await driver.clear(measure);
  await driver.type(measure, 'báo cáo');
  const coefficient = await driver.find(`#${uid}-coefficient`);
  await driver.clear(coefficient);
  await driver.type(coefficient, `1,5${ENTER}`);
  await waitText(`#${uid}-required-error`, (t) => t.includes('lớn hơn 0'));
  await shot('board-plan-refused');
  await driver.clear(required);
  await driver.type(required, `2${ENTER}`);
  const row = await waitScript(
    `const r = document.querySelector(arguments[0] + ' tr[data-product-id]'); return r ? r.getAttribute('data-product-id') : null;`,
    [group],
    'the product added',
  );
  const planned = await textOf(`${group} tr[data-product-id="${row}"]`);
  assert.match(planned, /Báo cáo sơ kết công tác tháng 1/);
  assert.match(planned, /1,5/, `the coefficient: ${planned}`);
  assert.match(planned, /2 báo cáo/, `the quantity and its unit: ${planned}`);
  assert.match(planned, /31\/01\/2027/, `due at the end of the month (prefilled): ${planned}`);
  assert.match(planned, /Văn bản tham mưu, đề xuất/, `the kind chosen is kept with the product: ${planned}`);

  // The plan changes (not yet appraised) and the form then shows how it read before.
  await driver.click(await driver.find(`${group} tr[data-product-id="${row}"] .plan-edit`));
  const edited = `plan-${row}`;
  const editedRequired = await driver.waitFor(`#${edited}-required`);
  await waitScript(
    `return document.getElementById(arguments[0])?.value === 'van_ban_tham_muu';`,
    [`${edited}-kind`],
    'the plan form shows the product\'s kind',
  );
  await driver.clear(editedRequired);
  await driver.type(editedRequired, `3${ENTER}`);
  await waitText(`${group} tr[data-product-id="${row}"]`, (t) => /3 báo cáo/.test(t));
  await driver.click(await driver.find(`${group} tr[data-product-id="${row}"] .plan-edit`));
  const history = await waitText(`#${edited}-history`, (t) => t.includes('Kế hoạch đã sửa 1 lần'));
  await driver.click(await driver.find(`#${edited}-history summary`));
  const opened = await waitText(`#${edited}-history`, (t) => t.includes('trước đó'));
  assert.match(opened, /Báo cáo sơ kết công tác tháng 1 — 2 báo cáo × 1,5, hạn 31\/01\/2027/, `${history} / ${opened}`);
  await shot('board-plan-history');
  await driver.execute(`document.querySelector('#' + arguments[0] + '-form button.secondary').click();`, [edited]);

  // Her general criteria, given by the superior in the periods tab.
  await openTab('periods');
  await choose(await driver.find('#periods-year'), '2027');
  await waitText('#period-title', (t) => t === 'Tháng 1 2027');
  await choose(await driver.find('#periods-unit'), person.unit);
  await driver.click(await driver.waitFor(`#periods-table [data-person-id="${person.id}"]`));
  await driver.waitFor('#superior-assess-form');
  // The task results are not typed: only offered behind "Nhập tay…", and refused under the default rule set.
  assert.equal(await driver.execute(`return !!document.getElementById('superior-assess-task_points');`), false, 'no typed task results offered');
  const inputs = await driver.findAll('#superior-assess-form .criteria-grid input');
  assert.equal(inputs.length, 4, 'four general criteria');
  for (const input of inputs) await driver.type(input, '7');
  await press('#superior-assess-task-typed');
  await driver.type(await driver.waitFor('#superior-assess-task_points'), '60');
  await driver.type(await driver.find('#superior-assess-task_points_reason'), 'Thử nhập tay');
  await press('#superior-assess-save');
  await waitText('#superior-assess-task_points-error', (t) => t.includes('không nhập tay'));
  await shot('periods-typed-refused');
  await press('#superior-assess-task-computed');
  assert.equal(await driver.execute(`return !!document.getElementById('superior-assess-task_points');`), false, 'back to computed');
  await press('#superior-assess-save');
  await waitText(`#periods-table [data-person-id="${person.id}"]`, (t) => t.includes('28,00'));

  // Back on the Sản phẩm screen: only the appraisal is missing now.
  await boardAt(2027, person.unit, 'month-1', person.name);
  await waitText(`${group} .points-pending`, (t) => t.includes('chưa thẩm định sản phẩm') && !t.includes('tiêu chí chung'));

  // The appraisal from the keyboard: a wrong day is refused in the row, then Enter saves.
  await press(`#ap-${row}-open`);
  const delivered = await driver.waitFor(`#ap-${row}-delivered`);
  assert.equal(await driver.execute(`return document.activeElement?.id;`), `ap-${row}-delivered`, 'the first field has the focus');
  assert.ok(await inWindow(`#ap-${row}-save`), 'the save button is within the 1366×768 window');
  await driver.clear(delivered);
  await driver.type(delivered, `2${TAB}32/01/2027${TAB}`);
  assert.equal(await driver.execute(`return document.activeElement?.id;`), `ap-${row}-quality_percent`, 'Tab goes on to the quality');
  await driver.execute(`document.activeElement.select();`);
  await driver.type(await driver.find(`#ap-${row}-quality_percent`), `90${ENTER}`);
  await waitText(`${group} tr.row-error`, (t) => t.includes('dd/mm/yyyy'));
  assert.equal(await driver.execute(`return document.getElementById(arguments[0]).getAttribute('aria-invalid');`, [`ap-${row}-completed_on`]), 'true');
  await shot('board-appraisal-refused');
  const day = await driver.find(`#ap-${row}-completed_on`);
  await driver.clear(day);
  await driver.type(day, `28/01/2027${ENTER}`);

  // Her points of January appear beside her name, with their parts, and the periods tab says the same.
  const computed = await waitText(`${group} .points-summary`, (t) => SUMMARY.test(t));
  const january = parts(computed);
  assert.equal(january.general, 2800, `the superior's 4 × 7: ${computed}`);
  assert.ok(january.task > 0 && january.task <= 7000, `task results from the product: ${computed}`);
  const appraised = await textOf(`${group} tr[data-product-id="${row}"]`);
  assert.match(appraised, /28\/01\/2027/, `completed on: ${appraised}`);
  assert.match(appraised, /90/, `quality: ${appraised}`);
  assert.match(appraised, /\d+(,\d+)? %/, `the product's score: ${appraised}`);
  await waitText('#board-count', (t) => /1 sản phẩm, đã thẩm định 1/.test(t));
  await setText('#board-search', '');
  await driver.execute(`document.querySelector(arguments[0]).scrollIntoView({ block: 'center' });`, [group]);
  await shot('board-appraised');

  // Evidence of the delivery: the file dialog cannot be driven, so the command is called as the row's button calls it
  // with the file chosen; the row then counts the file.
  const evidence = join(work, 'bao-cao-so-ket-thang-1.txt');
  writeFileSync(evidence, 'Báo cáo sơ kết công tác tháng 1/2027\n');
  const attached = await driver.call('POST', driver.s('/execute/async'), {
    script: `const [id, path, done] = arguments;
      window.__TAURI_INTERNALS__.invoke('attach_product_evidence', { id, path }).then(() => done('ok'), (e) => done(JSON.stringify(e)));`,
    args: [row, evidence],
  });
  assert.equal(attached, 'ok');
  await choose(await driver.find('#board-period'), 'month-1');
  await waitText(`${group} tr[data-product-id="${row}"] .evidence`, (t) => t === '1 tệp');

  // The same screen in English: the window's words and the shell's summary follow, the figures keep their format.
  await driver.click(await driver.find('.lang-switch button[lang="en"]'));
  await waitText('#tab-products', (t) => t === 'Products');
  await waitText(`${group} .points-summary`, (t) => t.includes('general criteria 28.00 / 30') || t.includes('general criteria 28,00 / 30'));
  await shot('board-en');
  await driver.click(await driver.find('.lang-switch button[lang="vi"]'));
  await waitText('#tab-products', (t) => t === 'Sản phẩm');

  await openTab('periods');
  await choose(await driver.find('#periods-unit'), person.unit);
  const inPeriods = await waitText(`#periods-table [data-person-id="${person.id}"] .period-summary`, (t) => t === computed).catch(
    (error) => error.message,
  );
  assert.equal(inPeriods, computed, 'the periods tab computes the same January');
  await shot('periods-january');

  // February: January's plan copied forward in one action, not appraised, due at February's end.
  await boardAt(2027, person.unit, 'month-2', person.name);
  await waitText('#board-title', (t) => t === 'Tháng 2 2027');
  await press('#board-copy');
  await waitText('.notice', (t) => t.includes('Đã chép 1 sản phẩm từ Tháng 1 sang Tháng 2'));
  const copied = await waitText(`${group} tr[data-product-id]`, (t) => t.includes('Báo cáo sơ kết công tác tháng 1'));
  assert.match(copied, /28\/02\/2027/, `due at February's end: ${copied}`);
  assert.match(copied, /Thẩm định/, `not appraised: ${copied}`);
  await shot('board-copied');
});

test('the product-kind catalogue: a default coefficient changed and taken back, a kind of the office added, offered in the plan form, taken out', async () => {
  assert.ok(person, 'the first test chose a person');
  await boardAt(2027, person.unit, 'month-3', person.name);
  await press('#board-kinds');
  const advice = '#kinds-list li[data-code="van_ban_tham_muu"]';
  const shipped = await waitText(advice, (t) => t.includes('Văn bản tham mưu'));
  assert.match(shipped, /1,5/, `the shipped coefficient: ${shipped}`);
  assert.match(shipped, /mặc định/, shipped);
  assert.match(shipped, /chưa xác nhận/, `a default is marked unconfirmed: ${shipped}`);
  assert.doesNotMatch(shipped, /van_ban_tham_muu/, 'no internal code on screen');

  // A wrong coefficient is refused beside its field; 2 is kept and the row says the office changed it.
  await press(`${advice} .kind-edit`);
  await setText('#kind-coefficient', 'hai');
  await press('#kinds-save');
  await waitText('#kinds-form .field-error', (t) => t.includes('Hệ số quy đổi "hai"'));
  await shot('kinds-refused');
  await setText('#kind-coefficient', '2');
  await press('#kinds-save');
  await waitText('.notice', (t) => t.includes('Đã lưu loại sản phẩm'));
  const changed = await waitText(advice, (t) => t.includes('đơn vị đã sửa'));
  assert.match(changed, /\b2\b/, `the new coefficient: ${changed}`);

  // A kind of the office's own, for every group.
  await press('#kinds-add');
  await setText('#kind-code', 'bien_ban_hop_to');
  await setText('#kind-name', 'Biên bản họp tổ dân phố');
  await setText('#kind-measure', 'biên bản');
  await setText('#kind-coefficient', '0,5');
  await press('#kinds-save');
  const own = await waitText('#kinds-list li[data-code="bien_ban_hop_to"]', (t) => t.includes('của đơn vị'));
  assert.match(own, /0,5/, own);
  assert.match(own, /mọi nhóm chức danh/, `for every group: ${own}`);
  await shot('kinds-changed');

  // The plan form offers it, with the changed coefficient of the default.
  await press('#kinds-panel .close');
  const group = `#board-table tbody[data-person-id="${person.id}"]`;
  await driver.execute(`document.querySelector(arguments[0] + ' .add-product').click();`, [group]);
  const uid = `plan-${person.id}`;
  await choose(await driver.waitFor(`#${uid}-kind`), 'bien_ban_hop_to');
  await waitScript(
    `return document.getElementById(arguments[0]).value === '0,5' && document.getElementById(arguments[1]).value === 'biên bản';`,
    [`${uid}-coefficient`, `${uid}-measure`],
    'the office\'s kind fills its unit and coefficient',
  );
  await choose(await driver.find(`#${uid}-kind`), 'van_ban_tham_muu');
  await waitScript(`return document.getElementById(arguments[0]).value === '2';`, [`${uid}-coefficient`], 'the changed coefficient');
  await driver.execute(`document.querySelector('#' + arguments[0] + '-form button.secondary').click();`, [uid]);

  // Taken back and taken out: the default reads 1,5 again, the office's kind is gone.
  await press('#board-kinds');
  await press(`${advice} .kind-reset`);
  await waitText(advice, (t) => /1,5/.test(t) && !t.includes('đã sửa'));
  await press('#kinds-list li[data-code="bien_ban_hop_to"] .kind-remove');
  await press('#kinds-list li[data-code="bien_ban_hop_to"] .kind-remove-yes');
  await waitScript(`return !document.querySelector('#kinds-list li[data-code="bien_ban_hop_to"]');`, [], 'the office\'s kind taken out');
  await shot('kinds-reset');
});
