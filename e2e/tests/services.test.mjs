// Conciliation services on a phone (360 px): a demo mother with two children opens her
// services and sees them ranked with their reasons, saves two, plans her week for a 9:00-15:00
// job, sees the gap after school and closes it with the doposcuola the week proposes; axe-core
// clean on each page.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { clean, expectHeading, launchBrowser, startServer } from "./support.mjs";

let server;
let browser;

before(async () => {
  server = await startServer({ APP_DEMO_CONTENT: "true" });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

test("a mother finds her services and closes the gap in her week", async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, reducedMotion: "reduce" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${server.base}/login`);
  await expectHeading(page, "Accedi");
  await page.getByLabel("Email").fill("giulia.rossi@sinergia.example");
  await page.getByLabel("Password").fill("Sinergia-demo-2026");
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 15_000 });

  // Her services, from the menu: ranked, each with its reasons.
  await page.goto(`${server.base}/services`);
  await expectHeading(page, "Servizi vicino a me");
  const cards = page.locator("main article.card");
  await cards.first().waitFor({ timeout: 15_000 });
  assert.ok((await cards.count()) >= 10, "at least ten services");
  const first = cards.first();
  const reasons = await first.textContent();
  assert.match(reasons, /Copre \d+ h/, "which of her hours it covers");
  assert.match(reasons, /a \d+,\d km/, "how far");
  assert.match(reasons, /Costo al mese|Prezzo non indicato/, "what it costs");
  await clean(page, "/services at 360 px");

  // She saves two: each button says it is pressed, and both are on her shortlist.
  for (const i of [0, 1]) {
    const save = cards.nth(i).getByRole("button", { name: "Salva" });
    await save.click();
    await page.waitForFunction(
      (n) => document.querySelectorAll("main article.card")[n]?.querySelector("[aria-pressed=true]"),
      i,
      { timeout: 10_000 },
    );
  }
  const saved = page.locator("section[aria-labelledby=shortlist-title] li");
  await page.waitForFunction(
    () => document.querySelectorAll("section[aria-labelledby=shortlist-title] li").length >= 2,
    null,
    { timeout: 10_000 },
  );
  assert.ok((await saved.count()) >= 2);

  // Her week: a 9:00-15:00 job on school days (the form starts there), saved.
  await page.getByRole("link", { name: "Pianifica la tua settimana" }).click();
  await expectHeading(page, "La mia settimana");
  await page.locator("#job-mon-from").waitFor();
  assert.equal(await page.inputValue("#job-mon-from"), "09:00");
  assert.equal(await page.inputValue("#job-fri-to"), "15:00");
  await page.getByRole("button", { name: "Salva e calcola" }).click();
  await page.getByRole("status").filter({ hasText: "Settimana salvata." }).waitFor({ timeout: 15_000 });
  // The 9-year-old's table (born 2017) shows the hours after school uncovered.
  const olderTable = page.locator("table", { has: page.locator("caption", { hasText: "2017" }) });
  await olderTable.waitFor();
  assert.ok((await olderTable.getByText("Scoperto").count()) > 0, "a gap after school");
  await clean(page, "/week at 360 px");

  // The week proposes a doposcuola for Monday's gap: she saves it and works the week out
  // again: the older child's afternoons are covered.
  const gap = page.locator("section[aria-labelledby=cover-title] li", { hasText: "Figlio nato nel 2017" }).first();
  const offer = gap.locator("li", { hasText: "Doposcuola" }).first();
  await offer.getByRole("button", { name: /Salva/ }).click();
  await offer.locator("[aria-pressed=true]").waitFor({ timeout: 10_000 });
  await page.getByRole("button", { name: "Salva e calcola" }).click();
  await page.waitForFunction(
    () => {
      const t = [...document.querySelectorAll("table")].find((x) => x.caption?.textContent.includes("2017"));
      return t && !t.textContent.includes("Scoperto") && t.textContent.includes("Servizio scelto");
    },
    null,
    { timeout: 15_000 },
  );
  await clean(page, "/week at 360 px, gap closed");
  assert.deepEqual(errors, []);
  await context.close();
});
