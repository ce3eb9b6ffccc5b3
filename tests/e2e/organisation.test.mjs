// End to end, the organisation tab (issue 16): the tree with each unit's headcount (its own roster and the units
// below it); a unit chosen by its name opens beside the tree with its history; organisation staff add a unit under
// it, rename it and move it under another unit, each change in its history with who made it; a move the tree's
// rules refuse (an agency under a department) is said in the shell's words and changes nothing.

import { test, before, afterEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHarness, requireBinary, application, cli, makeDemo } from './harness.mjs';

const work = mkdtempSync(join(tmpdir(), 'thuocdo-e2e-org-'));
const database = join(work, 'thuocdo.db');
const { driver, shot, shotIfFailed, waitText, waitScript, openTab, press, choose, windowSize, place, openAndLogIn, start, stop } = createHarness({
  prefix: 'org-',
  display: `:${170 + (process.pid % 9)}`,
  port: 4944 + (process.pid % 50) * 2,
  waitMs: 60000,
  pollMs: 200,
});

/** The CLI's view of the units, to check the window against the database. */
function cliUnits() {
  const run = spawnSync(cli, ['--json', 'units', 'list'], { encoding: 'utf8', env: { ...process.env, THUOCDO_DB: database, THUOCDO_PASSWORD: 'thuocdo-demo' } });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

before(async () => {
  requireBinary(application, 'desktop', 'build it first');
  requireBinary(cli, 'CLI', 'cargo build -p thuocdo-cli');
  makeDemo(database, 'commune');
  await start({ THUOCDO_DB: database });
});

afterEach(shotIfFailed);

after(() => stop(work));

test('units show their headcounts; one is added, renamed and moved from the tree, with its history; a wrong move is refused', async () => {
  await openAndLogIn('admin', 'thuocdo-demo');
  await openTab('org');
  const units = cliUnits();
  const agencies = units.filter((u) => u.level === 'agency');
  const [first, second] = agencies;
  // The office's unit counts everyone on the roster.
  const everyone = await driver.execute(`return document.querySelector('#org-list li .headcount').textContent;`);
  const people = JSON.parse(spawnSync(cli, ['--json', 'status'], { encoding: 'utf8', env: { ...process.env, THUOCDO_DB: database, THUOCDO_PASSWORD: 'thuocdo-demo' } }).stdout).people;
  assert.equal(everyone.replace(/\D/g, ''), String(people), `the top unit's headcount: ${everyone}`);

  await press(`#org-list [data-unit-code="${first.code}"]`);
  await waitText('#unit-panel', (t) => t.includes(first.name) && t.includes('Lịch sử đơn vị'));
  await driver.type(await driver.find('#unit-new-name'), 'Tổ Tổng hợp');
  await driver.type(await driver.find('#unit-new-code'), 'to-tong-hop');
  await choose(await driver.find('#unit-new-level'), 'department');
  await press('#unit-add');
  await waitText('.notice', (t) => t.includes('Đã thêm Tổ Tổng hợp'));

  // The new unit is shown, its parent open; rename it.
  await waitText('#unit-panel', (t) => t.includes('Tổ Tổng hợp') && t.includes('TO-TONG-HOP'));
  const name = await driver.find('#unit-name');
  await driver.clear(name);
  await driver.type(name, 'Phòng Tổng hợp');
  await press('#unit-rename');
  await waitText('.notice', (t) => t.includes('Đã đổi tên thành Phòng Tổng hợp'));
  await choose(await driver.find('#unit-parent'), second.code);
  await press('#unit-move');
  await waitText('.notice', (t) => t.includes(`sang trực thuộc ${second.name}`));
  const history = await waitText('#unit-history', (t) => t.includes('Chuyển trực thuộc'));
  for (const words of [`Thêm vào ${first.name}: Tổ Tổng hợp`, 'Đổi tên: Tổ Tổng hợp → Phòng Tổng hợp', `Chuyển trực thuộc: ${first.name} → ${second.name}`, 'admin']) {
    assert.ok(history.includes(words), `the history says "${words}": ${history}`);
  }
  await shot('unit-history');

  const moved = cliUnits().find((u) => u.code === 'TO-TONG-HOP');
  assert.equal(moved?.name, 'Phòng Tổng hợp');
  assert.equal(moved?.parent_code, second.code);

  // An agency under a department: refused in words, nothing changed.
  await press(`#org-list [data-unit-code="${first.code}"]`);
  await waitText('#unit-panel', (t) => t.includes(first.name));
  await waitScript(`return document.getElementById('unit-name')?.value === arguments[0];`, [first.name], 'the first agency in the panel');
  await choose(await driver.find('#unit-parent'), 'TO-TONG-HOP');
  await press('#unit-move');
  const refused = await waitText('.notice.error', (t) => t.includes('không thể nằm dưới'));
  assert.ok(refused.includes('"Cơ quan"') && refused.includes('"Phòng, ban"'), `levels by their names: ${refused}`);
  assert.equal(cliUnits().find((u) => u.code === first.code)?.parent_code, first.parent_code, 'nothing moved');
  await shot('move-refused');
});

test('the roster exports to Excel from its tab, in columns that import back unchanged', async () => {
  await openTab('roster');
  await driver.waitFor('#roster-export');
  // "Xuất Excel" sends the path the save dialog gave; the dialog itself cannot be driven, so the command is called as
  // the button calls it.
  const file = join(work, 'danh sách cán bộ.xlsx');
  const rows = await driver.call('POST', driver.s('/execute/async'), {
    script: `const [path, done] = arguments;
      window.__TAURI_INTERNALS__.invoke('export_roster', { path }).then(done, (e) => done({ error: e }));`,
    args: [file],
  });
  const env = { ...process.env, THUOCDO_DB: database, THUOCDO_PASSWORD: 'thuocdo-demo' };
  const people = JSON.parse(spawnSync(cli, ['--json', 'status'], { encoding: 'utf8', env }).stdout).people;
  assert.equal(rows, people, `every person exported: ${JSON.stringify(rows)}`);
  const back = spawnSync(cli, ['--json', 'roster', 'import', file, '--dry-run'], { encoding: 'utf8', env });
  assert.equal(back.status, 0, back.stderr);
  const report = JSON.parse(back.stdout);
  assert.equal(report.unchanged_people, people, `the export imports back unchanged: ${back.stdout.slice(0, 400)}`);
});

test('a unit is merged into another from its panel after a confirmation, and shows closed in the tree (at 1366×700)', async () => {
  // An office PC's screen with its taskbar: the panel scrolls, its buttons stay reachable.
  await windowSize(1366, 700);
  await openTab('org');
  const units = cliUnits();
  const agencies = units.filter((u) => u.level === 'agency' && !u.ended_on);
  const [merged, into] = agencies.slice(-2);
  await press(`#org-list [data-unit-code="${merged.code}"]`);
  await waitScript(`return document.getElementById('unit-name')?.value === arguments[0];`, [merged.name], 'the unit in the panel');
  await choose(await driver.find('#unit-merge-into'), into.code);
  const day = await driver.find('#unit-closing-day');
  await driver.clear(day);
  await driver.type(day, '31/02/2025');
  await press('#unit-merge');
  await press('#unit-closure-confirm');
  await waitText('#unit-panel', (t) => t.includes('Ngày không hợp lệ'));
  assert.equal(cliUnits().find((u) => u.code === merged.code)?.ended_on, null, 'a wrong day merges nothing');

  // Found again: the panel is drawn anew after the refusal, and the field found before may be gone.
  const dayAgain = await driver.find('#unit-closing-day');
  await driver.clear(dayAgain);
  await driver.type(dayAgain, '01/07/2025');
  await press('#unit-merge');
  const question = await waitText('#unit-panel .confirm-text', (t) => t.includes('Sáp nhập'));
  assert.ok(question.includes(merged.name) && question.includes(into.name), question);
  await shot('merge-confirm');
  await press('#unit-closure-confirm');
  await waitText('.notice', (t) => t.includes(`Đã sáp nhập ${merged.name} vào ${into.name}`));

  const after = cliUnits();
  assert.equal(after.find((u) => u.code === merged.code)?.ended_on, '2025-07-01');
  const noteOf = `return document.querySelector('#org-list [data-unit-code="' + arguments[0] + '"]')?.closest('li')?.querySelector('.ended-note')?.textContent ?? '';`;
  await waitScript(`${noteOf.replace('return ', 'const note = ')} return note.length > 0;`, [merged.code], 'the closed unit marked in the tree');
  const note = await driver.execute(noteOf, [merged.code]);
  assert.ok(note.includes(into.name) && note.includes('01/07/2025'), note);
  await press(`#org-list [data-unit-code="${merged.code}"]`);
  const panel = await waitText('#unit-panel', (t) => t.includes('Đã sáp nhập vào'));
  assert.ok(panel.includes(`Sáp nhập vào ${into.name}`), `the history says it: ${panel}`);
  assert.equal(await driver.execute(`return document.getElementById('unit-rename') === null && document.getElementById('unit-add') === null;`), true, 'a closed unit takes no change');
  await shot('merged-unit');
});

test('the personnel statistics open from the organisation tab, agree with the CLI, sort the units below and open one', async () => {
  await openTab('org');
  await press('#stats-open');
  await press('#dash-people');
  await waitScript(`return !document.getElementById('panel-stats').hidden;`, [], 'the statistics page');
  const run = spawnSync(cli, ['--json', 'stats'], { encoding: 'utf8', env: { ...process.env, THUOCDO_DB: database, THUOCDO_PASSWORD: 'thuocdo-demo' } });
  assert.equal(run.status, 0, run.stderr);
  const expected = JSON.parse(run.stdout);
  const people = expected.unit.statistics.people;
  const summary = await waitText('#stats-summary', (t) => t.includes(`${people} người`));
  assert.ok(summary.includes(expected.unit.unit_name), summary);
  // "Đại học trở lên" to hundredths, as the shell computed it.
  const university = expected.unit.statistics.university_or_above;
  const shown = await waitText('#stats-qualification tr[data-line="university_or_above"]', (t) => t.includes('%'));
  const percent = (university.percent / 100).toFixed(2).replace('.', ',');
  assert.ok(shown.includes(`${university.count}`) && shown.includes(`${percent} %`), `${shown} (expected ${university.count}, ${percent} %)`);
  // Ethnicity: the minorities together, to hundredths.
  const minority = expected.unit.statistics.ethnic_minority;
  const minorityShown = await waitText('#stats-ethnicity tr[data-line="minority"]', (t) => t.includes('%'));
  const minorityPercent = (minority.percent / 100).toFixed(2).replace('.', ',');
  assert.ok(minorityShown.includes(`${minority.count}`) && minorityShown.includes(`${minorityPercent} %`), minorityShown);
  await shot('stats');
  // The figures to a workbook, where the user says.
  const workbook = join(work, 'thống kê đội ngũ.xlsx');
  await driver.type(await driver.find('#stats-export-path'), workbook);
  await press('#stats-export');
  await waitText('.notice', (t) => t.includes('Đã xuất') && t.includes('thống kê đội ngũ.xlsx'));
  assert.ok(existsSync(workbook) && statSync(workbook).size > 5000, 'the workbook is written');

  // The units below sorted by headcount, largest first; the first opens its own statistics.
  await press('#stats-below [data-sort="people"]');
  const biggest = [...expected.below].sort((a, b) => b.statistics.people - a.statistics.people)[0];
  const first = await waitScript(`return document.querySelector('#stats-below tbody tr')?.getAttribute('data-unit-code');`, [], 'the sorted table');
  const firstPeople = expected.below.find((u) => u.unit_code === first).statistics.people;
  assert.equal(firstPeople, biggest.statistics.people, `the largest unit first: ${first}`);
  await press(`#stats-below tr[data-unit-code="${first}"] button`);
  const name = expected.below.find((u) => u.unit_code === first).unit_name;
  await waitText('#stats-summary', (t) => t.includes(name) && t.includes(`${firstPeople} người`));
  await shot('stats-unit');
});

test('the year at a glance of the commune agrees with the CLI and draws a chart over each table', async () => {
  await openTab('org');
  await press('#stats-open');
  await press('#dash-year');
  const run = spawnSync(cli, ['--json', 'overview', '--year', '2026'], {
    encoding: 'utf8',
    env: { ...process.env, THUOCDO_DB: database, THUOCDO_PASSWORD: 'thuocdo-demo' },
  });
  assert.equal(run.status, 0, run.stderr);
  const expected = JSON.parse(run.stdout);
  const figures = await waitText('#overview-figures', (t) => t.includes(`${expected.people}`) && t.includes('cần chú ý'));
  assert.ok(figures.includes(`${expected.targets_done.count}/${expected.targets_total}`), figures);
  assert.equal(await waitText('#overview-attention', () => true), String(expected.attention));
  // Each chart is drawn (a canvas with pixels) and its table has the figures.
  for (const id of ['chart-targets', 'chart-levels', 'chart-products', 'chart-points']) {
    const drawn = await waitScript(
      `const c = document.getElementById(arguments[0]); if (!c || c.width === 0) return false;
       const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
       for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true; return false;`,
      [id],
      `${id} drawn`,
    );
    assert.ok(drawn);
  }
  const appraised = await waitText('#overview-products tr[data-row="appraised"]', (t) => /\d/.test(t));
  const total = expected.products.reduce((sum, m) => sum + m.appraised, 0);
  const shown = appraised.match(/[\d.]+/g).reduce((sum, v) => sum + Number(v.replace(/\./g, '')), 0);
  assert.equal(shown, total, `the products appraised month by month: ${appraised}`);
  // The mean points of each period, as the shell computed them.
  const means = await waitText('#overview-points tr[data-row="mean"]', (t) => /\d,\d\d/.test(t));
  for (const p of expected.points) {
    const text = (p.mean / 100).toFixed(2).replace('.', ',');
    assert.ok(means.includes(text), `${p.label}: ${text} in ${means}`);
  }
  // The Excellent share against the quota, as the shell computed it.
  const quota = await waitText('#overview-quota', (t) => t.includes('%'));
  assert.ok(quota.includes((expected.quota.proposed / 100).toFixed(2).replace('.', ',')) && quota.includes(`không quá ${expected.quota.percent} %`), quota);
  assert.equal(await driver.execute(`return document.getElementById('overview-sending');`), null, "a commune's agencies send nothing: no sending figure");
  await shot('overview');
  await driver.execute(`document.getElementById('overview-below')?.scrollIntoView({ block: 'start' });`);
  await shot('overview-below');
  // The year's tables to a workbook, a sheet per table.
  const workbook = join(work, 'tổng quan năm.xlsx');
  await driver.type(await driver.find('#overview-export-path'), workbook);
  await press('#overview-export');
  await waitText('.notice', (t) => t.includes('Đã xuất') && t.includes('tổng quan năm.xlsx'));
  assert.ok(existsSync(workbook) && statSync(workbook).size > 5000, 'the workbook is written');
});

test('each screen has its help, and the evaluation terms say their rule on hover', async () => {
  await openTab('org');
  await press('#help-open');
  const help = await waitText('#screen-help', (t) => t.includes('Trợ giúp: Tổ chức'));
  assert.ok(help.includes('Cây tổ chức') && help.includes('lịch sử đơn vị'), help);
  const at = await place('#screen-help');
  assert.ok(at.inside, `the help is on screen: ${JSON.stringify(at)}`);
  await shot('help-org');
  await driver.execute(`document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));`);
  await waitScript(`return document.getElementById('screen-help') === null;`, [], 'the help closed with Esc');
  // Another screen, another help.
  await openTab('meetings');
  await press('#help-open');
  await waitText('#screen-help', (t) => t.includes('Trợ giúp: Hội nghị kiểm điểm') && t.includes('biên bản'));
  await press('#screen-help .close');
  // The evaluation tab's "đứng đầu" tag explains the rule.
  await openTab('evaluation');
  const title = await waitScript(`return document.querySelector('#panel-evaluation .tag.head')?.getAttribute('title');`, [], 'a head in the list');
  assert.match(title, /không được cao hơn mức của tập thể/);
});
