// A jobseeker registers in Italian, signs out, signs in with the keyboard only, switches to
// English and finds her home; axe-core checks the login, registration and home pages.
import { after, before, test } from "node:test";
import { request } from "playwright-core";
import assert from "node:assert/strict";
import { expectHeading, launchBrowser, seriousViolations, startServer, tabTo } from "./support.mjs";

let server;
let browser;
// Contexts ask for reduced motion (which Bootstrap Italia honours): colours are never caught
// half-way through a transition when axe measures contrast.

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

/** Signs in from the login page, as a person would (the form is submitted with Enter). */
async function signIn(page, email, password) {
  await expectHeading(page, "Accedi");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.keyboard.press("Enter");
}

test("register in Italian, sign out, sign in by keyboard, switch to English", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, reducedMotion: "reduce" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));

  // Home, in Italian by default.
  await page.goto(`${server.base}/`);
  await expectHeading(page, "Benvenuta in Sinergia");
  assert.equal(await page.getAttribute("html", "lang"), "it");
  assert.match(await page.title(), /Benvenuta in Sinergia · Sinergia/);
  assert.deepEqual(await seriousViolations(page), [], "home (it)");

  // The first Tab reaches the skip link, which leads to the content.
  await page.keyboard.press("Tab");
  assert.equal(
    await page.evaluate(() => document.activeElement?.textContent?.trim()),
    "Vai al contenuto principale",
  );

  // Registration, with the privacy notice.
  await page.getByRole("link", { name: "Registrati" }).first().click();
  await expectHeading(page, "Registrati");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "page-title", "focus moves to the new page");
  assert.match(await page.title(), /^Registrati · Sinergia$/);
  await page.getByText("Informativa sulla privacy").first().waitFor();
  assert.deepEqual(await seriousViolations(page), [], "registration (it)");

  // A mistake first: the error is tied to its field.
  await page.getByLabel("Nome e cognome").fill("Maria Esposito");
  await page.getByLabel("Email").fill("maria.esposito@example.org");
  await page.getByLabel("Password").fill("corta");
  await page.locator("#agency option").nth(1).waitFor({ state: "attached" });
  await page.getByLabel("Agenzia", { exact: true }).selectOption({ label: "Agenzia per il lavoro di Milano (Città metropolitana di Milano)" });
  // The consent box by keyboard (Bootstrap Italia draws it on the label; the input keeps focus).
  await page.focus("#agency");
  await tabTo(page, "accept", 5);
  await page.keyboard.press("Space");
  assert.equal(await page.isChecked("#accept"), true);
  await page.getByRole("button", { name: "Crea l'account" }).click();
  await page.locator("#password-error").waitFor();
  assert.equal(await page.getAttribute("#password", "aria-invalid"), "true");
  assert.match(await page.textContent("#password-error"), /almeno 8 caratteri/);
  assert.deepEqual(await seriousViolations(page), [], "registration with errors (it)");

  await page.getByLabel("Password").fill("una frase lunga e mia");
  await page.getByRole("button", { name: "Crea l'account" }).click();
  await expectHeading(page, "La mia area");
  assert.deepEqual(await seriousViolations(page), [], "jobseeker home (it)");

  // Sign out.
  await page.getByRole("button", { name: "Esci" }).click();
  await expectHeading(page, "Accedi");
  assert.deepEqual(await seriousViolations(page), [], "login (it)");

  // Sign in with the keyboard only.
  await page.goto(`${server.base}/login`);
  await expectHeading(page, "Accedi");
  await tabTo(page, "email");
  await page.keyboard.type("maria.esposito@example.org");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "password");
  await page.keyboard.type("una frase lunga e mia");
  await page.keyboard.press("Enter");
  await expectHeading(page, "La mia area");

  // Switch to English: the page, the title and <html lang> follow.
  await page.getByRole("button", { name: "English" }).click();
  await expectHeading(page, "My area");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.match(await page.title(), /^My area · Sinergia$/);
  assert.deepEqual(await seriousViolations(page), [], "jobseeker home (en)");

  // After a reload she is still signed in (refresh cookie) and still in English (remembered).
  await page.reload();
  await expectHeading(page, "My area");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  await page.getByText("Hello").first().waitFor();

  // Her account page, by the navigation: on a phone it folds behind the menu button.
  const menu = page.getByRole("button", { name: "Menu" });
  assert.equal(await menu.getAttribute("aria-expanded"), "false");
  await menu.click();
  assert.equal(await menu.getAttribute("aria-expanded"), "true");
  await page.getByRole("link", { name: "My account" }).click();
  await expectHeading(page, "My account");
  // It folds again once she has moved.
  await page.waitForFunction(() => document.querySelector(".menu-toggle")?.getAttribute("aria-expanded") === "false");
  assert.deepEqual(await seriousViolations(page), [], "account (en)");

  // She changes her password with the keyboard; the old one no longer works.
  await tabTo(page, "current-password");
  await page.keyboard.type("una frase lunga e mia");
  await page.keyboard.press("Tab");
  await page.keyboard.type("un'altra frase, più lunga");
  await page.keyboard.press("Enter");
  await page.getByRole("status").filter({ hasText: "Password changed" }).waitFor();
  assert.deepEqual(await seriousViolations(page), [], "account after change (en)");
  const oldLogin = await page.request.post(`${server.base}/api/v1/auth/login`, {
    data: { email: "maria.esposito@example.org", password: "una frase lunga e mia", refresh_token_in_body: true },
  });
  assert.equal(oldLogin.status(), 401);

  assert.deepEqual(errors, [], "no script errors");
  await context.close();
});

test("staff land in the staff area; a jobseeker cannot open it", async () => {
  const context = await browser.newContext({ reducedMotion: "reduce" });
  const page = await context.newPage();
  await page.goto(`${server.base}/staff`);
  await signIn(page, "operatrice.milano@sinergia.example", "Sinergia-demo-2026");
  await expectHeading(page, "Area operatori");
  assert.deepEqual(await seriousViolations(page), [], "staff home (it)");
  await page.getByRole("button", { name: "Esci" }).click();
  await signIn(page, "giulia.rossi@sinergia.example", "Sinergia-demo-2026");
  await expectHeading(page, "La mia area");
  await page.goto(`${server.base}/staff`);
  await page.getByRole("alert").filter({ hasText: "non è disponibile" }).waitFor();
  await context.close();
});

test("an admin creates a staff account and disables one, by keyboard", async () => {
  const context = await browser.newContext({ reducedMotion: "reduce" });
  const page = await context.newPage();
  await page.goto(`${server.base}/login`);
  await signIn(page, "admin.milano@sinergia.example", "Sinergia-demo-2026");
  await expectHeading(page, "Area operatori");

  await page.getByRole("link", { name: "Account", exact: true }).click();
  await expectHeading(page, "Account dell'agenzia");
  await page.getByRole("cell", { name: "sara.bianchi@sinergia.example" }).waitFor();
  assert.deepEqual(await seriousViolations(page), [], "accounts (it)");

  // Create a counsellor with the keyboard only.
  await page.focus("#page-title");
  await tabTo(page, "staff-name");
  await page.keyboard.type("Lucia Neri");
  await page.keyboard.press("Tab");
  await page.keyboard.type("lucia.neri@agenzia.example");
  await page.keyboard.press("Enter");
  await page.getByRole("status").filter({ hasText: "lucia.neri@agenzia.example" }).waitFor();
  const row = page.getByRole("row").filter({ hasText: "lucia.neri@agenzia.example" });
  await row.getByText("Invitato").waitFor();
  await row.getByText("Operatrice").waitFor();

  // Disable Sara, then enable her again.
  const sara = page.getByRole("row").filter({ hasText: "sara.bianchi@sinergia.example" });
  await sara.getByRole("button", { name: /Disattiva/ }).click();
  await sara.getByText("Disattivato").waitFor();
  await sara.getByRole("button", { name: /Riattiva/ }).click();
  await sara.getByText("Attivo").waitFor();
  assert.deepEqual(await seriousViolations(page), [], "accounts after changes (it)");
  await context.close();
});

test("a forgotten password: she asks for a link", async () => {
  const context = await browser.newContext({ reducedMotion: "reduce" });
  const page = await context.newPage();
  await page.goto(`${server.base}/login`);
  await expectHeading(page, "Accedi");
  await page.getByRole("link", { name: "Password dimenticata?" }).click();
  await expectHeading(page, "Password dimenticata");
  assert.deepEqual(await seriousViolations(page), [], "forgotten password (it)");
  await tabTo(page, "email");
  await page.keyboard.type("giulia.rossi@sinergia.example");
  await page.keyboard.press("Enter");
  await page.getByRole("status").filter({ hasText: "Se esiste un account" }).waitFor();
  assert.deepEqual(await seriousViolations(page), [], "forgotten password sent (it)");
  await context.close();
});

test("when her account is disabled, the app sends her to sign in", async () => {
  const context = await browser.newContext({ reducedMotion: "reduce" });
  const page = await context.newPage();
  await page.goto(`${server.base}/login`);
  await signIn(page, "sara.bianchi@sinergia.example", "Sinergia-demo-2026");
  await expectHeading(page, "La mia area");
  await page.getByRole("link", { name: "Il mio account" }).click();
  await expectHeading(page, "Il mio account");

  // Meanwhile her agency's admin disables the account (from another client).
  const admin = await request.newContext({ baseURL: server.base });
  const login = await admin.post("/api/v1/auth/login", {
    data: { email: "admin.milano@sinergia.example", password: "Sinergia-demo-2026", refresh_token_in_body: true },
  });
  const headers = { Authorization: `Bearer ${(await login.json()).access_token}` };
  const users = await (await admin.get("/api/v1/admin/users?role=jobseeker", { headers })).json();
  const sara = users.items.find((u) => u.email === "sara.bianchi@sinergia.example");
  assert.equal((await admin.post(`/api/v1/admin/users/${sara.id}/disable`, { headers })).status(), 200);

  // Her next action finds the session over and the app takes her to sign in.
  await page.getByLabel("Password attuale").fill("Sinergia-demo-2026");
  await page.getByLabel("Nuova password").fill("una password nuova e lunga");
  await page.keyboard.press("Enter");
  await expectHeading(page, "Accedi");
  await admin.post(`/api/v1/admin/users/${sara.id}/enable`, { headers });
  await admin.dispose();
  await context.close();
});
