// The services catalogue for staff (issue 14), on a phone (360 px): the agency's admin, who
// curates the catalogue, checks a CSV file with one bad row, reads in the report which row
// and why, fixes the file, checks it again, imports it whole and finds the new services in
// the agency's list, then makes a counsellor a curator from the accounts page; axe-core clean
// at each step.
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

test("a curator adds a provider and its location, writes a service's hours and checks a contribution", async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, reducedMotion: "reduce" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("dialog", (d) => d.accept());
  await page.goto(`${server.base}/login`);
  await expectHeading(page, "Accedi");
  await page.getByLabel("Email").fill("admin.milano@sinergia.example");
  await page.getByLabel("Password").fill("Sinergia-demo-2026");
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 15_000 });

  // A provider, then its location in Sesto (the municipality's seat fills the coordinates).
  await page.goto(`${server.base}/staff/catalogue`);
  await expectHeading(page, "Catalogo dei servizi");
  await page.getByRole("link", { name: "Enti e sedi" }).click();
  await expectHeading(page, "Enti e sedi");
  await page.locator("main li.card").first().waitFor({ timeout: 15_000 });
  await clean(page, "/staff/catalogue/providers at 360 px");
  await page.getByRole("button", { name: "Nuovo ente" }).click();
  await page.getByLabel("Nome").fill("Cooperativa Arcobaleno");
  await page.getByLabel("Sito web").fill("non è un indirizzo");
  await page.getByRole("button", { name: "Salva" }).click();
  await page.locator("#p-website[aria-invalid=true]").waitFor({ timeout: 10_000 });
  await clean(page, "a provider refused");
  await page.getByLabel("Sito web").fill("https://arcobaleno.example");
  await page.getByRole("button", { name: "Salva" }).click();
  await page.getByText("«Cooperativa Arcobaleno» salvato.").waitFor({ timeout: 10_000 });
  const card = page.locator("main li.card", { hasText: "Cooperativa Arcobaleno" });
  await card.getByRole("button", { name: "Sedi" }).click();
  await card.getByRole("button", { name: "Nuova sede" }).click();
  await card.getByLabel("Nome").fill("Sede Rondò");
  await card.getByLabel("Indirizzo").fill("Piazza IV Novembre 1");
  await card.getByLabel("Comune").selectOption({ label: "Sesto San Giovanni (MI)" });
  assert.notEqual(await card.getByLabel("Latitudine").inputValue(), "");
  await card.getByRole("button", { name: "Salva" }).click();
  await card.locator(".list-group-item", { hasText: "Sede Rondò" }).waitFor({ timeout: 10_000 });
  await clean(page, "a provider's locations");

  // A new service: a window that closes before it opens is refused next to it; fixed, saved.
  await page.goto(`${server.base}/staff/catalogue`);
  await page.getByRole("link", { name: "Nuovo servizio" }).click();
  await expectHeading(page, "Nuovo servizio");
  await page.getByLabel("Ente").selectOption({ label: "Cooperativa Arcobaleno" });
  // Bootstrap Italia draws the box on the label: she clicks the label.
  await page.locator("label", { hasText: "Sede Rondò" }).click({ timeout: 10_000 });
  assert.equal(await page.getByLabel(/Sede Rondò/).isChecked(), true);
  await page.getByLabel("Servizio", { exact: true }).fill("Doposcuola Arcobaleno");
  await page.getByLabel("Categoria").selectOption("pre_after_school");
  await page.getByRole("button", { name: "Aggiungi fascia oraria" }).click();
  await page.getByLabel("Fascia 1: apre alle").fill("18:00");
  await page.getByLabel("Fascia 1: chiude alle").fill("16:00");
  await page.getByRole("button", { name: "Aggiungi costo" }).click();
  await page.getByLabel("Importo (€)").fill("120");
  await page.getByRole("button", { name: "Salva" }).click();
  await page.locator("input.is-invalid[type=time]").first().waitFor({ timeout: 10_000 });
  await clean(page, "a service refused");
  await page.getByLabel("Fascia 1: apre alle").fill("16:00");
  await page.getByLabel("Fascia 1: chiude alle").fill("18:30");
  await page.getByRole("button", { name: "Salva" }).click();
  await page.waitForURL(/\/staff\/catalogue\/services\/[0-9a-f-]{36}\?saved=1$/, { timeout: 10_000 });
  await page.getByText("Servizio salvato.", { exact: false }).waitFor({ timeout: 10_000 });
  await expectHeading(page, "Modifica servizio");
  await page.getByLabel("Servizio", { exact: true }).waitFor();
  assert.equal(await page.getByLabel("Fascia 1: chiude alle").inputValue(), "18:30");
  await clean(page, "the service editor");

  // The contributions: the demo's territorial one is due, first; checked today, it is not.
  await page.goto(`${server.base}/staff/catalogue/contributions`);
  await expectHeading(page, "Contributi e agevolazioni");
  await page.getByText("Contributi da verificare: 1.").waitFor({ timeout: 15_000 });
  const first = page.locator("main li.card").first();
  assert.match(await first.textContent(), /Da verificare/);
  await clean(page, "/staff/catalogue/contributions at 360 px");
  await first.getByRole("button", { name: "Verificato oggi" }).click();
  await page.getByText("Nessun contributo da verificare.").waitFor({ timeout: 10_000 });
  await page.getByRole("button", { name: "Nuovo contributo del territorio" }).click();
  await page.getByRole("button", { name: "Salva" }).click();
  await page.locator("#c-name-it[aria-invalid=true]").waitFor({ timeout: 10_000 });
  await clean(page, "a contribution refused");
  assert.deepEqual(errors, []);
  await context.close();
});
