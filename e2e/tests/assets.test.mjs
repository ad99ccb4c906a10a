// The built web app as a browser receives it (issue 16): index.html is asked again at every
// visit; every file it names — and the fonts its style sheet names — has a content hash in its
// name, is cached for a year as immutable, and comes as its brotli copy when the browser takes
// it. The app then starts from those files.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { expectHeading, launchBrowser, startServer } from "./support.mjs";

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

const IMMUTABLE = "public, max-age=31536000, immutable";
const FINGERPRINTED = /-[0-9a-f]{16}\.[a-z0-9]+$/;

test("the app's files are fingerprinted, cached for good and sent precompressed", async () => {
  const index = await fetch(`${server.base}/`);
  assert.equal(index.headers.get("cache-control"), "no-cache");
  const html = await index.text();
  const named = [...html.matchAll(/(?:href|src)="(\/[^"]+)"/g)].map((m) => m[1]);
  assert.ok(named.length >= 5, `the files index.html names: ${named}`);
  const fonts = [];
  for (const path of named) {
    assert.match(path, FINGERPRINTED, path);
    const res = await fetch(`${server.base}${path}`, { headers: { "accept-encoding": "br, gzip" } });
    assert.equal(res.status, 200, path);
    assert.equal(res.headers.get("cache-control"), IMMUTABLE, path);
    assert.equal(res.headers.get("content-encoding"), "br", path);
    const body = await res.text();
    if (/^\/fonts-[0-9a-f]{16}\.css$/.test(path)) fonts.push(...[...body.matchAll(/url\("(\/[^"]+)"\)/g)].map((m) => m[1]));
    if (/^\/boot-[0-9a-f]{16}\.js$/.test(path)) assert.match(body, /frontend_bg-[0-9a-f]{16}\.wasm/, "the wasm by its new name");
  }
  assert.ok(fonts.length > 0, "the fonts the style sheet names");
  for (const path of fonts) {
    assert.match(path, FINGERPRINTED, path);
    const res = await fetch(`${server.base}${path}`);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers.get("cache-control"), IMMUTABLE, path);
  }

  // The app starts from them.
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${server.base}/login`);
  await expectHeading(page, "Accedi");
  assert.deepEqual(errors, []);
  await page.close();
});
