// End to end: exchange between two offices (issue 7) through the real Thước Đo window. The commune demo and the
// province above it (SL, set up with `thuocdo init` and the commune added under it, as
// crates/service/tests/exchange_service.rs does) are made first with the CLI. In the commune's window: the key's
// fingerprint read (as it would be read out over the phone), the public key saved, a bundle sent to the superior.
// Then the province's window: a wrong fingerprint refused beside its field, the commune's key enrolled, a file that
// is no bundle refused in the service's words, the bundle previewed (new records per kind), imported (the progress
// bar ending at "Xong" with every record counted), the receipt and the status table; the same file again says it
// was imported already. Native dialogs cannot be driven, so every path is typed into the text field beside its
// "Chọn…" button. Screenshots go to tests/artifacts/e2e/ (xch-xa-… for the commune, xch-tinh-… for the province).

import { test, before, afterEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHarness, requireBinary, application, root } from './harness.mjs';

const cli = process.env.THUOCDO_CLI_BIN ?? join(root, 'target/debug/thuocdo');
const work = mkdtempSync(join(tmpdir(), 'thuocdo-e2e-xch-'));
const communeDb = join(work, 'xa.db');
const provinceDb = join(work, 'tinh.db');
const outDir = join(work, 'gui-di');
const keyFile = join(work, 'XA-GIA-HANH.pub');

const USER = 'admin';
const PASSWORD = 'thuocdo-demo';
const COMMUNE = 'XA-GIA-HANH';
const PROVINCE = 'SL';

// Two windows, one after the other, each with its own tauri-driver (the database is the driver's environment).
// Not the displays or ports of desktop, work, evaluation and printing (:90…, :110…, :130…, :150…; 4444…4842),
// which node --test may run at the same time.
const commune = createHarness({
  prefix: 'xch-xa-',
  display: `:${170 + (process.pid % 9)}`,
  port: 4844 + (process.pid % 50) * 2,
  waitMs: 60000,
  pollMs: 200,
});
const province = createHarness({
  prefix: 'xch-tinh-',
  display: `:${180 + (process.pid % 9)}`,
  port: 4944 + (process.pid % 50) * 2,
  waitMs: 60000,
  pollMs: 200,
});

/** Runs the CLI on a database with the password in its environment; its stdout. */
function thuocdo(db, args) {
  const run = spawnSync(cli, ['--db', db, ...args], {
    env: { ...process.env, THUOCDO_DB: db, THUOCDO_PASSWORD: PASSWORD },
    encoding: 'utf8',
    timeout: 5 * 60 * 1000,
  });
  assert.equal(run.status, 0, `thuocdo ${args.join(' ')} failed: ${run.stderr}\n${run.stdout}`);
  return run.stdout;
}

function helpers(h) {
  const { driver, waitScript, waitText, press } = h;

  /** Replaces the text of the field matching `css`. */
  async function fill(css, text) {
    const element = await driver.waitFor(css);
    await driver.clear(element);
    await driver.type(element, text);
  }

  /** Scrolls the element matching `css` into the middle of the panel, for the screenshot. */
  async function show(css) {
    await driver.execute(`document.querySelector(arguments[0])?.scrollIntoView({ block: 'center' });`, [css]);
  }

  async function login() {
    await driver.start(application);
    await waitText('body', (t) => t.includes('Đăng nhập'));
    const username = await h.field('Tên đăng nhập');
    await driver.clear(username);
    await driver.type(username, USER);
    await driver.type(await h.field('Mật khẩu'), PASSWORD);
    await driver.click(await h.button('Đăng nhập'));
    await driver.waitFor('#roster-search', 120000);
    await driver.click(await driver.waitFor('#tab-exchange'));
    await waitScript(`return !document.getElementById('panel-exchange').hidden;`, [], 'the exchange tab');
    await waitText('#xch-fingerprint', (t) => t.trim() !== '');
  }

  return { waitText, press, fill, show, login };
}

before(() => {
  requireBinary(application, 'desktop', 'build it first');
  requireBinary(cli, 'CLI', 'cargo build -p thuocdo-cli');
  mkdirSync(outDir, { recursive: true });
  thuocdo(communeDb, ['demo', '--scale', 'commune']);
  thuocdo(provinceDb, ['init', '--unit-name', 'Tỉnh Sông Lam', '--unit-code', PROVINCE, '--level', 'province', '--admin', USER]);
  thuocdo(provinceDb, ['units', 'add', '--code', COMMUNE, '--name', 'Xã Gia Hanh', '--level', 'commune', '--parent-code', PROVINCE]);
});

afterEach(async (t) => {
  await commune.shotIfFailed(t);
  await province.shotIfFailed(t);
});

after(async () => {
  await commune.stop();
  await province.stop(work);
});

/**
 * The last progress the bar (#xch-progress) shows once a preview or import is over: stage "done", "Xong", done ==
 * total, and total the sum of every column of the table of records per kind `table` (each record is counted once:
 * new, changed, unchanged, older, conflicting or matched).
 */
async function finalProgress(h, table) {
  // The last event may come in just after the command's answer.
  await h.waitScript(`return document.getElementById('xch-progress')?.dataset.stage === 'done';`, [], 'the progress bar at its end', 10000);
  const bar = await h.driver.execute(
    `const e = document.getElementById('xch-progress');
     return e && { stage: e.dataset.stage, action: e.dataset.action, done: Number(e.dataset.done), total: Number(e.dataset.total),
       label: e.innerText, value: e.querySelector('progress')?.position ?? null };`,
  );
  assert.ok(bar, 'the progress bar stays, finished, after the work');
  assert.equal(bar.stage, 'done', `the last progress is the end: ${JSON.stringify(bar)}`);
  assert.ok(bar.label.includes('Xong'), `the bar says it is finished: ${bar.label}`);
  assert.equal(bar.value, 1, 'the bar is full');
  const cells = await h.driver.execute(
    `return [...document.querySelectorAll(arguments[0] + ' tfoot td')].map((td) => td.innerText);`,
    [table],
  );
  assert.equal(cells.length, 6, `six columns of counts in ${table}: ${cells}`);
  const records = cells.reduce((sum, cell) => sum + Number(cell.replace(/\D/g, '')), 0);
  assert.ok(records > 0, `${table} counts records`);
  assert.equal(bar.total, records, `the bar's total is the records ${table} counts (${cells.join(' + ')})`);
  assert.equal(bar.done, bar.total, 'every record done');
  return bar;
}

/** What the commune's window shows, for the province's test. */
const sent = { fingerprint: '', bundle: '' };

test('the commune reads its key, saves the public key and sends a bundle to its superior', async () => {
  const { driver, shot, choose, waitScript } = commune;
  const { waitText, press, fill, show, login } = helpers(commune);
  await commune.start({ THUOCDO_DB: communeDb });
  await login();

  // The fingerprint in large type, the same the CLI shows.
  const shown = await driver.execute(`return document.getElementById('xch-fingerprint').getAttribute('aria-label');`);
  const keyId = (await waitText('#xch-key-id', (t) => t.trim() !== '')).trim();
  const cliKey = JSON.parse(thuocdo(communeDb, ['--json', 'keys', 'show']));
  assert.equal(shown, cliKey.fingerprint, 'the window shows the office fingerprint');
  assert.equal(keyId, cliKey.key_id, 'the window shows the office key id');
  const size = await driver.execute(`return parseFloat(getComputedStyle(document.getElementById('xch-fingerprint')).fontSize);`);
  assert.ok(size >= 24, `the fingerprint is large enough to read out (${size}px)`);
  sent.fingerprint = shown;
  await shot('key');

  // The public key file, typed where the save dialog would write it.
  await fill('#xch-key-path', keyFile);
  await press('#xch-key-save');
  await waitText('.notice', (t) => t.includes('Đã lưu khoá công khai'));
  assert.ok(existsSync(keyFile), 'the .pub file was written');
  assert.match(readFileSync(keyFile, 'utf8'), /untrusted comment/, 'a minisign public key file');

  // A bundle up to the superior: the only destination, chosen already.
  await waitScript(`return document.getElementById('xch-destination').value === arguments[0];`, [PROVINCE], 'the superior chosen');
  await choose(await driver.find('#xch-destination'), PROVINCE);
  await fill('#xch-password', PASSWORD);
  await fill('#xch-folder', outDir);
  await show('#xch-send');
  await shot('send-form');
  await press('#xch-send');
  const receipt = await waitText('#xch-receipt', (t) => t.includes('Đã tạo tệp'));
  assert.ok(receipt.includes(`${COMMUNE} → ${PROVINCE}`), `the receipt names the route: ${receipt}`);
  const sequence = await driver.execute(`return document.getElementById('xch-receipt-sequence').innerText;`);
  assert.equal(sequence.trim(), '1', 'the first bundle of the chain');
  const people = await driver.execute(`return document.querySelector('#xch-receipt-counts [data-kind="people"] td')?.innerText ?? '';`);
  assert.ok(Number(people.replace(/\D/g, '')) > 0, `people travel up: ${people}`);
  const files = readdirSync(outDir).filter((f) => f.endsWith('.tdb'));
  assert.equal(files.length, 1, `one bundle written: ${files}`);
  sent.bundle = join(outDir, files[0]);
  assert.ok(receipt.includes(files[0]), 'the receipt names the file');
  await show('#xch-receipt');
  await shot('receipt');

  // The status table has the chain out.
  await waitText('#xch-status-table', (t) => t.includes(`${COMMUNE} → ${PROVINCE}`) && t.includes('Gửi đi'));
  await show('#xch-status-table');
  await shot('status');

  await commune.stop();
});

test('the superior enrols the key with the fingerprint, previews, imports, and the same file again changes nothing (then in English)', async () => {
  assert.ok(sent.bundle && sent.fingerprint, 'the commune test sent a bundle');
  const { driver, shot } = province;
  const { waitText, press, fill, show, login } = helpers(province);
  await province.start({ THUOCDO_DB: provinceDb });
  await login();
  await waitText('#panel-exchange', (t) => t.includes('Chưa ghi nhận khoá của văn phòng nào'));
  await shot('empty');

  // A wrong fingerprint is refused beside its field; nothing is enrolled.
  await fill('#xch-enrol-path', keyFile);
  await fill('#xch-enrol-unit', COMMUNE);
  const wrong = sent.fingerprint.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
  await fill('#xch-enrol-fingerprint', wrong);
  await press('#xch-enrol-go');
  const mismatch = await waitText('#xch-enrol-fingerprint-error', (t) => t.trim() !== '');
  assert.ok(!(await driver.execute(`return !!document.getElementById('xch-keys-table');`)), 'nothing enrolled');
  await show('#xch-enrol-go');
  await shot('wrong-fingerprint');
  assert.ok(mismatch.length > 10, `the mismatch is said: ${mismatch}`);

  // The fingerprint as read out over the phone: lower case and spaces do not matter.
  await fill('#xch-enrol-fingerprint', sent.fingerprint.toLowerCase().replace(/-/g, ' '));
  await press('#xch-enrol-go');
  await waitText('.notice', (t) => t.includes('Đã ghi nhận khoá'));
  await waitText('#xch-keys-table', (t) => t.includes(COMMUNE) && t.includes(sent.fingerprint));
  await show('#xch-keys-table');
  await shot('enrolled');

  // A file that is no bundle is refused, in the service's words, prominently.
  await fill('#xch-bundle-path', keyFile);
  await press('#xch-preview');
  const refusal = await waitText('#xch-refusal', (t) => t.includes('Tệp không được nhận'));
  assert.ok(refusal.split('\n').filter((l) => l.trim()).length >= 2, `the refusal says what happened: ${refusal}`);
  await show('#xch-refusal');
  await shot('refused');

  // The bundle: preview with new records per kind.
  await fill('#xch-bundle-path', sent.bundle);
  await press('#xch-preview');
  await waitText('#xch-report', (t) => t.includes('Tệp hợp lệ'));
  assert.ok(!(await driver.execute(`return !!document.getElementById('xch-refusal');`)), 'the refusal is gone');
  const newPeople = await driver.execute(
    `return document.querySelector('#xch-kinds [data-kind="people"] td')?.innerText ?? '';`,
  );
  assert.ok(Number(newPeople.replace(/\D/g, '')) > 0, `new people in the preview: ${newPeople}`);
  const newTotal = await driver.execute(`return document.querySelector('#xch-kinds tfoot td')?.innerText ?? '';`);
  assert.ok(Number(newTotal.replace(/\D/g, '')) > 0, `new records in the preview: ${newTotal}`);
  const header = await waitText('#xch-kinds thead', () => true);
  for (const column of ['Mới', 'Thay đổi', 'Không đổi', 'Cũ hơn', 'Xung đột', 'Khớp sẵn']) {
    assert.ok(header.includes(column), `the preview has the column ${column}`);
  }
  // The preview's progress bar ends at "Xong", every record of the bundle compared.
  const previewed = await finalProgress(province, '#xch-kinds');
  assert.equal(previewed.action, 'preview');
  await show('#xch-report');
  await shot('preview');

  // Import: the receipt, and the chain in the status table.
  await press('#xch-apply');
  const imported = await waitText('#xch-import-receipt', (t) => t.includes('Đã nhập'), 120000);
  assert.ok(imported.includes('bản ghi mới'), `the receipt counts the new records: ${imported}`);
  // The progress bar's last report: every record the receipt counts written, done == total, and it says so.
  const applied = await finalProgress(province, '#xch-receipt-kinds');
  assert.equal(applied.action, 'import');
  assert.equal(applied.total, previewed.total, 'the import went through the records the preview compared');
  await show('#xch-progress');
  await shot('import-progress');
  await show('#xch-import-receipt');
  await shot('imported');
  const status = await waitText('#xch-status-table', (t) => t.includes(`${COMMUNE} → ${PROVINCE}`) && t.includes('Đã nhận'));
  assert.ok(status.includes('Nhận về'), `the chain in: ${status}`);
  await show('#xch-status-table');
  await shot('status');

  // The completeness board for the demo's year: the commune has sent it.
  await fill('#xch-board-period', '2026');
  await press('#xch-board-show');
  const board = await waitText('#xch-board-table', (t) => t.includes(COMMUNE) && t.includes('Đã gửi'));
  assert.ok(board.includes('Đã đăng ký'), `the commune's key is enrolled: ${board}`);
  await show('#xch-board-table');
  await shot('completeness');

  // The same file again: the preview says so, and importing it changes nothing.
  await press('#xch-preview');
  await waitText('#xch-verdict', (t) => t.includes('đã được nhập rồi'));
  assert.ok(!(await driver.execute(`return !!document.getElementById('xch-kinds');`)), 'no records to import the second time');
  await show('#xch-report');
  await shot('already-preview');
  await press('#xch-apply');
  await waitText('#xch-import-receipt', (t) => t.includes('đã được nhập trước đây'));
  await waitText('#xch-status-table', (t) => t.includes('Đã nhập trước đó'));
  await show('#xch-import-receipt');
  await shot('already-imported');

  // In English: the same screen, every heading and the status table in the other language.
  await driver.click(await driver.find('.lang-switch button[lang="en"]'));
  await waitText('#tab-exchange', (t) => t.includes('Data exchange'));
  await waitText('#panel-exchange', (t) => t.includes('The office’s key') && t.includes('Enrolled keys') && t.includes('Receive data'));
  await waitText('#xch-status-table', (t) => t.includes('Received') && t.includes('Already imported'));
  await waitText('#xch-progress', (t) => t.includes('Done'));
  await driver.execute(`document.getElementById('xch-title').scrollIntoView({ block: 'start' });`);
  await shot('english');
});
