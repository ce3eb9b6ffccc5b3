// A minimal W3C WebDriver client over fetch: enough to drive the Thước Đo window through tauri-driver,
// without a test framework that downloads browsers of its own.

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class WebDriver {
  constructor(base) {
    this.base = base;
    this.session = null;
  }

  async call(method, path, body) {
    if (process.env.E2E_TRACE) console.error(`→ ${method} ${path}`);
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      // A hung driver call must fail the test with its name, not stall it silently.
      signal: AbortSignal.timeout(90000),
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : {};
    if (!response.ok) {
      const error = json.value?.message ?? text;
      throw new Error(`${method} ${path} → ${response.status}: ${error}`);
    }
    return json.value;
  }

  /** Waits until the driver answers /status, as a session opened too early fails. */
  async waitReady(timeoutMs = 60000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const status = await this.call('GET', '/status');
        if (status) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error('tauri-driver did not become ready');
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async start(application) {
    const value = await this.call('POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application } } },
    });
    this.session = value.sessionId;
    return this.session;
  }

  async quit() {
    if (this.session) {
      await this.call('DELETE', `/session/${this.session}`).catch(() => {});
      this.session = null;
    }
  }

  s(path) {
    return `/session/${this.session}${path}`;
  }

  async find(css) {
    const value = await this.call('POST', this.s('/element'), { using: 'css selector', value: css });
    return value[ELEMENT];
  }

  async findAll(css) {
    const value = await this.call('POST', this.s('/elements'), { using: 'css selector', value: css });
    return value.map((v) => v[ELEMENT]);
  }

  /** Polls until `css` matches an element (the UI renders asynchronously after each command). */
  async waitFor(css, timeoutMs = 30000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await this.findAll(css);
      if (found.length > 0) return found[0];
      if (Date.now() > deadline) throw new Error(`no element matches ${css}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  /** Polls until `predicate(text of css)` holds; returns the text. */
  async waitForText(css, predicate, timeoutMs = 30000) {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      const found = await this.findAll(css);
      if (found.length > 0) {
        // The element can be replaced between finding it and reading it (a panel redrawn after a save): that read
        // fails, and the next round finds the new one.
        const read = await this.text(found[0]).then(
          (text) => ({ text }),
          (error) => ({ error }),
        );
        if (read.error && Date.now() > deadline) throw read.error;
        if (!read.error) {
          last = read.text;
          if (predicate(last)) return last;
        }
      }
      if (Date.now() > deadline) throw new Error(`${css} never satisfied the check; last text: ${JSON.stringify(last)}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  async click(element) {
    await this.call('POST', this.s(`/element/${element}/click`), {});
  }

  /** Types into a field with key events; WebKitWebDriver's setValue-style shortcuts are unreliable. */
  async type(element, text) {
    await this.call('POST', this.s(`/element/${element}/value`), { text, value: [...text] });
  }

  async clear(element) {
    await this.call('POST', this.s(`/element/${element}/clear`), {});
  }

  async text(element) {
    return this.call('GET', this.s(`/element/${element}/text`));
  }

  async property(element, name) {
    return this.call('GET', this.s(`/element/${element}/property/${name}`));
  }

  async execute(script, args = []) {
    return this.call('POST', this.s('/execute/sync'), { script, args });
  }

  async screenshot() {
    return Buffer.from(await this.call('GET', this.s('/screenshot')), 'base64');
  }
}
