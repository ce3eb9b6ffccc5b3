// End to end, a real commune's first week (issue 16), on an office PC's screen with its taskbar (1366×700): the
// office set up on a fresh PC; the "Bắt đầu" checklist, each step opening its screen; the People's Committee added
// as a unit in the organisation tab; the commune's own staff list (letterhead, two-row header, birth dates under
// Nam | Nữ, footer) imported through the preview that shows how it was read, into that unit; the year's target sheet
// and a month's products sheet, both as the committee types them, imported through their previews; the checklist
// ticked as it goes; the committee's review meeting held and locked; its minutes printed as PDF and as a Word file,
// both read back (the Word file through LibreOffice). Files from tests/fixtures/office-files.

import { test, before, afterEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHarness, application, waitFile, pdfText, officeToPdf, poppler, artifacts } from './harness.mjs';

const work = mkdtempSync(join(tmpdir(), 'thuocdo-e2e-office-'));
const printDir = join(work, 'in');
const { driver, shot, shotIfFailed, field, button, choose, waitBody, waitText, waitScript, openTab, press, windowSize, place, start, stop } =
  createHarness({
    prefix: 'office-',
    display: `:${180 + (process.pid % 9)}`,
    port: 5044 + (process.pid % 50) * 2,
    waitMs: 60000,
    pollMs: 200,
  });

const PASSWORD = 'Tân Phước 2026';
const OFFICE = 'XA-TANPHUOC';
const COMMITTEE = 'XA-TANPHUOC-UB';
const COMMITTEE_NAME = 'Ủy ban nhân dân xã Tân Phước';
const fixture = (name) => fileURLToPath(new URL(`../fixtures/office-files/${name}`, import.meta.url));

/** The ids of the checklist's ticked steps. */
function ticked() {
  return driver.execute(`return [...document.querySelectorAll('#start-checklist li.done')].map((li) => li.dataset.step);`, []);
}

/** Presses the checklist's "Mở" of one step and waits for the tab it opens. */
async function openStep(step, tab) {
  await openTab('roster');
  await press(`#start-checklist li[data-step="${step}"] button`);
  await waitScript(`return !document.getElementById('panel-' + arguments[0]).hidden;`, [tab], `the ${tab} tab from the checklist`);
}

/** Imports a work sheet through the "Nhập từ Excel" panel of a tab: previewed, read as expected, then imported. */
async function importSheet(tab, file, expectRead) {
  const within = `#panel-${tab} #sheet-import`;
  await driver.type(await driver.waitFor(`${within} #sheet-path`), file);
  await press(`${within} #sheet-preview`);
  const preview = await waitText(within, (t) => t.includes('Không có lỗi'), 120000);
  expectRead(preview);
  await shot(`${tab}-preview`);
  await press(`${within} #sheet-apply`);
  await waitText('.notice', (t) => t.includes(basename(file)));
  await press(`${within} .close`);
}

before(async () => {
  await start({ THUOCDO_DB: join(work, 'thuocdo.db'), THUOCDO_PRINT_DIR: printDir });
});

afterEach(shotIfFailed);

after(() => stop(work));

test('a commune sets up its office and, in its first week, brings in its own files and prints the minutes of its review', async () => {
  await driver.start(application);
  await windowSize(1366, 700);

  // Monday: the office is set up on the clerk's PC.
  await waitBody((t) => t.includes('Mở dữ liệu mẫu'), 'the first-run screen');
  await driver.type(await field('Tên đơn vị'), 'Đảng ủy xã Tân Phước');
  await driver.type(await field('Mã đơn vị'), OFFICE);
  await choose(await field('Cấp'), 'commune');
  await driver.type(await field('cấp trên'), 'DH');
  await driver.type(await field('Tên đăng nhập'), 'admin');
  for (const input of await driver.findAll('input[type="password"]')) await driver.type(input, PASSWORD);
  await driver.click(await button('Thiết lập'));
  await waitBody((t) => t.includes('Dấu vân tay') || t.includes('dấu vân tay'), 'the office key');
  await driver.click(await button('Tiếp tục'));
  const checklist = await waitText('#start-checklist', (t) => t.includes('Bắt đầu với văn phòng của mình'));
  assert.ok(checklist.includes('0 đơn vị') && checklist.includes('0 người'), checklist);
  assert.deepEqual(await ticked(), []);
  await shot('checklist');

  // The units: the checklist opens the organisation tab, where the People's Committee is added under the office.
  await openStep('units', 'org');
  await press(`#org-list [data-unit-code="${OFFICE}"]`);
  await waitText('#unit-panel', (t) => t.includes('Đảng ủy xã Tân Phước'));
  await driver.type(await driver.find('#unit-new-name'), COMMITTEE_NAME);
  await driver.type(await driver.find('#unit-new-code'), COMMITTEE);
  await choose(await driver.find('#unit-new-level'), 'agency');
  const add = await place('#unit-add');
  assert.ok(add.top < 700, `"Thêm" is within reach at 1366×700: ${JSON.stringify(add)}`);
  await press('#unit-add');
  await waitText('.notice', (t) => t.includes(`Đã thêm ${COMMITTEE_NAME}`));
  await waitText('#org-list', (t) => t.includes(COMMITTEE_NAME));
  await shot('unit-added');

  // The roster: the commune's own list, read as it is; the preview says how, and the whole list goes to the committee.
  await openStep('roster', 'import');
  await driver.type(await driver.waitFor('#import-path'), fixture('danh-sach-cbcc-xa.xlsx'));
  await press('#import-preview');
  const reading = await waitText('#import-reading', (t) => t.includes('Ngày, tháng, năm sinh / Nữ'));
  assert.ok(reading.includes('Dòng tiêu đề: 7 và 8'), reading);
  await waitText('#import-default-unit', () => true);
  await choose(await driver.find('#import-default-unit'), COMMITTEE);
  await waitScript(
    `return document.getElementById('import-default-unit')?.value === arguments[0] && !document.getElementById('import-apply').disabled;`,
    [COMMITTEE],
    'the preview again, into the committee',
  );
  await shot('roster-preview');
  await press('#import-apply');
  await waitBody((t) => /Đã nhập .*danh-sach-cbcc-xa\.xlsx: 5 người mới/.test(t), 'the staff list imported');
  await openTab('roster');
  await waitText('#start-checklist', (t) => t.includes('5 người') && t.includes('1 đơn vị'));
  assert.deepEqual(await ticked(), ['units', 'roster']);
  const roster = await waitText('#roster-table', (t) => t.includes('Đỗ Thị Hằng'));
  for (const words of ['Nguyễn Văn An', 'Trần Thị Bình', 'Phạm Văn Dũng', COMMITTEE_NAME]) {
    assert.ok(roster.includes(words), `the roster shows ${words}: ${roster.slice(0, 400)}`);
  }
  await shot('roster');

  // Tuesday: the year's targets, from the sheet the committee typed for its decision.
  await openStep('targets', 'targets');
  await press('#targets-import');
  await importSheet('targets', fixture('giao-chi-tieu-2026.xlsx'), (preview) => {
    assert.match(preview, /4\s*Mới/, `four new targets: ${preview}`);
  });
  const targets = await waitText('#panel-targets', (t) => t.includes('Hòa giải thành các vụ việc ở cơ sở'));
  assert.ok(targets.includes('85,5'), `a plan typed "85,5" shows as 85,5: ${targets.slice(0, 800)}`);
  await openTab('roster');
  await waitText('#start-checklist', (t) => t.includes('4 chỉ tiêu'));
  assert.deepEqual(await ticked(), ['units', 'roster', 'targets']);

  // Friday: November's products, sent back by the committee's office to be appraised.
  await openTab('products');
  await press('#board-import');
  await importSheet('products', fixture('san-pham-thang-11-2026.xlsx'), (preview) => {
    assert.match(preview, /6\s*Mới/, `six new products: ${preview}`);
  });
  await choose(await driver.find('#board-year'), '2026');
  await choose(await driver.find('#board-unit'), COMMITTEE);
  await choose(await driver.find('#board-period'), 'month-11');
  const board = await waitText('#board-table', (t) => t.includes('Hồ sơ hộ tịch giải quyết'));
  assert.ok(board.includes('Phạm Văn Dũng') && board.includes('Báo cáo kinh tế - xã hội tháng 11'), board.slice(0, 600));
  await shot('products-board');
  // The month is opened as a period, so that its appraised products count in the year's points.
  await press('#board-open-period');
  await waitText('#board-title', (t) => t.includes('Tháng 11'));
  await waitScript(`return !document.getElementById('board-open-period');`, [], 'the period opened');
  await shot('products-period-open');

  // The review meeting of the committee: attendance, the collective first, then each person, then locked.
  await openTab('meetings');
  await press('#meeting-add');
  await waitScript(`return document.getElementById('meeting-year')?.value === '2026';`, [], 'the year in the form');
  await choose(await driver.find('#meeting-unit'), COMMITTEE);
  const day = await driver.find('#meeting-held_on');
  await driver.clear(day);
  await driver.type(day, '18/12/2026');
  await driver.type(await driver.find('#meeting-place'), 'Hội trường UBND xã Tân Phước');
  await driver.type(await driver.find('#meeting-chair'), 'Trần Thị Bình');
  await driver.type(await driver.find('#meeting-secretary'), 'Đỗ Thị Hằng');
  await press('#meeting-open');
  await waitText('#meeting-title', (t) => t.includes(COMMITTEE_NAME) && t.includes('2026'));
  const subjects = await driver.execute(
    `return [...document.querySelectorAll('#meeting-subjects [data-subject-id]')].map((r) => r.getAttribute('data-subject-id'));`,
  );
  assert.equal(subjects.length, 6, 'the committee and its five people');
  // A week in, nobody can be rated yet, and the proposals say why instead of failing anyone: no target of the
  // committee has a result reported, and no period has its general-criteria points.
  const table = await waitText('#meeting-subjects', (t) => t.includes('Đỗ Thị Hằng'));
  assert.ok(!table.includes('Không hoàn thành') && !table.includes('0,00'), `no failed unit, no points of nothing: ${table}`);
  await press(`#meeting-subjects [data-subject-id="${subjects[0]}"]`);
  await waitText('#subject-panel', (t) => t.includes('Chưa có kết quả thực hiện của chỉ tiêu nào (4 chỉ tiêu được giao)'));
  await shot('meeting-not-rated-yet');
  await driver.type(await driver.find('#attendance-invited'), '5');
  await driver.type(await driver.find('#attendance-present'), '5');
  await press('#attendance-save');
  await waitScript(
    `return ![...document.querySelectorAll('#attendance .hint')].some((h) => h.textContent.includes('trước khi biểu quyết'));`,
    [],
    'the attendance saved',
  );
  for (let round = 0; round < subjects.length; round += 1) {
    const id = subjects[round];
    await press(`#meeting-subjects [data-subject-id="${id}"]`);
    await waitScript(
      `return document.querySelector('#meeting-subjects [data-subject-id="' + arguments[0] + '"]')?.getAttribute('aria-selected') === 'true' && document.getElementById('decision-level');`,
      [id],
      'the subject chosen',
    );
    // A level the meeting decides: as proposed where there is a proposal, "Hoàn thành nhiệm vụ" where there is none.
    let level = await driver.execute(`return document.getElementById('decision-level').value;`);
    if (!level) {
      level = 'completed';
      await choose(await driver.find('#decision-level'), level);
    }
    if (round === 0 && (await driver.findAll(`#vote-${level}`)).length > 0) {
      // The collective is voted on first, on a level the vote can carry.
      await press('#vote-method-hands');
      const votes = await driver.find(`#vote-${level}`);
      await driver.clear(votes);
      await driver.type(votes, '5');
      await press('#vote-save');
      await waitText('#vote-result', (t) => t.includes('Thông qua'));
    }
    await press('#decision-save');
    await waitScript(
      `const m = /(\\d+)\\s*\\/\\s*(\\d+)/.exec(document.getElementById('meeting-progress').textContent); return m && Number(m[1]) === arguments[0];`,
      [round + 1],
      `decision ${round + 1}`,
    );
  }
  await shot('meeting-decided');
  await press('#meeting-lock');
  await press('#meeting-lock-confirm');
  await waitText('#meeting-state', (t) => t.includes('Đã khoá kết quả'));

  // The minutes, as PDF to print and as a Word file for the secretary to complete the opinions before signing.
  await press('#print-minutes');
  const minutes = await waitFile(printDir, /^bien-ban-hoi-nghi-2026-.*\.pdf$/);
  await waitText('.notice', (t) => t.includes('Đã tạo PDF'));
  const printed = pdfText(minutes);
  for (const words of ['BIÊN BẢN', COMMITTEE_NAME.toUpperCase(), 'Trần Thị Bình', 'Đỗ Thị Hằng', 'Phạm Văn Dũng', 'Hội trường UBND xã Tân Phước']) {
    assert.ok(printed.toUpperCase().includes(words.toUpperCase()), `the minutes say "${words}": ${printed.slice(0, 800)}`);
  }
  poppler('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', minutes, join(artifacts, 'office-minutes-page1')]);
  await press('#print-minutes-word');
  const word = await waitFile(printDir, /^bien-ban-hoi-nghi-2026-.*\.docx$/);
  await waitText('.notice', (t) => t.includes('Đã tạo tệp Word'));
  await shot('minutes-printed');
  const opened = pdfText(officeToPdf(word, join(work, 'word-opened'), join(work, 'lo-profile')));
  for (const words of ['BIÊN BẢN', 'Trần Thị Bình', 'Đỗ Thị Hằng', 'Phạm Văn Dũng', 'Nguyễn Văn An', 'Lê Thị Cúc']) {
    assert.ok(opened.toUpperCase().includes(words.toUpperCase()), `the Word minutes say "${words}": ${opened.slice(0, 800)}`);
  }
});
