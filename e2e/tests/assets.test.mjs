// The built web app as a browser receives it (issue 16): index.html is asked again at every
// visit; every file it names — and the fonts its style sheet names — has a content hash in its
// name, is cached for a year as immutable, and comes as its brotli copy when the browser takes
// it. So does the code split out of the first load: the link module the app's JS imports names
// a file per group of lazy pages and the code they share. The app then starts from those files;
// the sign-in form comes without any lazy file, a lazy page fetches its group.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { expectHeading, launchBrowser, seriousViolations, startServer, tabTo } from "./support.mjs";

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

/** Fetches a fingerprinted file as a browser would and checks how it comes: cached for good
 * and, but for a font, as its brotli copy. */
async function fetchImmutable(path) {
  assert.match(path, FINGERPRINTED, path);
  const res = await fetch(`${server.base}${path}`, { headers: { "accept-encoding": "br, gzip" } });
  assert.equal(res.status, 200, path);
  assert.equal(res.headers.get("cache-control"), IMMUTABLE, path);
  if (!path.endsWith(".woff2")) assert.equal(res.headers.get("content-encoding"), "br", path);
  return res;
}

test("the app's files are fingerprinted, cached for good and sent precompressed", async () => {
  const index = await fetch(`${server.base}/`);
  assert.equal(index.headers.get("cache-control"), "no-cache");
  const html = await index.text();
  const named = [...html.matchAll(/(?:href|src)="(\/[^"]+)"/g)].map((m) => m[1]);
  assert.ok(named.length >= 5, `the files index.html names: ${named}`);
  const fonts = [];
  const imported = [];
  for (const path of named) {
    const body = await (await fetchImmutable(path)).text();
    if (/^\/fonts-[0-9a-f]{16}\.css$/.test(path)) fonts.push(...[...body.matchAll(/url\("(\/[^"]+)"\)/g)].map((m) => m[1]));
    if (/^\/boot-[0-9a-f]{16}\.js$/.test(path)) assert.match(body, /frontend_bg-[0-9a-f]{16}\.wasm/, "the wasm by its new name");
    if (/^\/pkg\/frontend-[0-9a-f]{16}\.js$/.test(path)) {
      const link = body.match(/from "\.\/(__wasm_split-[0-9a-f]{16}\.js)"/);
      assert.ok(link, "the app's JS imports the link module by its new name");
      imported.push(`/pkg/${link[1]}`);
    }
  }
  // The link module: preloaded by index.html under the name the app's JS imports; it names the
  // app's JS back, and the lazy files.
  assert.equal(imported.length, 1, "one link module");
  assert.ok(named.includes(imported[0]), `index.html preloads ${imported[0]}`);
  const linkBody = await (await fetchImmutable(imported[0])).text();
  assert.match(linkBody, /from "\.\/frontend-[0-9a-f]{16}\.js"/, "the link module imports the app's JS by its new name");
  const lazy = [...linkBody.matchAll(/new URL\("\.\/([^"]+\.wasm)"/g)].map((m) => `/pkg/${m[1]}`);
  assert.ok(lazy.some((p) => /\/split_public-/.test(p)), `the public pages' file among ${lazy}`);
  for (const path of lazy) {
    const res = await fetchImmutable(path);
    assert.equal(res.headers.get("content-type"), "application/wasm", path);
  }
  assert.ok(fonts.length > 0, "the fonts the style sheet names");
  for (const path of fonts) await fetchImmutable(path);

  // The app starts from them: the sign-in form without a lazy file, the registration form with
  // the public pages' file.
  const page = await browser.newPage();
  const errors = [];
  const fetched = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(`${server.base}/login`);
  await expectHeading(page, "Accedi");
  assert.deepEqual(fetched.filter((p) => p.endsWith(".wasm")).map((p) => p.replace(/-[0-9a-f]{16}/, "")), ["/pkg/frontend_bg.wasm"]);
  await page.goto(`${server.base}/register`);
  await expectHeading(page, "Registrati");
  assert.ok(fetched.some((p) => /^\/pkg\/split_public-[0-9a-f]{16}\.wasm$/.test(p)), `the public pages' file: ${fetched}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a lazy page whose file does not come says so, and comes on a second try", async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error" && !/Failed to load resource/.test(m.text())) errors.push(m.text()); });
  // The connection drops for the public pages' file.
  const publicPages = /\/pkg\/split_public-[0-9a-f]{16}\.wasm$/;
  await page.route(publicPages, (route) => route.abort("internetdisconnected"));
  await page.goto(`${server.base}/register`);
  await expectHeading(page, "Pagina non caricata");
  assert.match(await page.locator("main").innerText(), /connessione/);
  assert.deepEqual(await seriousViolations(page), []);
  // It comes back; she tries again by keyboard.
  await page.unroute(publicPages);
  await tabTo(page, "page-load-retry");
  await page.keyboard.press("Enter");
  await expectHeading(page, "Registrati");
  assert.deepEqual(errors, [], "the app goes on: nothing panicked");
  await context.close();
});
