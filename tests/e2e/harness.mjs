// What the end-to-end tests share: Xvfb and tauri-driver as child processes, the WebDriver session on the built
// Thước Đo window, numbered screenshots into tests/artifacts/e2e/, and the polling and lookup helpers.
//
//   const h = createHarness({ prefix: 'work-', display: ':110', port: 4544, waitMs: 60000 });
//   before(() => h.start({ THUOCDO_DB: database }));
//   afterEach((t) => h.shotIfFailed(t));
//   after(() => h.stop());
//
// Each test file passes its own display and port, so that node --test can run the files at the same time.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync, rmSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebDriver } from './webdriver.mjs';

export const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const application = process.env.THUOCDO_DESKTOP_BIN ?? join(root, 'target/debug/thuocdo-desktop');
export const artifacts = join(root, 'tests/artifacts/e2e');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Fails at once, with how to build it, when a binary the test drives is not there. */
export const cli = process.env.THUOCDO_CLI_BIN ?? join(root, 'target/debug/thuocdo');

/** Makes the demo office of `scale` ('commune' or 'province') into `database` with the CLI. */
export function makeDemo(database, scale) {
  const demo = spawnSync(cli, ['--db', database, 'demo', '--scale', scale], {
    env: { ...process.env, THUOCDO_DB: database },
    encoding: 'utf8',
    timeout: 20 * 60 * 1000,
  });
  assert.equal(demo.status, 0, `thuocdo demo failed: ${demo.stderr}\n${demo.stdout}`);
}

/** Waits for the file in `dir` whose name matches `pattern`, written whole (a temp file, then renamed); its path. */
export async function waitFile(dir, pattern, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const name = existsSync(dir) ? readdirSync(dir).find((f) => pattern.test(f)) : undefined;
    if (name) {
      const file = join(dir, name);
      if (statSync(file).size > 0) return file;
    }
    if (Date.now() > deadline) throw new Error(`no file matching ${pattern} in ${dir}: ${existsSync(dir) ? readdirSync(dir) : '(no folder)'}`);
    await sleep(200);
  }
}

/** Runs a poppler tool; its stdout. */
export function poppler(tool, args) {
  const run = spawnSync(tool, args, { encoding: 'utf8', timeout: 60000 });
  assert.equal(run.status, 0, `${tool} ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

/** The PDF's text as one line, in NFC, so words are found whatever the layout's line breaks and spacing. */
export function pdfText(file) {
  return poppler('pdftotext', [file, '-']).normalize('NFC').replace(/\s+/g, ' ');
}

/** Opens a Word file in LibreOffice (headless, with its own profile folder) and saves it as PDF in `outDir`; the PDF's path. */
export function officeToPdf(file, outDir, profile) {
  const office = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, file], {
    encoding: 'utf8',
    timeout: 120000,
  });
  assert.equal(office.status, 0, `LibreOffice opens ${file}: ${office.stderr}`);
  return join(outDir, basename(file).replace(/\.docx$/, '.pdf'));
}

export function requireBinary(file, what, hint) {
  assert.ok(existsSync(file), `the ${what} binary is missing: ${file} (${hint})`);
}

/**
 * A harness for one test file.
 * prefix: put before each screenshot's name ('' or 'work-'); display, port: this file's X display and
 * tauri-driver port (port + 1 is its native port); waitMs, pollMs: defaults of waitBody and waitScript.
 */
export function createHarness({ prefix = '', display, port, waitMs = 30000, pollMs = 150 }) {
  const driver = new WebDriver(`http://127.0.0.1:${port}`);
  const children = [];
  let step = 0;

  /** Starts a child process, keeping the end of its stderr (child.tail()) for diagnosis. */
  function launch(command, args, env) {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    child.tail = () => stderr;
    children.push(child);
    return child;
  }

  async function capture(fileName) {
    // Let the page paint what it already shows, or the picture lags one frame behind the text.
    await driver.call('POST', driver.s('/execute/async'), {
      script: 'const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100)));',
      args: [],
    });
    const file = join(artifacts, fileName);
    writeFileSync(file, await driver.screenshot());
    return file;
  }

  /** The next numbered screenshot: tests/artifacts/e2e/<prefix><NN>-<name>.png. */
  async function shot(name) {
    step += 1;
    return capture(`${prefix}${String(step).padStart(2, '0')}-${name}.png`);
  }

  /** For afterEach: a picture of the window as a test left it when it failed (<prefix>failure-<test name>.png). */
  async function shotIfFailed(t) {
    if (t.passed !== false || !driver.session) return;
    const name = t.name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd')
      .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
    try {
      const file = await capture(`${prefix}failure-${name}.png`);
      t.diagnostic(`screenshot of the failure: ${file}`);
    } catch (error) {
      t.diagnostic(`no screenshot of the failure: ${error.message}`);
    }
  }

  /** The form control whose <label> contains `text`. */
  async function field(text) {
    const element = await driver.execute(
      `const label = [...document.querySelectorAll('label')].find((l) => l.textContent.includes(arguments[0]));
       return label ? (label.control ?? label.querySelector('input,select,textarea')) : null;`,
      [text],
    );
    assert.ok(element, `no field labelled ${text}`);
    return Object.values(element)[0];
  }

  /** The visible, enabled button whose text contains `text`. */
  async function button(text) {
    const deadline = Date.now() + 20000;
    for (;;) {
      const element = await driver.execute(
        `return [...document.querySelectorAll('button')].find((b) => b.offsetParent !== null && !b.disabled && b.textContent.includes(arguments[0])) ?? null;`,
        [text],
      );
      if (element) return Object.values(element)[0];
      if (Date.now() > deadline) throw new Error(`no enabled button "${text}"`);
      await sleep(150);
    }
  }

  /** Sets a <select> and tells the page, as a user's choice would. */
  async function choose(selectElement, value) {
    await driver.execute(
      `arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', { bubbles: true }));`,
      [{ [ELEMENT]: selectElement }, value],
    );
  }

  async function bodyText() {
    return driver.execute('return document.body.innerText;');
  }

  /** Polls the page's text until `predicate` holds; returns the text. */
  async function waitBody(predicate, what, timeoutMs = waitMs) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = await bodyText();
      if (predicate(text)) return text;
      if (Date.now() > deadline) throw new Error(`${what} never appeared; page text: ${text.slice(0, 600)}`);
      await sleep(pollMs);
    }
  }

  /** Polls a script until it returns something truthy. */
  async function waitScript(script, args, what, timeoutMs = waitMs) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await driver.execute(script, args);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`${what} never happened`);
      await sleep(pollMs);
    }
  }

  /** Xvfb and tauri-driver on this file's display and port; `appEnv` goes to the application (THUOCDO_DB). */
  async function start(appEnv = {}) {
    requireBinary(application, 'desktop', 'build it first');
    mkdirSync(artifacts, { recursive: true });
    launch('Xvfb', [display, '-screen', '0', '1366x768x24', '-nolisten', 'tcp']);
    launch('tauri-driver', ['--port', String(port), '--native-port', String(port + 1)], { DISPLAY: display, ...appEnv });
    await driver.waitReady();
  }

  /** Starts the window and logs in; returns once the roster shows. */
  async function openAndLogIn(user, password) {
    await driver.start(application);
    await waitBody((t) => t.includes('Đăng nhập'), 'the login screen');
    const username = await field('Tên đăng nhập');
    await driver.clear(username);
    await driver.type(username, user);
    await driver.type(await field('Mật khẩu'), password);
    await driver.click(await button('Đăng nhập'));
    await driver.waitFor('#roster-search', 120000);
  }

  /** Opens the tab whose button is #tab-ID and waits until its panel shows. */
  async function openTab(id) {
    await driver.click(await driver.waitFor(`#tab-${id}`));
    await waitScript(`return !document.getElementById('panel-' + arguments[0]).hidden;`, [id], `the ${id} tab`);
  }

  /**
   * Polls the rendered text (innerText) of the first element matching `css` until `predicate` holds; returns it.
   * Read by a script each time, so an element drawn again between two polls cannot go stale.
   */
  async function waitText(css, predicate, timeoutMs = 60000) {
    const deadline = Date.now() + timeoutMs;
    let last = null;
    for (;;) {
      last = await driver.execute(`const e = document.querySelector(arguments[0]); return e ? e.innerText : null;`, [css]);
      if (last !== null && predicate(last)) return last;
      if (Date.now() > deadline) throw new Error(`${css} never satisfied the check; last text: ${JSON.stringify(last)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Clicks the element matching `css` once it is enabled, scrolled to the middle of its panel. */
  async function press(css) {
    await waitScript(`const b = document.querySelector(arguments[0]); return b && !b.disabled;`, [css], `${css} enabled`);
    const element = await driver.find(css);
    await driver.execute(`arguments[0].scrollIntoView({ block: 'center' });`, [{ [ELEMENT]: element }]);
    await driver.click(element);
  }

  /**
   * Sizes the window as an office PC shows it (1280×720; 1366×700 under a taskbar) and waits until the page has
   * that viewport. WebKitWebDriver sets the size of the Tauri window itself.
   */
  async function windowSize(width, height) {
    await driver.call('POST', driver.s('/window/rect'), { width, height });
    await waitScript(`return window.innerWidth === arguments[0] && window.innerHeight === arguments[1];`, [width, height], `a ${width}×${height} window`);
  }

  /**
   * Where the element matching `css` is: its box in the viewport, whether it lies inside the viewport, and whether
   * the point at its middle is the element itself (not covered by a status bar, a sticky row or another panel).
   */
  async function place(css) {
    const found = await driver.execute(
      `const e = document.querySelector(arguments[0]);
       if (!e) return null;
       const r = e.getBoundingClientRect();
       const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
       return { top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                inside: r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth,
                onTop: hit === e || e.contains(hit) };`,
      [css],
    );
    assert.ok(found, `no element matches ${css}`);
    return found;
  }

  /** Ends the session, then the children, last started first; then removes the test's working folders (its
   *  databases, ≈100 MB each with the province demo), unless THUOCDO_E2E_KEEP is set to look at them. */
  async function stop(...workDirs) {
    await driver.quit();
    for (const child of children.reverse()) child.kill('SIGTERM');
    if (!process.env.THUOCDO_E2E_KEEP) {
      for (const dir of workDirs.filter((d) => typeof d === 'string')) rmSync(dir, { recursive: true, force: true });
    }
  }

  return { driver, launch, shot, shotIfFailed, field, button, choose, bodyText, waitBody, waitScript, openAndLogIn, openTab, waitText, press, windowSize, place, start, stop };
}
