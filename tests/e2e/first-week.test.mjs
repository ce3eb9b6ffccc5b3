// End to end, an office's first week (issue 16): printing on a PC where no PDF viewer opens the file (none installed,
// or the one set is gone) — the file is written all the same into "Thước Đo" in the user's Documents folder, not a
// hidden cache folder, and the window says so plainly, offering "Mở thư mục" and "Lưu PDF…" instead of the opener's
// error; then the demo, marked as demo, left for the real office: the demo file put aside, the setup screen shown.

import { test, before, afterEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHarness, requireBinary, application, cli, makeDemo } from './harness.mjs';

const work = mkdtempSync(join(tmpdir(), 'thuocdo-e2e-viewer-'));
const database = join(work, 'thuocdo.db');
const config = join(work, 'config');
const documents = join(work, 'Tài liệu');
const { driver, shot, shotIfFailed, waitText, openTab, press, place, openAndLogIn, start, stop } = createHarness({
  prefix: 'week-',
  display: `:${160 + (process.pid % 9)}`,
  port: 4844 + (process.pid % 50) * 2,
  waitMs: 60000,
  pollMs: 200,
});

before(async () => {
  requireBinary(application, 'desktop', 'build it first');
  requireBinary(cli, 'CLI', 'cargo build -p thuocdo-cli');
  makeDemo(database, 'commune');
  // The user's folders as a Linux desktop declares them (Windows has its own Documents folder).
  mkdirSync(config, { recursive: true });
  mkdirSync(documents, { recursive: true });
  writeFileSync(join(config, 'user-dirs.dirs'), `XDG_DOCUMENTS_DIR="${documents}"\n`);
  await start({ THUOCDO_DB: database, XDG_CONFIG_HOME: config, THUOCDO_PDF_VIEWER: join(work, 'khong-co-trinh-xem-pdf') });
});

afterEach(shotIfFailed);

after(() => stop(work));

test('no PDF viewer opens the minutes: the file is in Documents/Thước Đo and the window says where, with its folder and a copy', async () => {
  await openAndLogIn('admin', 'thuocdo-demo');
  await openTab('meetings');
  await waitText('#meetings-table', (t) => t.includes('Đã khoá kết quả'));
  await driver.click(await driver.waitFor('#meetings-table [data-meeting-id]'));
  await waitText('#meeting-state', (t) => t.includes('Đã khoá kết quả'));
  await press('#print-minutes');
  const said = await waitText('.notice', (t) => t.includes('chưa mở được tệp PDF'));
  const folder = join(documents, 'Thước Đo');
  assert.ok(said.includes(folder), said);
  assert.ok(!/Launcher|ExitStatus|unix_wait_status/.test(said), `no opener error on screen: ${said}`);
  const files = existsSync(folder) ? readdirSync(folder) : [];
  assert.ok(files.some((f) => /^bien-ban-hoi-nghi-2026-.*\.pdf$/.test(f)), `the minutes are in ${folder}: ${files}`);
  const buttons = await waitText('.notice', (t) => t.includes('Mở thư mục') && t.includes('Lưu PDF'));
  assert.ok(buttons.includes('Mở thư mục'));
  // In the status bar below the screen, both on screen and not covered; the tab bar above stays uncovered too.
  for (const css of ['#status #print-open-folder', '#status #print-save-copy', '#tab-meetings']) {
    const at = await place(css);
    assert.ok(at.inside && at.onTop, `${css} can be pressed: ${JSON.stringify(at)}`);
  }
  await shot('not-opened');
});

test('a print folder chosen in the print settings: a relative path refused beside the field, a full one made and printed into', async () => {
  await openTab('org');
  await press('#print-settings-open');
  await waitText('#print-settings', (t) => t.includes('Thư mục lưu tệp in'));
  const field = await driver.find('#pset-folder');
  assert.equal(await driver.property(field, 'value'), '', 'the default folder until one is chosen');
  await driver.type(field, 'In ấn');
  await press('#pset-save');
  await waitText('#print-settings', (t) => t.includes('đường dẫn đầy đủ'));
  const chosen = join(work, 'Văn bản đã in');
  await driver.clear(field);
  await driver.type(field, chosen);
  await press('#pset-save');
  await waitText('.notice', (t) => t.includes('Đã lưu cài đặt in'));
  assert.ok(existsSync(chosen), 'the folder is made when the settings are saved');
  await shot('print-folder-chosen');

  // The meetings tab comes back to the meeting it showed.
  await openTab('meetings');
  await waitText('#meeting-state', (t) => t.includes('Đã khoá kết quả'));
  await press('#print-minutes');
  const said = await waitText('.notice', (t) => t.includes('chưa mở được tệp PDF') && t.includes(chosen));
  assert.ok(said.includes(chosen), said);
  assert.ok(readdirSync(chosen).some((f) => /^bien-ban-hoi-nghi-2026-.*\.pdf$/.test(f)), `the minutes are in ${chosen}: ${readdirSync(chosen)}`);
});

test('the demo is marked as demo and left for the real office: the demo file put aside, the setup screen shown', async () => {
  // Still logged in from the test before.
  const badge = await waitText('#header-demo', (t) => t.toLowerCase().includes('dữ liệu mẫu'));
  assert.ok(badge);
  await press('#header-demo');
  await waitText('#leave-demo', (t) => t.includes('không xoá'));
  await shot('leave-demo');
  await press('#leave-demo-go');
  await waitText('body', (t) => t.includes('Đã cất dữ liệu mẫu vào') && t.includes('Tên đơn vị'));
  await shot('left-demo-setup');
  assert.equal(existsSync(database), false, 'nothing left where the demo was');
  const aside = readdirSync(work).filter((f) => /^thuocdo\.db\.demo-\d{8}-\d{6}$/.test(f));
  assert.equal(aside.length, 1, `the demo put aside: ${readdirSync(work)}`);
  assert.ok(existsSync(join(work, `${aside[0]}.keys`)), 'with its key file');
});
