// Starts the real backend (serving the built SPA) on a free port with a fresh SQLite database,
// and Debian's Chromium through playwright-core. Runs axe-core inside the page.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

// `env`: settings of this run (APP_*), over the defaults below.
export async function startServer(env = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sinergia-e2e-"));
  const bin = process.env.SINERGIA_BIN ?? path.join(root, "target/debug/sinergia");
  const child = spawn(bin, ["serve"], {
    env: {
      ...process.env,
      APP_SERVER__PORT: "0",
      APP_SERVER__WORKERS: "2",
      APP_DATABASE__URL: `sqlite://${path.join(dir, "e2e.db")}?mode=rwc`,
      APP_FRONTEND_DIR: process.env.SINERGIA_DIST ?? path.join(root, "frontend/dist"),
      APP_SEED_DEMO: "true",
      APP_ENVIRONMENT: "development",
      RUST_LOG: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    let listening = false;
    child.stdout.on("data", (chunk) => {
      // Once it listens, what the server logs (warnings and errors) shows in the run's output.
      if (listening) {
        process.stderr.write(chunk);
        return;
      }
      out += chunk;
      const m = out.match(/listening on port (\d+)/);
      if (m) {
        listening = true;
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return {
    // `localhost` (not 127.0.0.1): browsers treat it as a secure context for `Secure` cookies.
    base: `http://localhost:${port}`,
    stop() {
      child.kill("SIGTERM");
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Runs axe-core on the page and returns the serious and critical violations. */
export async function seriousViolations(page) {
  // Evaluated through the DevTools protocol, so the page's CSP need not allow it.
  await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ["violations"] }),
  );
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Asserts that the page needs no sideways scrolling and that axe-core finds nothing serious. */
export async function clean(page, what) {
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  if (scroll > inner) throw new Error(`${what} is ${scroll} px wide`);
  const violations = await seriousViolations(page);
  if (violations.length) throw new Error(`${what}: ${violations.join("; ")}`);
}

/** Presses Tab until the element with `id` has focus (at most `limit` times). */
export async function tabTo(page, id, limit = 40) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.id ?? "");
    if (focused === id) return;
  }
  throw new Error(`#${id} never received focus by keyboard`);
}

/** Waits until the page's `<h1>` reads `text`. */
export async function expectHeading(page, text) {
  await page.waitForFunction(
    (t) => document.querySelector("h1")?.textContent?.trim() === t,
    text,
    { timeout: 15_000 },
  );
}
