// Browser smoke test: serve pkg-web and page/ from 127.0.0.1, load the page in headless
// Debian Chromium through playwright-core, and check what the page computed.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const path = require("node:path");
const { chromium } = require("playwright-core");

const ROOTS = {
  "/pkg/": path.join(__dirname, "..", "..", "pkg-web"),
  "/": path.join(__dirname, "page"),
};
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm", // instantiateStreaming refuses anything else
  ".json": "application/json",
};
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

/** A static file server on 127.0.0.1 (random port) over ROOTS; resolves to its base URL. */
function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const prefix = Object.keys(ROOTS).find((p) => url.pathname.startsWith(p));
    const root = ROOTS[prefix];
    let file = path.join(root, decodeURIComponent(url.pathname.slice(prefix.length)));
    if (url.pathname.endsWith("/")) file = path.join(file, "index.html");
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file)] || "application/octet-stream",
      "cache-control": "no-store",
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, base: `http://127.0.0.1:${server.address().port}` })),
  );
}

test("the web package runs in Chromium", { timeout: 60_000 }, async (t) => {
  const { server, base } = await serve();
  t.after(() => server.close());
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "saifu-chromium-"));
  t.after(() => fs.rmSync(profile, { recursive: true, force: true }));

  // launch() refuses --user-data-dir; a persistent context on a fresh dir is the same thing.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  t.after(() => context.close());

  const page = context.pages()[0] || (await context.newPage());
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));

  await page.goto(`${base}/`, { timeout: 15_000 });
  await page
    .waitForFunction(() => window.saifuResult !== undefined, null, { timeout: 15_000 })
    .catch((e) => assert.fail(`${e.message}\n${problems.join("\n")}`));
  const result = await page.evaluate(() => window.saifuResult);

  assert.deepEqual(problems, []);
  assert.equal(result.failure, undefined, result.failure);
  assert.match(result.version, /^\d+\.\d+\.\d+/);
  assert.equal(result.accepted, true);
  assert.deepEqual(result.thrown, {
    isSaifuError: true,
    isError: true,
    name: "SaifuError",
    code: "input.empty",
    details: {},
  });
});
