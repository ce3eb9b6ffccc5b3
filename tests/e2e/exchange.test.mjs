// End to end: exchange between two offices (issue 7) through the real Thước Đo window. The commune demo and the
// province above it (SL, set up with `thuocdo init` and the commune added under it, as
// crates/service/tests/exchange_service.rs does) are made first with the CLI. In the commune's window: the key's
// fingerprint read (as it would be read out over the phone), the public key saved, a bundle sent to the superior.
// Then the province's window: a wrong fingerprint refused beside its field, the commune's key enrolled, a file that
// is no bundle refused in the service's words, the bundle previewed (new records per kind), imported (the progress
// bar ending at "Xong" with every record counted), the receipt and the status table; the same file again says it
// was imported already. Then receipts, the approval of a year, a revocation and new keys (see the comment above
// the third test). Native dialogs cannot be driven, so every path is typed into the text field beside its
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

// The commune's window again, later, on a display and port of its own (the first one's Xvfb may not have let go).
const communeAgain = createHarness({
  prefix: 'xch-xa-b-',
  display: `:${190 + (process.pid % 9)}`,
  port: 5044 + (process.pid % 50) * 2,
  waitMs: 60000,
  pollMs: 200,
});

afterEach(async (t) => {
  await commune.shotIfFailed(t);
  await province.shotIfFailed(t);
  await communeAgain.shotIfFailed(t);
});

after(async () => {
  await commune.stop();
  await communeAgain.stop();
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

// Receipts, the approval of a year, a revocation and two new keys, through the same two windows. The province
// (still open, back in Vietnamese) saves the signed receipt of the commune's bundle, saves its own public key for
// the commune, approves the commune's 2026 from the completeness board, revokes the commune's key (reason, then a
// confirmation), makes itself a new key (announced in its next bundle) and sends a bundle down. The commune enrols
// the province's key, records the receipt (its status then says "đến gói 1"), imports the bundle (the new key of the
// province pinned, the approval notice, the red banner of its own revoked key) and makes a new key, whose fingerprint
// it must read out to the province. The databases are read with the CLI where it matters.

const later = { receipt: '', provinceKey: join(work, 'SL.pub'), provinceFingerprint: '', provinceOldKey: '', down: '', down2: '' };
const DECISION = 'Quyết định số 15-QĐ/TU ngày 20/01/2027';
const REASON = 'Mất máy tính ở văn phòng xã';

/** The CLI's JSON of a database. */
function json(db, args) {
  return JSON.parse(thuocdo(db, ['--json', ...args]));
}

test('the superior saves the receipt, approves the year, revokes the key, makes a new key and sends a bundle down', async () => {
  const { driver, shot, choose, waitScript } = province;
  const { waitText, press, fill, show } = helpers(province);
  await driver.click(await driver.find('.lang-switch button[lang="vi"]'));
  await waitText('#tab-exchange', (t) => t.includes('Trao đổi dữ liệu'));

  // The receipt of the commune's bundle 1, from the import's receipt: password, then the folder.
  await press('#xch-rcpt-open');
  await waitText('#xch-rcpt', (t) => t.includes('Biên nhận gói số 1') && t.includes(`${COMMUNE} → ${PROVINCE}`));
  await fill('#xch-rcpt-password', PASSWORD);
  await fill('#xch-rcpt-folder', outDir);
  await show('#xch-rcpt');
  await shot('receipt-form');
  await press('#xch-rcpt-save');
  const written = await waitText('#xch-rcpt-written', (t) => t.includes('.tdr'));
  const receipts = readdirSync(outDir).filter((f) => f.endsWith('.tdr'));
  assert.equal(receipts.length, 1, `one receipt written: ${receipts}`);
  assert.ok(written.includes(join(outDir, receipts[0])), `the window shows the path written: ${written}`);
  later.receipt = join(outDir, receipts[0]);
  // The status table offers the same for the chain in.
  const inRow = await driver.execute(
    `return !!document.querySelector('#xch-status-table tr[data-source="${COMMUNE}"] .xch-status-rcpt-open');`,
  );
  assert.ok(inRow, 'the chain in has "Lưu biên nhận…" in the status table');
  await show('#xch-rcpt');
  await shot('receipt-saved');

  // The province's public key, for the commune to enrol; its fingerprint before the new key.
  later.provinceFingerprint = await driver.execute(`return document.getElementById('xch-fingerprint').getAttribute('aria-label');`);
  later.provinceOldKey = (await waitText('#xch-key-id', (t) => t.trim() !== '')).trim();
  await fill('#xch-key-path', later.provinceKey);
  await press('#xch-key-save');
  await waitText('.notice', (t) => t.includes('Đã lưu khoá công khai'));

  // The year 2026 approved from the board: decision, collective level, today's date.
  await waitText('#xch-board-table', (t) => t.includes('Phê duyệt'));
  await press(`.xch-approve-open[data-unit="${COMMUNE}"]`);
  await waitText('#xch-approve-form', (t) => t.includes(`Phê duyệt năm 2026 của Xã Gia Hanh (${COMMUNE})`));
  const levels = await driver.execute(`return [...document.querySelectorAll('#xch-appr-level option')].map((o) => o.textContent.trim());`);
  for (const label of ['Hoàn thành xuất sắc nhiệm vụ', 'Hoàn thành tốt nhiệm vụ', 'Hoàn thành nhiệm vụ', 'Không hoàn thành nhiệm vụ']) {
    assert.ok(levels.includes(label), `the level ${label} is offered: ${levels}`);
  }
  const day = await driver.execute(`return document.getElementById('xch-appr-day').value;`);
  assert.match(day, /^\d{2}\/\d{2}\/\d{4}$/, `the day defaults to today, dd/mm/yyyy: ${day}`);
  // Without a decision: said beside the field.
  await press('#xch-appr-go');
  await waitText('#xch-appr-decision-error', (t) => t.includes('quyết định'));
  await fill('#xch-appr-decision', DECISION);
  await choose(await driver.find('#xch-appr-level'), 'good');
  await show('#xch-approve-form');
  await shot('approve-form');
  await press('#xch-appr-go');
  await waitText('.notice', (t) => t.includes('Đã phê duyệt năm 2026'));
  const row = await waitText(`#xch-board-table tr[data-unit="${COMMUNE}"]`, (t) => t.includes('Đã phê duyệt'));
  assert.ok(row.includes(day) && row.includes(DECISION), `the board shows the day and decision: ${row}`);
  const listed = await waitText('#xch-approvals-table', (t) => t.includes(COMMUNE));
  assert.ok(listed.includes('Hoàn thành tốt nhiệm vụ') && listed.includes('Văn phòng này'), `the approvals list: ${listed}`);
  const given = json(provinceDb, ['bundle', 'approvals']);
  const approval = given.find((a) => a.unit_code === COMMUNE && a.year === 2026);
  assert.ok(approval, `the approval is stored: ${JSON.stringify(given)}`);
  assert.equal(approval.decision, DECISION);
  assert.equal(approval.collective_level, 'good');
  assert.equal(approval.given_here, true);
  const [dd, mm, yyyy] = day.split('/');
  assert.equal(approval.approved_on, `${yyyy}-${mm}-${dd}`, 'approved on the day shown');
  await show('#xch-board-table');
  await shot('approved');

  // A bundle down to the commune, into a folder of its own; the kinds it carries.
  async function sendDown(folder) {
    mkdirSync(folder, { recursive: true });
    await choose(await driver.find('#xch-destination'), COMMUNE);
    await waitScript(`return document.getElementById('xch-destination').value === arguments[0];`, [COMMUNE], 'the commune chosen');
    await fill('#xch-password', PASSWORD);
    await fill('#xch-folder', folder);
    await press('#xch-send');
    const down = await waitText('#xch-receipt', (t) => t.includes('Đã tạo tệp') && t.includes(folder), 120000);
    assert.ok(down.includes(`${PROVINCE} → ${COMMUNE}`), `the bundle goes down: ${down}`);
    const files = readdirSync(folder).filter((f) => f.endsWith('.tdb'));
    assert.equal(files.length, 1, `one bundle down: ${files}`);
    const kinds = await driver.execute(`return [...document.querySelectorAll('#xch-receipt-counts tbody tr')].map((r) => r.dataset.kind);`);
    return { path: join(folder, files[0]), kinds };
  }

  // The first bundle down carries the approval (and the receipt of the commune's bundle 1).
  const first = await sendDown(join(work, 'gui-xuong-1'));
  assert.ok(first.kinds.includes('period_approvals'), `the approval travels down: ${first.kinds}`);
  later.down = first.path;
  const outRow = await waitText(`#xch-status-table tr[data-source="${PROVINCE}"][data-destination="${COMMUNE}"]`, () => true);
  assert.ok(outRow.includes('chưa có'), `no receipt yet for the bundle down: ${outRow}`);
  await show('#xch-receipt');
  await shot('send-down');

  // The commune's key revoked: the reason is required, then a confirmation.
  await press(`.xch-revoke-open[data-unit="${COMMUNE}"]`);
  await press('#xch-revoke-go');
  await waitText('#xch-revoke-reason-error', (t) => t.includes('lý do'));
  await fill('#xch-revoke-reason', REASON);
  await press('#xch-revoke-go');
  await waitText('#xch-revoke-confirm-box', (t) => t.includes('Không hoàn tác được'));
  let keysRow = await waitText(`#xch-keys-table tr[data-unit="${COMMUNE}"]`, () => true);
  assert.ok(keysRow.includes('Đang dùng'), `not revoked before the confirmation: ${keysRow}`);
  await show('#xch-revoke-form');
  await shot('revoke-confirm');
  await press('#xch-revoke-confirm');
  await waitText('.notice', (t) => t.includes('Đã thu hồi khoá'));
  keysRow = await waitText(`#xch-keys-table tr[data-unit="${COMMUNE}"]`, (t) => t.includes('Đã thu hồi'));
  assert.ok(!keysRow.includes('Thu hồi khoá'), 'no second revocation offered');
  const revokedList = await waitText('#xch-revoked-table', (t) => t.includes(COMMUNE));
  assert.ok(revokedList.includes(REASON), `the revoked list gives the reason: ${revokedList}`);
  const keys = json(provinceDb, ['keys', 'list']);
  assert.ok(keys.revoked.some((r) => r.unit_code === COMMUNE && r.reason === REASON), `revoked in the database: ${JSON.stringify(keys)}`);
  await show('#xch-revoked-table');
  await shot('revoked');

  // A new key for the province: announced in the next bundle, no fingerprint to read out.
  await press('#xch-rotate-open');
  await fill('#xch-rotate-password', PASSWORD);
  await show('#xch-rotate');
  await shot('rotate-form');
  await press('#xch-rotate-go');
  const rotated = await waitText('#xch-rotate-result', (t) => t.includes('Đã tạo khoá mới'), 120000);
  assert.ok(rotated.includes('báo trong tệp gửi đi tiếp theo'), `the rotation says it is announced: ${rotated}`);
  const newKey = (await waitText('#xch-key-id', (t) => t.trim() !== '' && t.trim() !== later.provinceOldKey)).trim();
  assert.ok(rotated.includes(newKey) && rotated.includes(later.provinceOldKey), `old and new key named: ${rotated}`);
  assert.equal(json(provinceDb, ['keys', 'show']).key_id, newKey, 'the database has the new key');
  await show('#xch-rotate');
  await shot('rotated');

  // The second bundle down: signed with the old key, it announces the new one, and carries the revocation.
  const second = await sendDown(join(work, 'gui-xuong-2'));
  for (const kind of ['key_revocations', 'key_announcements']) {
    assert.ok(second.kinds.includes(kind), `${kind} travels down: ${second.kinds}`);
  }
  later.down2 = second.path;
  await show('#xch-receipt');
  await shot('send-down-2');

  await province.stop();
});

test('the commune records the receipt, imports the approval, sees its key revoked and makes a new one', async () => {
  assert.ok(later.receipt && later.down, 'the province wrote a receipt and a bundle down');
  const { driver, shot, waitScript } = communeAgain;
  const { waitText, press, fill, show, login } = helpers(communeAgain);
  await communeAgain.start({ THUOCDO_DB: communeDb });
  await login();
  const oldKey = (await waitText('#xch-key-id', (t) => t.trim() !== '')).trim();

  // The province's key, enrolled with the fingerprint it read out.
  await fill('#xch-enrol-path', later.provinceKey);
  await fill('#xch-enrol-unit', PROVINCE);
  await fill('#xch-enrol-fingerprint', later.provinceFingerprint);
  await press('#xch-enrol-go');
  await waitText('.notice', (t) => t.includes('Đã ghi nhận khoá'));

  // Before the receipt, the status says none came back.
  const outSelector = `#xch-status-table tr[data-source="${COMMUNE}"][data-destination="${PROVINCE}"]`;
  await waitText(outSelector, (t) => t.includes('chưa có'));
  await fill('#xch-ack-path', later.receipt);
  await press('#xch-ack-go');
  const ack = await waitText('#xch-ack-result', (t) => t.includes('Đã ghi nhận biên nhận gói số 1'));
  assert.ok(ack.includes(PROVINCE), `the receipt names the receiver: ${ack}`);
  const outRow = await waitText(outSelector, (t) => t.includes('đến gói 1'));
  assert.match(outRow, /đến gói 1 \(\d{2}\/\d{2}\/\d{4}\)/, `the day of the receipt: ${outRow}`);
  const chain = json(communeDb, ['bundle', 'status']).find((c) => c.direction === 'out' && c.destination_unit === PROVINCE);
  assert.equal(chain?.acknowledged_sequence, 1, `acknowledged in the database: ${JSON.stringify(chain)}`);
  await show('#xch-ack-result');
  await shot('receipt-recorded');
  await show('#xch-status-table');
  await shot('status-receipt');

  // The first bundle down: the approval of 2026, shown at the top of the tab.
  async function importDown(path) {
    await fill('#xch-bundle-path', path);
    await press('#xch-preview');
    await waitText('#xch-report', (t) => t.includes('Tệp hợp lệ'));
    await press('#xch-apply');
    await waitText('#xch-import-receipt', (t) => t.includes('Đã nhập') && t.includes(path.split('/').pop()), 120000);
  }
  await importDown(later.down);
  const notice = await waitText('#xch-approval-notice-2026', (t) => t.includes('Năm 2026 đã được cấp trên phê duyệt ngày'));
  assert.ok(notice.includes(DECISION), `the notice gives the decision: ${notice}`);
  assert.ok(notice.includes('Xếp loại tập thể: Hoàn thành tốt nhiệm vụ'), `the collective's level: ${notice}`);
  assert.ok(notice.includes('Dữ liệu năm 2026 đã khoá'), `the year is locked: ${notice}`);
  assert.match(notice, /phê duyệt ngày \d{2}\/\d{2}\/\d{4}/, 'the day dd/mm/yyyy');
  const received = json(communeDb, ['bundle', 'approvals']).find((a) => a.year === 2026);
  assert.ok(received && !received.given_here && received.decision === DECISION, `the approval at the commune: ${JSON.stringify(received)}`);
  assert.equal(received.collective_level, 'good');
  const listed = await waitText('#xch-approvals-table', (t) => t.includes('Cấp trên'));
  assert.ok(listed.includes(DECISION), `the approvals list: ${listed}`);
  assert.ok(!(await driver.execute(`return !!document.getElementById('xch-own-revoked');`)), 'the key is not revoked yet');
  await driver.execute(`document.getElementById('xch-title').scrollIntoView({ block: 'start' });`);
  await shot('approval-notice');
  await show('#xch-approvals-table');
  await shot('approvals');

  // The second: the province's new key pinned in place of the old one, and this office's key revoked.
  await importDown(later.down2);
  const announced = await waitText('#xch-key-announced', (t) => t.includes(PROVINCE));
  assert.ok(announced.includes('khoá mới'), `the province's new key: ${announced}`);
  await waitText('#xch-revocations-received', (t) => t.includes('thu hồi'));
  const pinned = json(communeDb, ['keys', 'list']).enrolled.find((k) => k.unit_code === PROVINCE);
  assert.notEqual(pinned?.fingerprint, later.provinceFingerprint, 'the province’s new key replaced the old one');
  await show('#xch-import-receipt');
  await shot('imported-down-2');
  const banner = await waitText('#xch-own-revoked', (t) => t.includes('đã bị cấp trên'));
  assert.ok(banner.includes(oldKey) && banner.includes(REASON) && banner.includes('Tạo khoá mới'), `the banner says what to do: ${banner}`);
  await driver.execute(`document.getElementById('xch-title').scrollIntoView({ block: 'start' });`);
  await shot('own-key-revoked');

  // A new key after the revocation: its fingerprint must be read out to the superior.
  await waitText('#xch-rotate', (t) => t.includes('đã bị thu hồi'));
  await press('#xch-rotate-open');
  await fill('#xch-rotate-password', PASSWORD);
  await press('#xch-rotate-go');
  const rotated = await waitText('#xch-rotate-result', (t) => t.includes('Đã tạo khoá mới'), 120000);
  assert.ok(rotated.includes('đọc dấu vân tay mới'), `read the fingerprint out: ${rotated}`);
  const shown = (await waitText('#xch-rotate-fingerprint', (t) => t.trim() !== '')).trim();
  const now = json(communeDb, ['keys', 'show']);
  assert.equal(shown, now.fingerprint, 'the new fingerprint shown is the office’s');
  assert.notEqual(now.key_id, oldKey);
  await waitScript(`return !document.getElementById('xch-own-revoked');`, [], 'the banner gone with the new key');
  await show('#xch-rotate');
  await shot('rotated-after-revocation');
});
