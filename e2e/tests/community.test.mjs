// Two jobseekers chat in real time in a room of their agency; one reports the other's message;
// the community manager hides it from the reports queue and it disappears for both, live.
// axe-core checks the room list, the room view and the reports queue.
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

const PASSWORD = "Sinergia-demo-2026";

async function token(email) {
  const res = await fetch(`${server.base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD, refresh_token_in_body: true }),
  });
  assert.equal(res.status, 200);
  return (await res.json()).access_token;
}

async function api(path, tok, body) {
  const res = await fetch(`${server.base}/api/v1${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${tok}` },
    body: JSON.stringify(body ?? {}),
  });
  assert.ok(res.ok, `${path}: ${res.status}`);
  return res.json();
}

async function signedIn(email, path) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, reducedMotion: "reduce" });
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.text().includes("panicked") && errors.push(m.text()));
  await page.goto(`${server.base}/login`);
  await expectHeading(page, "Accedi");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 15_000 });
  await page.goto(`${server.base}${path}`);
  return { context, page };
}

const errors = [];

test("two jobseekers chat live; a report is hidden by the community manager for both", async () => {
  const cm = await token("community.milano@sinergia.example");
  const room = await api("/community/rooms", cm, {
    kind: "public", topic: "theme",
    name: { it: "Rientro al lavoro", en: "Back to work" },
    description: { it: "Consigli e incoraggiamento.", en: "Tips and encouragement." },
    rules: { it: "Rispetto per tutte.", en: "Respect for everyone." },
  });
  for (const email of ["giulia.rossi@sinergia.example", "sara.bianchi@sinergia.example"]) {
    await api(`/community/rooms/${room.id}/join`, await token(email));
  }

  const sara = await signedIn("sara.bianchi@sinergia.example", "/community");
  await expectHeading(sara.page, "Comunità");
  await sara.page.getByRole("link", { name: "Rientro al lavoro" }).waitFor();
  assert.deepEqual(await seriousViolations(sara.page), [], "room list");
  await sara.page.getByRole("link", { name: "Rientro al lavoro" }).click();
  await expectHeading(sara.page, "Stanza");
  const giulia = await signedIn("giulia.rossi@sinergia.example", `/community/rooms/${room.id}`);
  await expectHeading(giulia.page, "Stanza");

  // Giulia writes (Enter sends); Sara sees it arrive without reloading, and it is announced.
  await giulia.page.getByLabel("Scrivi un messaggio").fill("Ciao! Qualcuna conosce un nido a Rho?");
  await giulia.page.getByLabel("Scrivi un messaggio").press("Enter");
  await giulia.page.getByText("Ciao! Qualcuna conosce un nido a Rho?", { exact: true }).waitFor();
  await sara.page.getByText("Ciao! Qualcuna conosce un nido a Rho?", { exact: true }).waitFor({ timeout: 10_000 });
  assert.match(await sara.page.locator("#chat-announcer").textContent(), /Giulia Rossi: Ciao!/);
  await sara.page.getByLabel("Scrivi un messaggio").fill("Sì, il nido Arcobaleno. Ma sei proprio una stupida.");
  await sara.page.getByLabel("Scrivi un messaggio").press("Enter");
  await giulia.page.getByText("Sì, il nido Arcobaleno. Ma sei proprio una stupida.", { exact: true }).waitFor({ timeout: 10_000 });
  assert.deepEqual(await seriousViolations(giulia.page), [], "room view");

  // Giulia reports it.
  await giulia.page.getByRole("button", { name: /Segnala Sara Bianchi/ }).click();
  await giulia.page.getByLabel("Motivo").selectOption({ label: "Molestie o insulti" });
  await giulia.page.getByLabel("Nota per le moderatrici (facoltativa)").fill("Mi ha insultata.");
  await giulia.page.getByRole("button", { name: "Invia la segnalazione" }).click();
  await giulia.page.getByRole("status").filter({ hasText: "Segnalazione inviata" }).waitFor();

  // The community manager hides it from the queue.
  const manager = await signedIn("community.milano@sinergia.example", "/staff/moderation");
  await expectHeading(manager.page, "Segnalazioni");
  await manager.page.getByText("Mi ha insultata.").waitFor();
  assert.deepEqual(await seriousViolations(manager.page), [], "reports queue");
  await manager.page.getByLabel("Motivo per nascondere il messaggio").fill("Insulto");
  await manager.page.getByRole("button", { name: "Nascondi il messaggio" }).click();
  await manager.page.getByRole("status").filter({ hasText: "Fatto" }).waitFor();

  // Gone for both, live.
  for (const { page } of [giulia, sara]) {
    await page.getByText("Messaggio nascosto da una moderatrice.").waitFor({ timeout: 10_000 });
    assert.equal(await page.locator(".chat-log").getByText("Ma sei proprio una stupida.").count(), 0);
  }
  assert.deepEqual(errors, []);
  for (const c of [sara, giulia, manager]) await c.context.close();
});
