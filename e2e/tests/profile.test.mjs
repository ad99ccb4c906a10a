// A jobseeker fills her profile on a 360 px phone in Italian, a section at a time (one by
// keyboard and touch on the weekly grid), reloads and finds it saved, survives going offline;
// her counsellor finds her in the caseload, reads her needs and writes a case note. axe-core
// checks the wizard, the summary and the staff views.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { expectHeading, launchBrowser, seriousViolations, startServer } from "./support.mjs";

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

/** Ticks a checkbox or radio as a person does: by its label (Bootstrap Italia draws the box there). */
async function tick(page, id) {
  await page.locator(`label[for="${id}"]`).click();
  assert.equal(await page.isChecked(`#${id}`), true, id);
}

async function waitSaved(page) {
  await page.locator('.save-status[data-status="saved"]').waitFor({ timeout: 15_000 });
}

const EMAIL = "lucia.profilo@example.org";
const PASSWORD = "una frase lunga e mia";

test("she fills three sections on her phone, reloads and finds them; her counsellor reads them", async () => {
  // Register through the API (the registration page has its own journey).
  const reg = await fetch(`${server.base}/api/v1/agencies`);
  const milano = (await reg.json()).find((a) => a.slug === "milano");
  const created = await fetch(`${server.base}/api/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      email: EMAIL, password: PASSWORD, name: "Lucia Profilo", agency_id: milano.id,
      language: "it", privacy_notice_version: "2026-11", accept_privacy_notice: true,
    }),
  });
  assert.equal(created.status, 201);

  const context = await browser.newContext({
    viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, reducedMotion: "reduce",
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${server.base}/login?next=/profile`);
  await expectHeading(page, "Accedi");
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.keyboard.press("Enter");
  await expectHeading(page, "Il mio profilo");
  await page.getByText("Profilo completato: 0%").waitFor();
  assert.deepEqual(await seriousViolations(page), [], "profile overview (it)");

  // 1. About me.
  await page.getByRole("link", { name: "Su di me" }).click();
  await expectHeading(page, "Su di me");
  await page.locator("#municipality option", { hasText: "Milano" }).first().waitFor({ state: "attached" });
  await page.getByLabel("Comune di residenza").selectOption({ label: "Milano" });
  await page.getByRole("button", { name: "+ Aggiungi una lingua" }).click();
  await page.locator("#language-0").selectOption("ro");
  await page.getByLabel("Livello").selectOption("native");
  await tick(page, "contact-channels-email");
  await waitSaved(page);
  assert.deepEqual(await seriousViolations(page), [], "section about me (it)");

  // 2. Household and care, by the "next" link.
  await page.getByRole("link", { name: "Famiglia e cura →" }).click();
  await expectHeading(page, "Famiglia e cura");
  await tick(page, "has-children-yes");
  await page.getByLabel("Anno di nascita").fill("2019");
  await tick(page, "cares-for-others-no");
  await tick(page, "helpers-grandparents");
  await waitSaved(page);
  assert.deepEqual(await seriousViolations(page), [], "section household (it)");

  // 3. Availability: the grid by keyboard, then by touch.
  await page.goto(`${server.base}/profile/availability`);
  await expectHeading(page, "Disponibilità");
  const monday7 = page.getByRole("button", { name: "lunedì 07:00–08:00" });
  await page.getByRole("button", { name: "lunedì 09:00–10:00" }).focus();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "slot-0-7");
  await page.keyboard.press("Enter");
  assert.equal(await monday7.getAttribute("aria-pressed"), "true");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Space");
  assert.equal(await page.getByRole("button", { name: "martedì 08:00–09:00" }).getAttribute("aria-pressed"), "true");
  await page.getByRole("button", { name: "mercoledì 08:00–09:00" }).tap();
  assert.equal(await page.getByRole("button", { name: "mercoledì 08:00–09:00" }).getAttribute("aria-pressed"), "true");
  await page.getByLabel("Quanti minuti").fill("15");
  await tick(page, "travel-means-walking");
  await waitSaved(page);
  assert.deepEqual(await seriousViolations(page), [], "section availability (it)");

  // Offline for a moment: the change is kept and saved when the connection is back.
  await context.setOffline(true);
  await tick(page, "contract-types-traineeship");
  await page.locator('.save-status[data-status="offline"]').waitFor({ timeout: 15_000 });
  await page.getByRole("button", { name: "Riprova" }).waitFor();
  // Back online, the page saves by itself (she may also press "Riprova").
  await context.setOffline(false);
  await waitSaved(page);

  // Reload: everything is there.
  await page.reload();
  await expectHeading(page, "Disponibilità");
  await page.getByRole("button", { name: "lunedì 07:00–08:00" }).waitFor();
  for (const name of ["lunedì 07:00–08:00", "lunedì 08:00–09:00", "martedì 08:00–09:00", "mercoledì 08:00–09:00"]) {
    assert.equal(await page.getByRole("button", { name }).getAttribute("aria-pressed"), "true", name);
  }
  assert.equal(await page.getByLabel("Quanti minuti").inputValue(), "15");
  assert.equal(await page.isChecked("#contract-types-traineeship"), true);
  await page.goto(`${server.base}/profile/about-me`);
  await expectHeading(page, "Su di me");
  await page.locator("#municipality option", { hasText: "Milano" }).first().waitFor({ state: "attached" });
  assert.equal(await page.locator("#municipality").inputValue(), "015146");
  assert.equal(await page.isChecked("#contact-channels-email"), true);
  await page.goto(`${server.base}/profile/household`);
  await expectHeading(page, "Famiglia e cura");
  assert.equal(await page.getByLabel("Anno di nascita").inputValue(), "2019");

  // The overview shows progress and the needs derived from the answers.
  await page.goto(`${server.base}/profile`);
  await expectHeading(page, "Il mio profilo");
  await page.getByText("Pre-scuola, post-scuola o baby-sitter: lun 07:00–08:00 entro 15 minuti da casa (a piedi)").waitFor();
  const overall = await page.locator("#progress-title").textContent();
  assert.match(overall, /Profilo completato: \d+%/);
  assert.notEqual(overall.trim(), "Profilo completato: 0%");

  // In English the page and the server's wording of the needs follow.
  await page.getByRole("button", { name: "English" }).click();
  await expectHeading(page, "My profile");
  await page.getByText("Before- or after-school care or a childminder: Mon 07:00–08:00 within 15 minutes of home (on foot)").waitFor();
  assert.deepEqual(await seriousViolations(page), [], "profile overview (en)");
  await page.getByRole("button", { name: "Italiano" }).click();
  await expectHeading(page, "Il mio profilo");

  // The printable summary.
  await page.getByRole("link", { name: "Riepilogo da stampare" }).click();
  await expectHeading(page, "Riepilogo del profilo");
  await page.getByText("Română — Madrelingua").waitFor();
  assert.deepEqual(await seriousViolations(page), [], "summary (it)");
  assert.deepEqual(errors, [], "no script errors");
  await context.close();

  // Her counsellor finds her and reads the sections.
  const staff = await browser.newContext({ reducedMotion: "reduce" });
  const sp = await staff.newPage();
  await sp.goto(`${server.base}/login`);
  await expectHeading(sp, "Accedi");
  await sp.getByLabel("Email").fill("operatrice.milano@sinergia.example");
  await sp.getByLabel("Password").fill("Sinergia-demo-2026");
  await sp.keyboard.press("Enter");
  await expectHeading(sp, "Area operatori");
  await sp.getByRole("link", { name: "Persone seguite" }).click();
  await expectHeading(sp, "Le persone che seguo");
  await sp.getByRole("link", { name: "Giulia Rossi" }).waitFor();
  assert.deepEqual(await seriousViolations(sp), [], "caseload (it)");
  await sp.getByLabel("Nome o email").fill("lucia");
  await sp.keyboard.press("Enter");
  await sp.getByRole("link", { name: "Giulia Rossi" }).waitFor({ state: "detached" });
  await sp.getByRole("link", { name: "Lucia Profilo" }).click();
  await expectHeading(sp, "Scheda della persona");
  await sp.getByText("Milano", { exact: true }).waitFor();
  await sp.getByText("Nato/a nel 2019").waitFor();
  await sp.getByText("lun 07:00–09:00; mar–mer 08:00–09:00").first().waitFor();
  await sp.getByLabel("Nuova nota").fill("Primo colloquio: cerca part-time al mattino.");
  await sp.getByRole("button", { name: "Aggiungi la nota" }).click();
  await sp.getByText("Primo colloquio: cerca part-time al mattino.").waitFor();
  await sp.getByLabel("Stato del percorso").selectOption("active");
  assert.deepEqual(await seriousViolations(sp), [], "case view (it)");
  await staff.close();
});
