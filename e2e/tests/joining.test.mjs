// An organisation asks to join on a phone (360 px): the public form, filled by keyboard, is
// refused with every field error named and then received; the agency's admin finds the
// request on the employers page and approves it by keyboard: the organisation is in the
// network and its HR has an account waiting for her link. axe-core clean on each page.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { clean, expectHeading, launchBrowser, startServer, tabTo } from "./support.mjs";

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

test("an organisation asks to join and the admin approves it", async () => {
  const errors = [];
  const phone = { viewport: { width: 360, height: 740 }, reducedMotion: "reduce" };
  const name = "Asilo Nido Girotondo";

  const context = await browser.newContext(phone);
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${server.base}/`);
  await page.getByRole("link", { name: "Chiedete di entrare nella rete" }).click();
  await expectHeading(page, "Per le imprese: entrate nella rete");
  await clean(page, "the form to join at 360 px");

  // Sent empty: each field says what is missing, nothing is kept.
  await page.getByRole("button", { name: "Invia la richiesta" }).click();
  await page.locator(".alert-danger, [role=alert]").first().waitFor();
  assert.ok(await page.locator("#agency-error").isVisible(), "the agency is asked for");
  assert.ok(await page.locator("#accept-error").isVisible(), "the privacy notice is asked for");

  await page.locator("#agency option:not([value=''])").first().waitFor({ state: "attached" });
  const milano = await page.locator("#agency option", { hasText: "Milano" }).first().getAttribute("value");
  await page.selectOption("#agency", milano);
  await page.locator("#e-municipality option[value='015146']").waitFor({ state: "attached" });
  await tabTo(page, "e-name");
  await page.keyboard.type(name);
  await page.keyboard.press("Tab");
  await page.keyboard.type("88.91");
  await page.selectOption("#e-municipality", "015146");
  await page.focus("#e-benefits-part_time");
  await page.keyboard.press("Space");
  await tabTo(page, "contact-name");
  await page.keyboard.type("Lucia Ferri");
  await page.keyboard.press("Tab");
  await page.keyboard.type("lucia.ferri@girotondo.example");
  await page.fill("#join-message", "Cerchiamo due educatrici per il mattino.");
  await tabTo(page, "accept");
  await page.keyboard.press("Space");
  await page.getByRole("button", { name: "Invia la richiesta" }).focus();
  await page.keyboard.press("Enter");
  await page.getByText("Richiesta inviata.").waitFor();
  assert.equal(
    await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    true,
    "no sideways scrolling at 360 px",
  );
  await clean(page, "the request sent at 360 px");

  // The admin approves it by keyboard.
  const admin = await context.newPage();
  admin.on("pageerror", (e) => errors.push(String(e)));
  await admin.goto(`${server.base}/login`);
  await admin.getByLabel("Email").fill("admin.milano@sinergia.example");
  await admin.getByLabel("Password").fill("Sinergia-demo-2026");
  await admin.keyboard.press("Enter");
  await admin.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 15_000 });
  await admin.goto(`${server.base}/staff/employers`);
  await expectHeading(admin, "Imprese della rete");
  const card = admin.locator("li.card", { hasText: name });
  await card.waitFor();
  await clean(admin, "the requests to join at 360 px");
  await card.getByRole("button", { name: "Approva e invia l'invito" }).focus();
  await admin.keyboard.press("Enter");
  await admin.getByText(`${name} è entrata nella rete`).waitFor();
  await admin.locator("h2.card-title", { hasText: name }).waitFor();
  assert.equal(await admin.locator("li.card", { hasText: "lucia.ferri@girotondo.example" }).count(), 0);
  await clean(admin, "the network after the approval at 360 px");
  assert.deepEqual(errors, []);
  await context.close();
});
