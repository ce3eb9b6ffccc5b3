// Desktop figures for BENCHMARKS.md (not a test; timing is never asserted):
//   node tests/e2e/bench.mjs  (after `make build`; uses target/release/thuocdo-desktop and target/release/thuocdo)
// cold start to the first interactive screen, resident memory of the application with its WebKit processes while
// the province demo is open, the time to filter the ≈10,000-person roster by "nguyen", the Sản phẩm screen of
// the whole province (its time to show a month and the memory with it open), and the statistics pages (the year at a
// glance and the personnel statistics of the province).

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebDriver } from './webdriver.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const profile = process.env.THUOCDO_PROFILE ?? 'release';
const application = join(root, `target/${profile}/thuocdo-desktop`);
const cli = join(root, `target/${profile}/thuocdo`);
const work = mkdtempSync(join(tmpdir(), 'thuocdo-bench-'));
const database = join(work, 'province.db');
const display = ':89';
const port = 4544;

execFileSync(cli, ['--db', database, 'demo', '--scale', 'province', '--seed', '1'], { env: { ...process.env, THUOCDO_PASSWORD: 'thuocdo-demo' } });

const children = [];
const launch = (cmd, args, env) => children.push(spawn(cmd, args, { env: { ...process.env, ...env }, stdio: 'ignore' }));
launch('Xvfb', [display, '-screen', '0', '1366x768x24', '-nolisten', 'tcp']);
launch('tauri-driver', ['--port', String(port), '--native-port', String(port + 1)], { DISPLAY: display, THUOCDO_DB: database });
const driver = new WebDriver(`http://127.0.0.1:${port}`);
await driver.waitReady();

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(check) {
  for (;;) {
    if (await check()) return;
    await sleep(20);
  }
}

/** Resident memory of every process of the running application: its own binary and WebKit's helpers. */
function residentMegabytes() {
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      if (!/thuocdo-deskto|WebKitWebProces|WebKitNetworkPr|WebKitGPUProces/.test(name)) continue;
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss) kb += Number(rss[1]);
    } catch {
      // the process ended while we looked
    }
  }
  return kb / 1024;
}

const results = [];
const started = performance.now();
await driver.start(application);
await until(async () => (await driver.execute('return document.body.innerText;')).includes('Đăng nhập'));
results.push(['cold start to the login screen (process start, WebKit, first render)', `${(performance.now() - started).toFixed(0)} ms`]);

const fields = await driver.findAll('input');
await driver.type(fields[0], 'admin');
await driver.type(await driver.find('input[type="password"]'), 'thuocdo-demo');
const loginStart = performance.now();
await driver.type(await driver.find('input[type="password"]'), '\uE007');
await driver.waitForText('#roster-count', (t) => /\d\.\d{3}/.test(t), 120000);
results.push(['log in and show the whole roster (≈10,000 people)', `${(performance.now() - loginStart).toFixed(0)} ms`]);

await sleep(1500);
results.push(['resident memory, application + WebKit processes, province roster open', `${residentMegabytes().toFixed(0)} MB`]);

// Filter inside the page: from the keystroke to the count showing the filtered total, median of 5.
const filterTimes = [];
for (let i = 0; i < 5; i++) {
  const ms = await driver.call('POST', driver.s('/execute/async'), {
    script: `const done = arguments[arguments.length - 1];
      const input = document.querySelector('#roster-search');
      const count = document.querySelector('#roster-count');
      const reset = () => { input.value = ''; input.dispatchEvent(new Event('input', { bubbles: true })); };
      reset();
      setTimeout(() => {
        const before = count.textContent;
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (count.textContent !== before && !count.textContent.startsWith('…')) { observer.disconnect(); requestAnimationFrame(() => done(performance.now() - t0)); }
        });
        observer.observe(count, { childList: true, characterData: true, subtree: true });
        input.value = 'nguyen';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }, 600);`,
    args: [],
  });
  filterTimes.push(ms);
}
filterTimes.sort((a, b) => a - b);
results.push(['filter the roster by "nguyen" (keystroke to filtered table, incl. debounce)', `${filterTimes[2].toFixed(0)} ms (median of 5)`]);
results.push(['count after the filter', await driver.text(await driver.find('#roster-count'))]);

// The Sản phẩm screen as it opens: on the first unit with few enough people (≤ 400, walking down the tree), its
// month; then the whole province chosen in it (≈10,000 people × 2–6 products), and the memory with each open.
const boardStart = performance.now();
await driver.click(await driver.find('#tab-products'));
await driver.waitForText('#board-count', (t) => /\d+ người · [\d.]+ sản phẩm/.test(t), 300000);
results.push(['Sản phẩm screen: open (tab click to the counted table of the unit it opens on)', `${(performance.now() - boardStart).toFixed(0)} ms`]);
results.push(['Sản phẩm screen: what it opens on', `${await driver.text(await driver.find('#board-unit option:checked'))}: ${await driver.text(await driver.find('#board-count'))}`]);
await sleep(1500);
results.push(['resident memory, application + WebKit processes, Sản phẩm screen as it opens', `${residentMegabytes().toFixed(0)} MB`]);
const provinceStart = performance.now();
const province = await driver.execute(`return document.querySelector('#board-unit option').value;`);
await driver.execute(
  `const s = document.getElementById('board-unit'); s.value = arguments[0]; s.dispatchEvent(new Event('change', { bubbles: true }));`,
  [province],
);
await driver.waitForText('#board-count', (t) => /\d\.\d{3} người/.test(t), 300000);
results.push(['Sản phẩm screen: the whole province chosen (change to the counted table)', `${(performance.now() - provinceStart).toFixed(0)} ms`]);
results.push(['Sản phẩm screen: what the province shows', await driver.text(await driver.find('#board-count'))]);
await sleep(1500);
results.push(['resident memory, application + WebKit processes, Sản phẩm screen of the whole province', `${residentMegabytes().toFixed(0)} MB`]);

// The year at a glance of the whole province (its 150 communes side by side, the year classified whole), then its
// personnel statistics: from the click to the page drawn, and the memory with each open.
await driver.click(await driver.find('#tab-org'));
const overviewStart = performance.now();
await driver.click(await driver.waitFor('#stats-open'));
await until(async () => (await driver.execute(`return document.querySelectorAll('#overview-below tbody tr').length;`)) > 100);
await driver.call('POST', driver.s('/execute/async'), { script: 'requestAnimationFrame(() => arguments[0]())', args: [] });
results.push(['Tổng quan năm of the province: click to the charts and the communes side by side drawn', `${(performance.now() - overviewStart).toFixed(0)} ms`]);
await sleep(1500);
results.push(['resident memory, application + WebKit processes, Tổng quan năm of the province', `${residentMegabytes().toFixed(0)} MB`]);
const statsStart = performance.now();
await driver.click(await driver.find('#dash-people'));
await until(async () => /\d\.\d{3} người/.test(await driver.execute(`return document.getElementById('stats-summary')?.innerText ?? '';`)));
results.push(['Thống kê đội ngũ of the province: click to the tables drawn', `${(performance.now() - statsStart).toFixed(0)} ms`]);
await sleep(1500);
results.push(['resident memory, application + WebKit processes, after the statistics', `${residentMegabytes().toFixed(0)} MB`]);

await driver.quit();
for (const child of children.reverse()) child.kill('SIGTERM');
console.log(`| what | figure |\n|---|---|\n${results.map(([a, b]) => `| ${a} | ${b} |`).join('\n')}`);
process.exit(0);
