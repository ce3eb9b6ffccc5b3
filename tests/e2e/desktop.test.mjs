// End to end: the real Thước Đo window (built binary), driven through tauri-driver and WebKitWebDriver under Xvfb.
// first-run setup → login → import a roster file → search a folded name → open a profile → edit a field
// → quit and restart → the change is still there; then the window of an office PC (1280×720, 1366×700 under a
// taskbar): the cadre form's buttons on screen, a message that moves nothing, the key card naming the office.
// A screenshot of each step goes to tests/artifacts/e2e/.

import { test, before, afterEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHarness, application } from './harness.mjs';

const work = mkdtempSync(join(tmpdir(), 'thuocdo-e2e-'));
const { driver, shot, shotIfFailed, field, button, choose, waitBody, waitText, windowSize, place, start, stop } = createHarness({
  prefix: '',
  display: `:${90 + (process.pid % 9)}`,
  port: 4444 + (process.pid % 50) * 2,
});

const PASSWORD = 'mật-khẩu-2026';
const ROSTER = [
  'Họ và tên;Ngày sinh;Giới tính;Quê quán;Đảng viên;Chức vụ;Đơn vị;Trình độ chuyên môn;Lý luận chính trị;Ngày bổ nhiệm',
  'Nguyễn Văn An;05/09/1980;Nam;Xã Tân Lập;Có;Bí thư Đảng ủy;Đảng ủy xã Tân Lập;Thạc sĩ Luật;Cao cấp;01/07/2025',
  'NGUYỄN THỊ BÌNH;12/03/1985;Nữ;Xã Yên Thế;Có;Phó Chủ tịch UBND;Ủy ban nhân dân xã Tân Lập;Đại học Kinh tế;Trung cấp;01/07/2025',
  'Trần Thị Hoà;20/11/1990;Nữ;Xã Tân Lập;;Chuyên viên Văn phòng HĐND và UBND;Ủy ban nhân dân xã Tân Lập;Đại học Luật;Sơ cấp;',
  'Lê Văn Đức;01/01/1975;Nam;Xã Kim Liên;Có;Chủ tịch HĐND;Đảng ủy xã Tân Lập;Đại học Nông nghiệp;Cao cấp;01/07/2025',
  'Phạm Thuý Hằng;15/06/1995;Nữ;Xã Tân Lập;;Kế toán Văn phòng HĐND và UBND;Ủy ban nhân dân xã Tân Lập;Cao đẳng Kế toán;;',
].join('\n');

async function login() {
  await driver.type(await field('Tên đăng nhập'), 'admin');
  await driver.type(await field('Mật khẩu'), PASSWORD);
  await driver.click(await button('Đăng nhập'));
  await driver.waitFor('#roster-search');
}

async function openProfileOf(name) {
  await driver.waitForText('#roster-table', (t) => t.includes(name));
  const rows = await driver.findAll('[data-person-id]');
  for (const row of rows) {
    if ((await driver.text(row)).includes(name)) {
      await driver.click(row);
      return driver.waitForText('#profile', (t) => t.includes(name));
    }
  }
  throw new Error(`no row for ${name}`);
}

before(async () => {
  writeFileSync(join(work, 'danh-sach.csv'), '\ufeff' + ROSTER + '\n');
  await start({ THUOCDO_DB: join(work, 'office.db') });
});

afterEach(shotIfFailed);

after(() => stop(work));

test('first-run setup, login, import, search, edit, restart', async () => {
  await driver.start(application);

  // First run: no office yet.
  await waitBody((t) => t.includes('Mở dữ liệu mẫu'), 'the first-run screen');
  await shot('first-run');
  await driver.type(await field('Tên đơn vị'), 'Đảng ủy xã Tân Lập');
  await driver.type(await field('Mã đơn vị'), 'XA-TANLAP');
  await choose(await field('Cấp'), 'commune');
  await driver.type(await field('cấp trên'), 'SL');
  await driver.type(await field('Tên đăng nhập'), 'admin');
  const passwords = await driver.findAll('input[type="password"]');
  assert.equal(passwords.length, 2, 'setup asks for the password twice');
  for (const input of passwords) await driver.type(input, PASSWORD);
  await shot('first-run-filled');
  await driver.click(await button('Thiết lập'));
  const keyText = await waitBody((t) => /[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/.test(t), 'the key fingerprint');
  assert.match(keyText, /Dấu vân tay|dấu vân tay/);
  await shot('office-key');
  await driver.click(await button('Tiếp tục'));

  // A real office starts with the "Bắt đầu" checklist: nothing done yet, each step opening its screen.
  const start = await driver.waitForText('#start-checklist', (t) => t.includes('Bắt đầu với văn phòng của mình'));
  assert.ok(start.includes('Danh sách cán bộ') && start.includes('0 người'), start);
  assert.equal(await driver.execute(`return document.querySelectorAll('#start-checklist li.done').length;`, []), 0);
  await shot('start-checklist');

  // Log out and in again, as a user does every morning.
  await driver.click(await button('Đăng xuất'));
  await waitBody((t) => t.includes('Đăng nhập'), 'the login screen');
  await shot('login');
  await login();

  // Import the roster file, preview first.
  await driver.click(await button('Nhập danh sách'));
  await driver.type(await driver.waitFor('#import-path'), join(work, 'danh-sach.csv'));
  await driver.click(await driver.find('#import-create-units'));
  await driver.click(await driver.find('#import-preview'));
  await waitBody((t) => t.includes('Nguyễn Văn An') && t.includes('Trần Thị Hoà'), 'the import preview');
  await shot('import-preview');
  await driver.click(await driver.find('#import-apply'));
  await waitBody((t) => /Đã nhập|đã nhập/.test(t), 'the import result');
  await shot('import-done');


  // Search a folded name. The checklist has ticked the roster and the units the import created.
  await driver.click(await button('Danh sách cán bộ'));
  await driver.waitForText('#start-checklist', (t) => t.includes('5 người'));
  const ticked = await driver.execute(`return [...document.querySelectorAll('#start-checklist li.done')].map((li) => li.dataset.step);`, []);
  assert.deepEqual(ticked, ['units', 'roster']);
  const search = await driver.waitFor('#roster-search');
  await driver.type(search, 'nguyen');
  await driver.waitForText('#roster-count', (t) => /^\D*2\D/.test(t));
  const table = await driver.text(await driver.find('#roster-table'));
  assert.ok(table.includes('Nguyễn Văn An') && table.includes('NGUYỄN THỊ BÌNH'), table);
  assert.ok(!table.includes('Trần Thị Hoà'), 'the search filters the others out');
  await shot('search-nguyen');

  // Open a profile and edit a field.
  const profile = await openProfileOf('Nguyễn Văn An');
  assert.ok(profile.includes('05/09/1980'), 'dates are shown dd/mm/yyyy');
  await shot('profile');
  await driver.click(await driver.find('#person-edit'));
  const hometown = await driver.waitFor('#person-hometown');
  await driver.clear(hometown);
  await driver.type(hometown, 'Thôn Đông Hòa, xã Tân Lập');
  // The ethnicity as a clerk may type it: kept by the group's census name.
  await driver.type(await driver.find('#person-ethnicity'), "H'Mông");
  await shot('profile-edit');
  await driver.click(await driver.find('#person-save'));
  const saved = await driver.waitForText('#profile', (t) => t.includes('Thôn Đông Hòa, xã Tân Lập') && !t.includes('Lưu'));
  assert.ok(/Dân tộc\s*Mông/.test(saved) && !saved.includes("H'Mông"), saved);
  await shot('profile-saved');

  // Quit and restart: the change is in the database, not only in the window.
  await driver.quit();
  await driver.start(application);
  await waitBody((t) => t.includes('Đăng nhập'), 'the login screen after restart');
  await login();
  await driver.type(await driver.waitFor('#roster-search'), 'nguyen van an');
  const after = await openProfileOf('Nguyễn Văn An');
  assert.ok(after.includes('Thôn Đông Hòa, xã Tân Lập'), after);
  await shot('after-restart');

  // A commune's own Excel list as offices keep it: letterhead, a two-row merged header with the birth date under
  // "Nam | Nữ", a numbering row, group rows, a footer with signatures, no unit column. The preview shows how each
  // column was read; the user corrects one ("Ghi chú" is not the hometown… then it is) and imports.
  const ownList = fileURLToPath(new URL('../fixtures/office-files/danh-sach-cbcc-xa.xlsx', import.meta.url));
  await driver.click(await button('Nhập danh sách'));
  const pathField = await driver.waitFor('#import-path');
  await driver.clear(pathField);
  await driver.type(pathField, ownList);
  await driver.click(await driver.find('#import-preview'));
  const reading = await driver.waitForText('#import-reading', (t) => t.includes('Ngày, tháng, năm sinh / Nữ'));
  assert.ok(reading.includes('Dòng tiêu đề: 7 và 8'), reading);
  assert.ok(reading.includes('Bỏ qua 4 dòng'), reading);
  const selected = (letter) => driver.execute(`return document.querySelector('select[data-column="${letter}"]').value;`, []);
  assert.equal(await selected('C'), 'birth_date_male');
  assert.equal(await selected('D'), 'birth_date_female');
  assert.equal(await selected('I'), '');
  await waitBody((t) => t.includes('Tệp không có cột đơn vị'), 'the unit of a file without a unit column');
  await shot('import-own-list');
  await choose(await driver.find('select[data-column="I"]'), 'hometown');
  // Previewed again with the correction: the select keeps it and "Nhập" is offered for that reading.
  for (let i = 0; i < 200; i++) {
    const ready = await driver.execute(`return !document.getElementById('import-apply').disabled;`, []);
    if (ready && (await selected('I')) === 'hometown') break;
    await new Promise((r) => setTimeout(r, 150));
  }
  assert.equal(await selected('I'), 'hometown');
  await shot('import-own-list-corrected');
  await driver.click(await driver.find('#import-apply'));
  await waitBody((t) => /Đã nhập .*danh-sach-cbcc-xa\.xlsx: 5 người mới/.test(t), 'the own list imported');
  await shot('import-own-list-done');
});

test('an office PC at 1280×720 and 1366×700: the cadre form saves without scrolling, a message moves nothing', async () => {
  // Still logged in from the test before, on the office set up there.
  const pageScrolled = `return [document.scrollingElement, ...document.querySelectorAll('.screen, .tab-panel')].some((e) => e.scrollTop > 0);`;
  for (const [width, height] of [[1366, 700], [1280, 720]]) {
    await windowSize(width, height);
    await driver.click(await driver.waitFor('#tab-roster'));
    await driver.click(await button('Thêm cán bộ'));
    await driver.waitFor('#person-save');
    // The form is taller than its panel: its fields scroll inside, its buttons stay on screen, the page never scrolls.
    const inside = await driver.execute(`const b = document.querySelector('#profile .panel-body'); return b.scrollHeight > b.clientHeight;`);
    assert.ok(inside, `at ${width}×${height} the form scrolls inside its panel`);
    const save = await place('#person-save');
    assert.ok(save.inside && save.onTop, `at ${width}×${height} "Lưu" is on screen without scrolling: ${JSON.stringify(save)}`);
    assert.equal(await driver.execute(pageScrolled), false, 'the page itself is not scrolled');
  }
  await shot('cadre-form-1280');

  // A message (the form's refusal: nothing filled in) goes to the status bar below the screen: nothing above it moves,
  // nothing is covered.
  const before = { tabs: await place('.tabs'), panel: await place('#profile'), save: await place('#person-save') };
  await driver.click(await driver.find('#person-save'));
  const said = await waitText('#status [role="alert"]', (t) => t.includes('Chưa lưu'));
  assert.ok(said.includes('ô cần sửa'), said);
  const after = { tabs: await place('.tabs'), panel: await place('#profile'), save: await place('#person-save') };
  for (const name of Object.keys(before)) {
    assert.equal(after[name].top, before[name].top, `${name} did not move when the message came`);
    assert.equal(after[name].bottom, before[name].bottom, `${name} kept its height when the message came`);
  }
  assert.ok(after.save.inside && after.save.onTop, `"Lưu" still on screen: ${JSON.stringify(after.save)}`);
  const bar = await place('#status');
  assert.ok(bar.top >= after.panel.bottom && bar.bottom <= 720, `the status bar is below the screen: ${JSON.stringify(bar)}`);
  assert.equal(await driver.execute(pageScrolled), false, 'the page itself is not scrolled');
  await shot('message-1280');

  // The exchange tab's key card names the office by its name; its code (typed by the office that enrols the key)
  // comes second, as the key id and fingerprint do.
  await driver.click(await driver.waitFor('#tab-exchange'));
  const office = await waitText('#xch-key-office', (t) => t.trim() !== '');
  assert.equal(office.trim(), 'Đảng ủy xã Tân Lập');
  assert.equal((await waitText('#xch-key-unit', (t) => t.trim() !== '')).trim(), 'XA-TANLAP');
  assert.ok(!(await waitBody(() => true, 'the page')).includes('Văn phòng XA-TANLAP'), 'no unit code where its name belongs');
  await shot('exchange-1280');
  await windowSize(1366, 768);
});
