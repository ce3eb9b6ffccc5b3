// End to end: printed documents from the real Thước Đo window on the commune demo (made first with the CLI). The
// demo meeting's minutes → the PDF read back with pdftotext (the Party letterhead, the title, both signatures) and
// pdffonts (every font embedded as a subset), saved where a path is given, its first page rendered with pdftoppm →
// the list of results, with a cadre named on screen found in the PDF → a person's form of the year → the collective
// report → a month's form → the target sheet, the breakthrough register and an action programme → the print
// settings panel, a wrong margin refused beside its field, a header line saved and printed.
// THUOCDO_PRINT_DIR makes "In" write the PDF into that folder instead of opening a viewer under Xvfb.
// Screenshots and the rendered page go to tests/artifacts/e2e/ (named print-…).

import { test, before, afterEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHarness, requireBinary, application, artifacts, ELEMENT, cli, makeDemo, waitFile, poppler, pdfText, officeToPdf } from './harness.mjs';

const work = mkdtempSync(join(tmpdir(), 'thuocdo-e2e-print-'));
const database = join(work, 'thuocdo.db');
const printDir = join(work, 'in');
const { driver, shot, shotIfFailed, choose, waitScript, openTab, waitText, press, openAndLogIn, start, stop } = createHarness({
  prefix: 'print-',
  // Not the displays or ports of desktop.test.mjs, work.test.mjs and evaluation.test.mjs, which node --test may
  // run at the same time.
  display: `:${150 + (process.pid % 9)}`,
  port: 4744 + (process.pid % 50) * 2,
  waitMs: 60000,
  pollMs: 200,
});

const USER = 'admin';
const PASSWORD = 'thuocdo-demo';
const OFFICE = 'XA-GIA-HANH';

/** Waits for the one PDF in the print folder whose name matches `pattern`. */
const waitPdf = (pattern, timeoutMs) => waitFile(printDir, pattern, timeoutMs);

/** Every font of the PDF: name, embedded, subset (pdffonts' table after its two heading lines). */
function pdfFonts(file) {
  return poppler('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      // name type [encoding…] emb sub uni object ID: read from the right, as a type may hold spaces.
      const cells = line.trim().split(/\s+/);
      return { name: cells[0], emb: cells[cells.length - 5], sub: cells[cells.length - 4], line };
    });
}

before(async () => {
  requireBinary(application, 'desktop', 'build it first');
  requireBinary(cli, 'CLI', 'cargo build -p thuocdo-cli');
  mkdirSync(printDir, { recursive: true });
  makeDemo(database, 'commune');
  await start({ THUOCDO_DB: database, THUOCDO_PRINT_DIR: printDir });
});

afterEach(shotIfFailed);

after(() => stop(work));

test('the minutes of the demo meeting print as a PDF with the Party letterhead, signatures and embedded fonts', async () => {
  await openAndLogIn(USER, PASSWORD);

  await openTab('meetings');
  await waitText('#meetings-table', (t) => t.includes('Đã khoá kết quả'));
  const meetingRow = await driver.waitFor('#meetings-table [data-meeting-id]');
  const meetingId = await driver.execute(`return arguments[0].getAttribute('data-meeting-id');`, [{ [ELEMENT]: meetingRow }]);
  await driver.click(meetingRow);
  await waitText('#meeting-state', (t) => t.includes('Đã khoá kết quả'));
  await waitText('.meeting-meta', (t) => t.includes('Chủ trì'));
  // Held on, place, chair, secretary, as the screen shows them.
  const [, , chair, secretary] = await driver.execute(
    `return [...document.querySelectorAll('.meeting-meta strong')].map((s) => s.textContent.trim());`,
  );

  await press('#print-minutes');
  const minutes = await waitPdf(/^bien-ban-hoi-nghi-2026-.*\.pdf$/);
  await waitText('.notice', (t) => t.includes('Đã tạo PDF'));
  await waitScript(`return !document.getElementById('print-minutes').disabled;`, [], 'the print button ready again');
  await shot('minutes-printed');

  const text = pdfText(minutes);
  for (const words of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'BIÊN BẢN', 'THƯ KÝ', 'CHỦ TRÌ HỘI NGHỊ']) {
    assert.ok(text.includes(words), `the minutes say "${words}": ${text.slice(0, 600)}`);
  }
  // The chair and the secretary on screen sign the minutes.
  for (const name of [chair, secretary]) {
    assert.ok(name && text.includes(name.normalize('NFC')), `${name} signs: ${text.slice(-400)}`);
  }

  const fonts = pdfFonts(minutes);
  assert.ok(fonts.length > 0, 'the minutes use fonts');
  for (const font of fonts) {
    assert.equal(font.emb, 'yes', `embedded: ${font.line}`);
    assert.equal(font.sub, 'yes', `subset: ${font.line}`);
    assert.match(font.name, /^[A-Z]{6}\+/, `a subset's tagged name: ${font.line}`);
  }

  // "Lưu PDF…" sends the path the save dialog gave; the dialog itself cannot be driven, so the command is called
  // as the button calls it.
  const saveTo = join(work, 'biên bản đã lưu.pdf');
  const saved = await driver.call('POST', driver.s('/execute/async'), {
    script: `const [meetingId, saveTo, done] = arguments;
      window.__TAURI_INTERNALS__.invoke('print_document', {
        request: { kind: 'minutes', meeting_id: meetingId }, options: { fixed_date: null, header: null }, saveTo })
        .then(done, (e) => done({ error: e }));`,
    args: [meetingId, saveTo],
  });
  assert.equal(saved.path, saveTo, JSON.stringify(saved));
  assert.ok(saved.pages >= 1 && existsSync(saveTo), `saved where asked: ${JSON.stringify(saved)}`);
  assert.ok(pdfText(saveTo).includes('BIÊN BẢN'), 'the saved copy is the minutes');

  // The first page as an image, to look at.
  poppler('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', minutes, join(artifacts, 'print-minutes-page1')]);
  assert.ok(existsSync(join(artifacts, 'print-minutes-page1.png')), 'page 1 rendered');

  // "Mở bằng Word": the same minutes as DOCX in the print folder, for the secretary to complete; opened here by
  // LibreOffice and read back.
  await press('#print-minutes-word');
  const word = await waitPdf(/^bien-ban-hoi-nghi-2026-.*\.docx$/);
  await waitText('.notice', (t) => t.includes('Đã tạo tệp Word'));
  await waitScript(`return !document.getElementById('print-minutes-word').disabled;`, [], 'the Word button ready again');
  await shot('minutes-word');
  const wordText = pdfText(officeToPdf(word, join(work, 'word-opened'), join(work, 'lo-profile')));
  for (const words of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'BIÊN BẢN', 'THƯ KÝ', 'CHỦ TRÌ HỘI NGHỊ', chair.normalize('NFC'), secretary.normalize('NFC')]) {
    assert.ok(wordText.includes(words), `the Word minutes say "${words}": ${wordText.slice(0, 600)}`);
  }
});

test('the list of results, a person’s form of the year, the collective report and a month’s form print where they are shown', async () => {
  await openTab('evaluation');
  await waitScript(`return document.getElementById('eval-year')?.value === '2026';`, [], 'the 2026 year selected');
  await waitScript(`return document.getElementById('eval-unit')?.value === arguments[0];`, [OFFICE], 'the office unit selected');
  await waitText('#eval-table', (t) => /Hoàn thành/.test(t));
  const cadre = await driver.execute(
    `const row = document.querySelector('#eval-table [data-person-id]');
     return { id: row.getAttribute('data-person-id'), name: row.querySelector('[role="gridcell"]').firstChild.textContent.trim() };`,
  );
  assert.ok(cadre.name, 'a cadre on screen');

  await press('#print-results');
  const results = await waitPdf(/^ket-qua-xep-loai-2026-.*\.pdf$/);
  await waitScript(`return !document.getElementById('print-results').disabled;`, [], 'the print button ready again');
  const text = pdfText(results);
  assert.ok(text.includes('ĐẢNG CỘNG SẢN VIỆT NAM'), `the Party letterhead: ${text.slice(0, 300)}`);
  assert.ok(text.includes(cadre.name.normalize('NFC')), `${cadre.name} is in the list: ${text.slice(0, 800)}`);
  await shot('results-printed');

  // The person's form of the year, from the panel of their proposal.
  await driver.click(await driver.find(`#eval-table [data-person-id="${cadre.id}"]`));
  await waitText('#eval-detail', (t) => t.includes('Vì sao có mức này'));
  await press('#print-form');
  const form = await waitPdf(/^phieu-danh-gia-2026-.*\.pdf$/);
  const formText = pdfText(form);
  assert.ok(formText.includes(cadre.name.normalize('NFC')), `the form names ${cadre.name}: ${formText.slice(0, 600)}`);
  assert.ok(formText.includes('NGƯỜI TỰ ĐÁNH GIÁ'), `the form is signed by the person: ${formText.slice(-400)}`);
  await shot('form-printed');

  // The collectives: the toolbar prints the chosen unit's collective report instead.
  await driver.click(await driver.find('#eval-view-collectives'));
  await waitText('#eval-collectives', (t) => t.includes('XA-GIA-HANH-'));
  await press('#print-collective');
  const report = pdfText(await waitPdf(/^bao-cao-tap-the-2026-XA_GIA_HANH\.pdf$/));
  assert.ok(report.includes('ĐẢNG CỘNG SẢN VIỆT NAM'), `the collective report: ${report.slice(0, 400)}`);
  await waitScript(`return !document.getElementById('print-collective').disabled;`, [], 'the print button ready again');
  await shot('collective-printed');
  await driver.click(await driver.find('#eval-view-people'));

  // A month's form, from the assessment panel of an evaluation period (the demo's last closed month).
  await openTab('periods');
  await waitText('#period-title', (t) => t.includes('2026'));
  const row = await driver.waitFor('#periods-table [data-person-id]');
  const person = await driver.execute(`return arguments[0].querySelector('[role="gridcell"]').textContent.trim();`, [{ [ELEMENT]: row }]);
  await driver.click(row);
  await driver.waitFor('#assessment');
  await press('#print-period-form');
  const month = pdfText(await waitPdf(/^phieu-danh-gia-2026-t\d+-.*\.pdf$/));
  assert.ok(month.includes(person.normalize('NFC')), `the month's form names ${person}: ${month.slice(0, 600)}`);
  assert.match(month, /tháng \d+ năm 2026/, `the form is of a month: ${month.slice(0, 600)}`);
  await waitScript(`return !document.getElementById('print-period-form').disabled;`, [], 'the print button ready again');
  await shot('period-form-printed');
});

test('the target sheet, the breakthrough register and an action programme print where they are shown', async () => {
  // The target sheet of the office's unit (the State header) from the targets screen.
  await openTab('targets');
  await waitText('#targets-count', (t) => /\d+ \/ \d+/.test(t));
  await press('#print-targets');
  const targets = pdfText(await waitPdf(/^chi-tieu-2026-.*\.pdf$/));
  assert.ok(targets.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), `the State header: ${targets.slice(0, 300)}`);
  await waitScript(`return !document.getElementById('print-targets').disabled;`, [], 'the print button ready again');
  await shot('targets-printed');

  // The year's breakthrough register.
  await openTab('breakthrough');
  await waitText('#bt-count', (t) => /\d+ \/ \d+/.test(t));
  await press('#print-breakthrough');
  const register = pdfText(await waitPdf(/^nhiem-vu-dot-pha-2026.*\.pdf$/));
  assert.ok(register.includes('ĐẢNG CỘNG SẢN VIỆT NAM'), `the Party header: ${register.slice(0, 300)}`);
  await waitScript(`return !document.getElementById('print-breakthrough').disabled;`, [], 'the print button ready again');
  await shot('breakthrough-printed');

  // An action programme, from its holder's profile.
  const holder = await driver.call('POST', driver.s('/execute/async'), {
    script: `const done = arguments[0];
      window.__TAURI_INTERNALS__.invoke('programmes', { personId: null })
        .then((list) => done(list.length ? { id: list[0].id, person: list[0].person_id, name: list[0].person_name } : null))
        .catch((e) => done({ error: String(e && e.message || e) }));`,
    args: [],
  });
  assert.ok(holder && holder.id, `the commune demo has an action programme: ${JSON.stringify(holder)}`);
  await openTab('roster');
  const search = await driver.waitFor('#roster-search');
  await driver.clear(search);
  await driver.type(search, holder.name);
  await driver.click(await driver.waitFor(`#roster-table [data-person-id="${holder.person}"]`));
  await press('#profile-wide');
  await waitText('#programmes-section', (t) => t.includes('Trách nhiệm'));
  await press(`#print-programme-${holder.id}`);
  const programme = pdfText(await waitPdf(/^chuong-trinh-hanh-dong-.*\.pdf$/));
  assert.ok(programme.includes(holder.name.normalize('NFC')), `the programme names ${holder.name}: ${programme.slice(0, 600)}`);
  await waitScript(`return !document.getElementById(arguments[0]).disabled;`, [`print-programme-${holder.id}`], 'the print button ready again');
  await shot('programme-printed');
});

test('the print settings: the header lines derived from the unit, a wrong margin refused, a line saved and printed', async () => {
  await openTab('org');
  await press('#print-settings-open');
  await waitScript(`return document.getElementById('pset-party_issuer')?.value.length > 0;`, [], 'the settings loaded');
  const issuer = await driver.property(await driver.find('#pset-party_issuer'), 'value');
  assert.match(issuer, /GIA HANH/, `the Party issuer is derived from the office's unit: ${issuer}`);
  await waitText('#print-settings', (t) => t.includes('ĐẢNG CỘNG SẢN VIỆT NAM') && t.includes('Độc lập - Tự do - Hạnh phúc'));
  await shot('settings');

  // A top margin of 70 mm is refused beside its field; nothing is saved.
  const top = await driver.find('#pset-margin_top_mm');
  const before = await driver.property(top, 'value');
  await driver.clear(top);
  await driver.type(top, '70');
  await press('#pset-save');
  const refused = await waitText('#print-settings', (t) => t.includes('Lề trên phải từ 5 đến 50 mm'));
  assert.ok(refused.includes('đang là 70'), refused);
  assert.equal(await driver.execute(`return document.getElementById('pset-margin_top_mm').getAttribute('aria-invalid');`), 'true');
  await shot('settings-refused');

  // Back to what it was, with the superior Party committee typed in small letters: saved in capitals.
  await driver.clear(top);
  await driver.type(top, before);
  await driver.type(await driver.find('#pset-party_superior'), 'Đảng bộ tỉnh Sông Lam');
  await press('#pset-save');
  await waitText('.notice', (t) => t.includes('Đã lưu cài đặt in'));
  await waitScript(`return document.getElementById('pset-party_superior').value === 'ĐẢNG BỘ TỈNH SÔNG LAM';`, [], 'saved in capitals');
  await waitText('.letterhead-preview', (t) => t.includes('ĐẢNG BỘ TỈNH SÔNG LAM'));
  await driver.execute(`document.querySelector('.letterhead-preview')?.scrollIntoView({ block: 'center' });`);
  await shot('settings-saved');

  // The minutes printed again carry the new line.
  const minutes = await waitPdf(/^bien-ban-hoi-nghi-2026-.*\.pdf$/);
  const printedAt = statSync(minutes).mtimeMs;
  await openTab('meetings');
  await press('#print-minutes');
  await waitScript(`return !document.getElementById('print-minutes').disabled;`, [], 'the minutes printed again');
  await waitText('.notice', (t) => t.includes('Đã tạo PDF'));
  assert.ok(statSync(minutes).mtimeMs > printedAt, 'the minutes were written again');
  assert.ok(pdfText(minutes).includes('ĐẢNG BỘ TỈNH SÔNG LAM'), 'the saved header line is printed');
});

test('the personnel statistics report prints from its page with a chart under each table', async () => {
  await openTab('org');
  await press('#stats-open');
  await press('#dash-people');
  const summary = await waitText('#stats-summary', (t) => /\d+ người/.test(t));
  const people = /(\d[\d.]*) người/.exec(summary)[1];
  const university = await waitText('#stats-qualification tr[data-line="university_or_above"]', (t) => t.includes('%'));
  const share = /(\d+,\d\d %)/.exec(university)[1];
  await press('#print-stats');
  const report = await waitPdf(/^thong-ke-doi-ngu-.*\.pdf$/);
  await waitScript(`return !document.getElementById('print-stats').disabled;`, [], 'the print button ready again');
  const text = pdfText(report);
  for (const words of ['BÁO CÁO', 'Thống kê đội ngũ cán bộ, công chức', `Tổng số: ${people} người.`, '1. Trình độ chuyên môn', share, '5. Dân tộc', 'Dân tộc thiểu số', '7. Các đơn vị trực thuộc']) {
    assert.ok(text.includes(words), `the report says "${words}": ${text.slice(0, 700)}`);
  }
  // The first two pages as images, to look at the charts.
  poppler('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', report, join(artifacts, 'print-stats-page')]);
  await shot('stats-printed');
});

test("the year's summary report prints from the year at a glance, its tables and charts, the quota beside the levels", async () => {
  await openTab('org');
  await press('#stats-open');
  await press('#dash-year');
  const figures = await waitText('#overview-figures', (t) => t.includes('cần chú ý'));
  const done = /\((\d+,\d\d %)\)/.exec(figures)[1];
  const quota = (await waitText('#overview-quota', (t) => t.includes('%'))).match(/\d+,\d\d %/)[0];
  await press('#print-summary');
  const report = await waitPdf(/^tong-hop-nam-2026-.*\.pdf$/);
  await waitScript(`return !document.getElementById('print-summary').disabled;`, [], 'the print button ready again');
  const text = pdfText(report);
  for (const words of [
    'BÁO CÁO',
    'Tổng hợp kết quả thực hiện nhiệm vụ năm 2026',
    '1. Chỉ tiêu theo nhóm nhiệm vụ và tình trạng',
    done,
    '2. Xếp loại cá nhân',
    `Tỷ lệ đề xuất Hoàn thành xuất sắc nhiệm vụ: ${quota}`,
    '4. Sản phẩm theo tháng',
    '6. Các đơn vị trực thuộc',
  ]) {
    assert.ok(text.replace(/\s+/g, ' ').includes(words), `the report says "${words}": ${text.slice(0, 900)}`);
  }
  poppler('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', report, join(artifacts, 'print-summary-page')]);
  await shot('summary-printed');
});

test('every list prints and exports: the organisation tree on paper, the meetings to a workbook, the roster printed', async () => {
  await openTab('org');
  await press('#print-list-units');
  const units = await waitPdf(/^danh-sach-don-vi-.*\.pdf$/);
  await waitScript(`return !document.getElementById('print-list-units').disabled;`, [], 'the print button ready again');
  const text = pdfText(units).replace(/\s+/g, ' ');
  const count = /(\d+) đơn vị/.exec(await waitText('#panel-org .count', (t) => /\d+ đơn vị/.test(t)))[1];
  for (const words of ['DANH SÁCH ĐƠN VỊ', `Tổng số: ${count}.`, 'Xã Gia Hanh', 'Đảng ủy xã Gia Hanh']) {
    assert.ok(text.includes(words), `the units list says "${words}": ${text.slice(0, 600)}`);
  }
  poppler('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', units, join(artifacts, 'print-list-units')]);
  await shot('list-units-printed');

  await openTab('meetings');
  // A meeting opened by the tests before: back to the list.
  if (await driver.execute(`return document.getElementById('meeting-back') !== null;`)) await press('#meeting-back');
  await waitScript(`return document.getElementById('list-meetings-export-path') !== null;`, [], 'the meetings list');
  const workbook = join(work, 'hội nghị.xlsx');
  await driver.type(await driver.find('#list-meetings-export-path'), workbook);
  await press('#list-meetings-export');
  await waitText('.notice', (t) => t.includes('Đã xuất') && t.includes('hội nghị.xlsx'));
  assert.ok(existsSync(workbook) && statSync(workbook).size > 3000, 'the meetings workbook is written');
  await shot('list-meetings-exported');

  await openTab('roster');
  await press('#print-list-roster');
  const roster = await waitPdf(/^danh-sach-can-bo-.*\.pdf$/);
  const rosterText = pdfText(roster).replace(/\s+/g, ' ');
  assert.ok(rosterText.includes('DANH SÁCH CÁN BỘ, CÔNG CHỨC') && rosterText.includes('Dân tộc'), rosterText.slice(0, 600));
  const size = poppler('pdfinfo', [roster]).split('\n').find((l) => l.startsWith('Page size:'));
  assert.ok(size.includes('841.89 x 595.2'), `the roster's nine columns on a landscape page: ${size}`);
});
