// The services catalogue for staff (issue 14), on a phone (360 px): the agency's admin, who
// curates the catalogue, checks a CSV file with one bad row, reads in the report which row
// and why, fixes the file, checks it again, imports it whole and finds the new services in
// the agency's list, then makes a counsellor a curator from the accounts page; axe-core clean
// at each step.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { expectHeading, launchBrowser, seriousViolations, startServer } from "./support.mjs";

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

async function clean(page, what) {
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  assert.ok(scroll <= inner, `${what} is ${scroll} px wide`);
  assert.deepEqual(await seriousViolations(page), [], what);
}

const HEADER =
  "provider;provider_kind;service;category;min_age_months;max_age_months;location;address;municipality;lat;lon;weekly;costs;status";

function csv(lat) {
  const row = (name, weekly, y) =>
    `Cooperativa Aquilone;third_sector;${name};pre_after_school;72;132;Scuola Rodari;Via Rodari 3;015209;${y};9,2352;${weekly};month 95,50;published`;
  return Buffer.from(
    [
      HEADER,
      row("Pre-scuola Aquilone", "mon 07:30-08:30 | tue 07:30-08:30", "45,5335"),
      row("Doposcuola Aquilone", "mon 16:00-18:30 | tue 16:00-18:30", lat),
    ].join("\n") + "\n",
  );
}

test("a curator imports a file with one bad row and fixes it", async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, reducedMotion: "reduce" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${server.base}/login`);
  await expectHeading(page, "Accedi");
  await page.getByLabel("Email").fill("admin.milano@sinergia.example");
  await page.getByLabel("Password").fill("Sinergia-demo-2026");
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 15_000 });

  await page.goto(`${server.base}/staff/catalogue`);
  await expectHeading(page, "Catalogo dei servizi");
  await page.locator("main tbody tr").first().waitFor({ timeout: 15_000 });
  await clean(page, "/staff/catalogue at 360 px");

  // The file with a latitude of 145: the check names the row and the column, imports nothing.
  await page.setInputFiles("#import-file", { name: "aquilone.csv", mimeType: "text/csv", buffer: csv("145,5") });
  await page.getByRole("button", { name: "Controlla il file" }).click();
  const report = page.locator("table", { has: page.getByRole("columnheader", { name: "Esito" }) });
  await report.waitFor({ timeout: 10_000 });
  const refused = report.locator("tr.table-danger");
  assert.equal(await refused.count(), 1);
  const why = await refused.textContent();
  assert.match(why, /^3/, "the third line of the file");
  assert.match(why, /lat/, "the column");
  assert.match(why, /Rifiutata/);
  assert.equal(await page.getByRole("button", { name: "Importa tutte le righe" }).count(), 0);
  await page.getByText("Correggi le righe rifiutate").waitFor();
  await clean(page, "the report of a refused row");

  // Fixed: every row accepted, imported whole, and the services are in the agency's list.
  await page.setInputFiles("#import-file", { name: "aquilone.csv", mimeType: "text/csv", buffer: csv("45,5335") });
  await page.getByRole("button", { name: "Controlla il file" }).click();
  await page.getByRole("button", { name: "Importa tutte le righe" }).waitFor({ timeout: 10_000 });
  assert.equal(await page.locator("tr.table-danger").count(), 0);
  await page.getByRole("button", { name: "Importa tutte le righe" }).click();
  await page.getByText("Catalogo importato: 2 servizi scritti.").waitFor({ timeout: 10_000 });
  await page.getByLabel("Cerca per nome").fill("Aquilone");
  await page.getByRole("button", { name: "Cerca per nome" }).click();
  await page.waitForFunction(
    () => [...document.querySelectorAll("main tbody th")].filter((t) => t.textContent.includes("Aquilone")).length === 2,
    null,
    { timeout: 10_000 },
  );
  const row = await page.locator("main tbody tr", { hasText: "Doposcuola Aquilone" }).textContent();
  assert.match(row, /Pubblicato/);
  await clean(page, "the catalogue after the import");

  // The admin makes a counsellor a curator of the catalogue, from the accounts page.
  await page.goto(`${server.base}/staff/accounts`);
  const chiara = page.locator("main tbody tr", { hasText: "operatrice.milano@sinergia.example" });
  await chiara.waitFor({ timeout: 15_000 });
  await chiara.getByRole("button", { name: /Cura il catalogo/ }).click();
  await page
    .locator("main tbody tr", { hasText: "operatrice.milano@sinergia.example" })
    .getByText("Cura il catalogo dei servizi")
    .waitFor({ timeout: 10_000 });
  assert.equal(
    await page
      .locator("main tbody tr", { hasText: "operatrice.milano@sinergia.example" })
      .getByRole("button", { name: /Cura il catalogo/ })
      .getAttribute("aria-pressed"),
    "true",
  );
  await clean(page, "/staff/accounts with a curator");
  assert.deepEqual(errors, []);
  await context.close();
});
