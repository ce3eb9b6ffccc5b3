// End to end (issue 15): several people in one office, through the real window. On the commune demo the
// administrator opens "Tài khoản & an toàn", adds a data-entry account limited to one unit (the wrong confirmation
// password refused beside the form first), checks the audit trail, and backs the office up to a folder; the clerk
// then logs in, is offered neither adding a cadre nor opening a meeting, sees neither the accounts nor the audit
// trail, and changes their own password. The backup is checked with the CLI (`thuocdo restore FILE` shows what it
// holds). A leadership (read-only) account and an organisation-staff account made with the CLI each open the window:
// the first is offered no adding, no meeting, no sending; the second all of those; neither the office's accounts.
// Then the administrator prints the recovery sheet, forgets the password, and gets back in from the login
// screen's "Quên mật khẩu?" with the code read off the sheet. Screenshots go to tests/artifacts/e2e/ (acc-…).

import { test, before, afterEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHarness, makeDemo, cli, application } from './harness.mjs';

const work = mkdtempSync(join(tmpdir(), 'thuocdo-e2e-acc-'));
const database = join(work, 'xa.db');
const backups = join(work, 'USB', 'Sao lưu');
const printDir = join(work, 'In ấn');
const PASSWORD = 'thuocdo-demo';
const CLERK = 'nhaplieu';
const CLERK_PASSWORD = 'Nhập liệu 2026';
/** The recovery code printed in the second test, as read off the sheet. */
let sheetCode = '';

// Not the displays or ports of the other end-to-end files (:90…:208; 4444…5242), which may run at the same time.
const { driver, shot, shotIfFailed, waitBody, start, stop, openAndLogIn, openTab, waitText, waitScript, press } = createHarness({
  prefix: 'acc-',
  display: `:${210 + (process.pid % 9)}`,
  port: 5244 + (process.pid % 50) * 2,
  waitMs: 60000,
  pollMs: 200,
});

async function typeInto(css, text) {
  const input = await driver.waitFor(css);
  await driver.clear(input);
  await driver.type(input, text);
}

before(async () => {
  makeDemo(database, 'commune');
  await start({ THUOCDO_DB: database, THUOCDO_PRINT_DIR: printDir });
});

afterEach(shotIfFailed);

after(() => stop(work));

test('an administrator adds a clerk for one unit, checks the audit trail and backs up; the clerk sees only their own', async () => {
  await openAndLogIn('admin', PASSWORD);
  // A demo never backed up: the header reminds. The page is opened from the header (no room left in the tab bar).
  await waitText('#header-backup-due', (t) => t.includes('chưa sao lưu'));
  await press('#header-accounts');
  await driver.waitFor('#acc-mine');
  await waitText('#acc-users', (t) => t.includes('admin') && t.includes('Quản trị'));
  await shot('accounts');

  // Add a data-entry clerk limited to one unit; the administrator's own password confirms it.
  await typeInto('#acc-add-name', CLERK);
  const role = await driver.find('#acc-add-role');
  await driver.execute(`arguments[0].value = 'data_entry'; arguments[0].dispatchEvent(new Event('change'));`, [{ 'element-6066-11e4-a52e-4f735466cecf': role }]);
  const unit = await driver.waitFor('#acc-add-unit');
  const unitName = await driver.execute(
    `const s = arguments[0]; s.value = s.options[1].value; s.dispatchEvent(new Event('change')); return s.options[1].text;`,
    [{ 'element-6066-11e4-a52e-4f735466cecf': unit }],
  );
  await typeInto('#acc-add-password', CLERK_PASSWORD);
  await typeInto('#acc-add-mine', 'sai mật khẩu');
  await press('#acc-add-go');
  await waitText('#acc-add-error', (t) => t.includes('mật khẩu'));
  await shot('add-wrong-confirmation');
  await typeInto('#acc-add-mine', PASSWORD);
  await press('#acc-add-go');
  const listed = await waitText('#acc-users', (t) => t.includes(CLERK));
  assert.ok(listed.includes('Nhập liệu') && listed.includes(unitName), listed);
  await shot('clerk-added');

  // The audit trail names the new account and checks intact.
  await press('#acc-filter-go');
  await waitText('#acc-entries', (t) => t.includes('Thêm tài khoản') && t.includes(`${CLERK} data_entry`) && !t.includes('users.add'));
  await press('#acc-verify');
  await waitText('#acc-verdict', (t) => t.includes('nguyên vẹn'));
  await shot('audit');
  // Printed as the page lists it: the actions in words, the new account named.
  await press('#print-list-audit');
  const printedTrail = () => existsSync(printDir) && readdirSync(printDir).find((f) => f.startsWith('nhat-ky-thay-doi') && f.endsWith('.pdf'));
  for (let waited = 0; !printedTrail() && waited < 60000; waited += 250) await new Promise((done) => setTimeout(done, 250));
  await waitScript(`return !document.getElementById('print-list-audit').disabled;`, [], 'the print button ready again');
  const trail = printedTrail();
  assert.ok(trail, `the printed audit trail in ${printDir}`);
  const trailText = spawnSync('pdftotext', ['-enc', 'UTF-8', join(printDir, trail), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
  for (const words of ['NHẬT KÝ THAY ĐỔI', 'Thêm tài khoản', `${CLERK} data_entry`]) {
    assert.ok(trailText.includes(words), `the printed trail says "${words}": ${trailText.slice(0, 600)}`);
  }
  assert.ok(!trailText.includes('users.add'), 'no action codes on paper');

  // The daily copy: the administrator chooses the stick's folder and switches it on; the next opening of the
  // window makes the day's copy there and the header's reminder goes.
  await typeInto('#acc-backup-folder', backups);
  await press('#acc-backup-daily');
  await press('#acc-daily-save');
  await waitBody((t) => t.includes('Từ nay Thước Đo tự sao lưu mỗi ngày'), 'the daily backup switched on');
  mkdirSync(backups, { recursive: true });
  await driver.quit();
  await openAndLogIn('admin', PASSWORD);
  await waitBody((t) => t.includes('Đã tự động sao lưu dữ liệu hôm nay vào'), "the day's copy");
  assert.equal(await driver.execute(`return document.getElementById('header-backup-due') === null;`, []), true, 'no reminder');
  await shot('daily-backup');
  assert.equal(readdirSync(backups).filter((f) => f.endsWith('.tdbak')).length, 1, 'the automatic copy');
  await press('#header-accounts');
  await waitText('#acc-daily-state', (t) => t.includes(backups));

  // A backup by hand to the same folder (typed: native dialogs cannot be driven); rotation keeps the day's newest.
  await typeInto('#acc-backup-folder', backups);
  await press('#acc-backup-go');
  await waitBody((t) => t.includes('Đã sao lưu vào'), 'the backup message');
  assert.equal(await driver.execute(`return document.getElementById('header-backup-due') === null;`, []), true, 'the reminder goes');
  await shot('backup-done');
  const copies = readdirSync(backups).filter((f) => f.endsWith('.tdbak'));
  assert.equal(copies.length, 1, `one copy: ${copies}`);
  // Neither the database the window made nor its backup is readable SQLite without the key.
  for (const file of [database, join(backups, copies[0])]) {
    const head = readFileSync(file).subarray(0, 16).toString('latin1');
    assert.notEqual(head, 'SQLite format 3\0', `${file} is encrypted`);
  }
  // Inspecting the copy takes the password: it is encrypted like the database.
  const shown = spawnSync(cli, ['--db', database, 'restore', join(backups, copies[0])], {
    encoding: 'utf8',
    env: { ...process.env, THUOCDO_PASSWORD: PASSWORD },
  });
  assert.equal(shown.status, 0, shown.stderr);
  assert.ok(shown.stdout.includes('nguyên vẹn') && shown.stdout.includes('cán bộ'), shown.stdout);

  // The clerk (after a restart of the window): no accounts, no audit trail, but their own password.
  await driver.quit();
  await openAndLogIn(CLERK, CLERK_PASSWORD);
  // The window offers the clerk only what the role allows: no "Thêm cán bộ" on the roster, no new meeting.
  const roster = await waitText('#panel-roster', (t) => t.includes('Hiển thị'));
  assert.ok(!roster.includes('Thêm cán bộ'), 'a data-entry clerk is not offered to add a cadre');
  await openTab('meetings');
  await waitText('#panel-meetings', (t) => t.trim() !== '');
  assert.equal(await driver.execute(`return document.getElementById('meeting-add') === null;`, []), true, 'no new meeting');
  await shot('clerk-meetings');
  await press('#header-accounts');
  await driver.waitFor('#acc-mine');
  const page = await waitText('#panel-accounts', (t) => t.includes('Mật khẩu của tôi'));
  assert.ok(!page.includes('Tài khoản của văn phòng') && !page.includes('Nhật ký thay đổi'), page);
  await typeInto('#acc-current', CLERK_PASSWORD);
  await typeInto('#acc-new', 'Mật khẩu riêng 2027');
  await typeInto('#acc-repeat', 'Mật khẩu riêng 2027');
  await press('#acc-change');
  await waitBody((t) => t.includes('Đã đổi mật khẩu'), 'the password changed');
  await shot('clerk-password');
  // The exchange tab tells the clerk it is not theirs to send.
  await openTab('exchange');
  await waitText('#panel-exchange', (t) => t.includes('Chỉ quản trị viên và cán bộ tổ chức'));
  await shot('clerk-exchange');
  await driver.quit();

  // The new password is the one that opens the office now.
  const status = spawnSync(cli, ['--db', database, '--user', CLERK, 'status'], {
    env: { ...process.env, THUOCDO_PASSWORD: 'Mật khẩu riêng 2027' },
    encoding: 'utf8',
  });
  assert.equal(status.status, 0, status.stderr);
});

test('the window offers each desk what its role allows and nothing else: leadership reads, organisation staff work', async () => {
  // Accounts made through the command line (the administrator's password confirms), then each opens the window.
  const desks = [
    { name: 'lanhdao', role: 'viewer', password: 'Lãnh đạo xem 2026', works: false },
    { name: 'tochuc', role: 'organisation', password: 'Tổ chức làm 2026', works: true },
  ];
  for (const desk of desks) {
    const added = spawnSync(cli, ['--db', database, 'users', 'add', desk.name, '--role', desk.role], {
      env: { ...process.env, THUOCDO_PASSWORD: PASSWORD, THUOCDO_NEW_PASSWORD: desk.password },
      encoding: 'utf8',
    });
    assert.equal(added.status, 0, added.stderr);
  }
  for (const desk of desks) {
    await openAndLogIn(desk.name, desk.password);
    const present = (id) => driver.execute(`return document.getElementById(arguments[0]) !== null;`, [id]);
    const roster = await waitText('#panel-roster', (t) => t.includes('Hiển thị'));
    assert.equal(roster.includes('Thêm cán bộ'), desk.works, `${desk.role}: adding a cadre`);
    await openTab('targets');
    await waitText('#panel-targets', (t) => t.trim() !== '');
    assert.equal(await present('target-add'), desk.works, `${desk.role}: adding a target`);
    await openTab('meetings');
    await waitText('#panel-meetings', (t) => t.trim() !== '');
    assert.equal(await present('meeting-add'), desk.works, `${desk.role}: opening a meeting`);
    await openTab('exchange');
    const exchange = await waitText('#panel-exchange', (t) => t.trim() !== '');
    assert.equal(exchange.includes('Chỉ quản trị viên và cán bộ tổ chức'), !desk.works, `${desk.role}: sending bundles`);
    await shot(`desk-${desk.role}`);
    // Neither manages the office's accounts nor reads the audit trail: that is the administrator's desk.
    await press('#header-accounts');
    const page = await waitText('#panel-accounts', (t) => t.includes('Mật khẩu của tôi'));
    assert.ok(!page.includes('Tài khoản của văn phòng') && !page.includes('Nhật ký thay đổi'), `${desk.role}: ${page}`);
    await driver.quit();
  }
});

test('the recovery sheet printed in the window lets the administrator back in after the password is forgotten', async () => {
  await openAndLogIn('admin', PASSWORD);
  await waitText('#header-recovery-due', (t) => t.includes('phiếu khôi phục'));
  await press('#header-accounts');
  await waitText('#acc-recovery', (t) => t.includes('chưa có phiếu khôi phục'));
  await typeInto('#acc-recovery-password', 'sai mật khẩu');
  await press('#acc-recovery-go');
  await waitText('#acc-recovery-error', (t) => t.includes('mật khẩu'));
  await typeInto('#acc-recovery-password', PASSWORD);
  await press('#acc-recovery-go');
  await waitBody((t) => t.includes('Đã tạo phiếu khôi phục'), 'the sheet made');
  assert.equal(await driver.execute(`return document.getElementById('header-recovery-due') === null;`, []), true, 'the reminder goes');
  await shot('recovery-sheet');
  const sheets = readdirSync(printDir).filter((f) => f.startsWith('phieu-khoi-phuc'));
  assert.equal(sheets.length, 1, `one sheet: ${sheets}`);
  const text = spawnSync('pdftotext', ['-enc', 'UTF-8', join(printDir, sheets[0]), '-'], { encoding: 'utf8' }).stdout;
  const groups = text.split('Mã khôi phục')[1].split(/\s+/).filter((w) => /^[0-9A-Z]{4}$/.test(w)).slice(0, 8);
  assert.equal(groups.length, 8, text);
  sheetCode = groups.join('-');
  await driver.quit();

  // Password forgotten: the login screen's "Quên mật khẩu?", the code typed as read from paper.
  await driver.start(application);
  await waitBody((t) => t.includes('Đăng nhập'), 'the login screen');
  await press('#login-forgot');
  await typeInto('#recover-code', groups.join(' ').toLowerCase());
  await typeInto('#recover-user', 'admin');
  await typeInto('#recover-new', 'Mật khẩu sau khôi phục');
  await typeInto('#recover-repeat', 'Mật khẩu khác hẳn');
  await press('#recover-go');
  await waitText('#recover-error', (t) => t.includes('không khớp'));
  await shot('recover-form');
  await typeInto('#recover-repeat', 'Mật khẩu sau khôi phục');
  await press('#recover-go');
  await driver.waitFor('#roster-search', 120000);
  await shot('recovered');
  await driver.quit();

  const run = (password) =>
    spawnSync(cli, ['--db', database, 'status'], { env: { ...process.env, THUOCDO_PASSWORD: password }, encoding: 'utf8' });
  assert.notEqual(run(PASSWORD).status, 0, 'the forgotten password no longer opens');
  const status = run('Mật khẩu sau khôi phục');
  assert.equal(status.status, 0, status.stderr);
});

test("a new PC: the setup screen restores the office from the stick's backup and logs in", async () => {
  // The old PC died: no database here any more.
  for (const suffix of ['', '.keys', '-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true });
  const copy = readdirSync(backups).find((f) => f.endsWith('.tdbak'));
  assert.ok(copy, 'a backup on the stick');
  await driver.start(application);
  await driver.waitFor('#setup-restore');
  await press('#setup-restore');
  await typeInto('#restore-path', join(backups, copy));
  await typeInto('#restore-user', 'admin');
  // The sheet was printed after this copy was made: its code does not open it, and the form says why.
  await press('#restore-with-code');
  await typeInto('#restore-code', sheetCode);
  await typeInto('#restore-new', 'Mật khẩu mới sau sự cố');
  await typeInto('#restore-repeat', 'Mật khẩu mới sau sự cố');
  await press('#restore-inspect');
  await waitText('#restore-error', (t) => t.includes('lập trước khi văn phòng in phiếu khôi phục'));
  await shot('restore-code-refused');
  await press('#restore-with-code');
  await typeInto('#restore-password', 'sai mật khẩu');
  await press('#restore-inspect');
  await waitText('#restore-error', (t) => t.includes('mật khẩu'));
  // The password valid on the day of the backup (the recovery later changed it, but the copy is older).
  await typeInto('#restore-password', PASSWORD);
  await press('#restore-inspect');
  const shown = await waitText('#restore-shown', (t) => t.includes('cán bộ'));
  assert.ok(shown.includes('Gia Hanh') && shown.includes('66 cán bộ'), shown);
  await shot('restore-shown');
  await press('#restore-go');
  await driver.waitFor('#roster-search', 120000);
  await waitBody((t) => t.includes('Đã khôi phục dữ liệu'), 'the restore message');
  await shot('restored');
  await driver.quit();
  const status = spawnSync(cli, ['--db', database, '--json', 'status'], {
    env: { ...process.env, THUOCDO_PASSWORD: PASSWORD },
    encoding: 'utf8',
  });
  assert.equal(status.status, 0, status.stderr);
  assert.equal(JSON.parse(status.stdout).people, 66);
});
