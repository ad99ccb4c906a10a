// Opportunities on a phone (360 px): the HR of a cooperative of the network writes a
// part-time traineeship in the editor and publishes it; Giulia (validated assessment) finds it
// among her ranked opportunities with the reasons of its score, opens it and applies by
// keyboard sharing her portfolio only; the HR opens her portfolio on the applicants board (the
// API shows nothing else she did not tick) and moves her to interview by keyboard; she sees it
// in her applications, led there by her notification (the HR's told her of the applicant).
// axe-core clean on each page.
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

async function api(path, token, init = {}) {
  const res = await fetch(`${server.base}/api/v1${path}`, {
    ...init,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
  });
  assert.ok(res.ok, `${path}: ${res.status} ${await res.clone().text()}`);
  return res.json();
}

async function login(email) {
  const res = await fetch(`${server.base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "Sinergia-demo-2026" }),
  });
  assert.ok(res.ok, `login ${email}`);
  return (await res.json()).access_token;
}

async function signIn(context, email, errors) {
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${server.base}/login`);
  await expectHeading(page, "Accedi");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("Sinergia-demo-2026");
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 15_000 });
  return page;
}

test("an employer publishes a traineeship; she finds it ranked, applies, and is invited to an interview", async () => {
  const errors = [];
  const title = "Tirocinio part-time in biblioteca";
  const phone = { viewport: { width: 360, height: 740 }, reducedMotion: "reduce" };

  // The cooperative's HR writes it in the editor and publishes it.
  const hrContext = await browser.newContext(phone);
  const hr = await signIn(hrContext, "impresa.milano@sinergia.example", errors);
  await expectHeading(hr, "Opportunità della rete");
  await hr.getByRole("button", { name: "Nuova opportunità" }).click();
  await hr.locator("#o-employer option:not([value=''])").first().waitFor({ state: "attached" });
  const employerId = await hr.locator("#o-employer option:not([value=''])").first().getAttribute("value");
  await hr.selectOption("#o-employer", employerId);
  await hr.fill("#o-title", title);
  await hr.fill("#o-description", "Prestiti, scaffali e letture per i più piccoli, il mattino.");
  await hr.selectOption("#o-contract", "traineeship");
  await hr.fill("#o-stipend", "600");
  await hr.fill("#o-months", "6");
  await hr.locator("#o-municipality option[value='015146']").waitFor({ state: "attached" });
  await hr.selectOption("#o-municipality", "015146");
  await hr.locator("#o-sought-C1").waitFor();
  await hr.selectOption("#o-sought-C1", "developing");
  await hr.selectOption("#o-sought-S2", "developing");
  const closes = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  await hr.fill("#o-closes", closes);
  await clean(hr, "the opportunity editor at 360 px");
  await hr.getByRole("button", { name: "Salva" }).click();
  const item = hr.locator("main li.card", { hasText: title });
  await item.waitFor({ timeout: 15_000 });
  assert.match(await item.textContent(), /Bozza/);
  await item.getByRole("link", { name: title }).click();
  await expectHeading(hr, title);
  await hr.getByRole("button", { name: "Pubblica" }).click();
  await hr.locator("main .badge", { hasText: "Pubblicata" }).waitFor({ timeout: 15_000 });
  assert.equal(await hr.getByRole("heading", { name: "Donne dell'agenzia adatte" }).count(), 0, "not for an employer");
  await clean(hr, "the employer's opportunity at 360 px");
  const opportunityId = new URL(hr.url()).pathname.split("/").pop();

  // Giulia: her opportunities, ranked, each with its score explained.
  const herContext = await browser.newContext(phone);
  const page = await signIn(herContext, "giulia.rossi@sinergia.example", errors);
  await page.goto(`${server.base}/opportunities`);
  await expectHeading(page, "Opportunità");
  const cards = page.locator("main article.card");
  await cards.first().waitFor({ timeout: 15_000 });
  assert.ok((await cards.count()) >= 10, "the demo's and the new one");
  const card = cards.filter({ hasText: title });
  await card.waitFor();
  await card.locator("summary", { hasText: "Perché questo punteggio" }).click();
  const why = await card.textContent();
  assert.match(why, /Affinità \d+/, "its score");
  assert.match(why, /Competenze · \d+\/450/, "competences part");
  assert.match(why, /Orari · \d+\/300/, "hours part");
  assert.match(why, /validata/, "her validated levels count");
  assert.match(why, /Tirocinio/, "the contract");
  await clean(page, "/opportunities at 360 px");

  // Its page; she applies by keyboard, sharing nothing but her portfolio.
  await card.getByRole("link", { name: new RegExp(`Dettagli e candidatura ${title}`) }).click();
  await expectHeading(page, title);
  await page.locator("#apply-note").waitFor();
  await clean(page, "an opportunity at 360 px");
  await tabTo(page, "apply-note", 80);
  await page.keyboard.type("Organizzo da anni i tempi di tre figli: vorrei portarlo in biblioteca.");
  for (const part of ["contact", "education", "work_history", "availability", "goals"]) {
    assert.equal(await page.isChecked(`#apply-share-${part}`), false, `${part} not ticked`);
  }
  await page.getByRole("button", { name: "Invia la candidatura" }).click();
  await page.getByRole("status").filter({ hasText: "Candidatura inviata." }).waitFor({ timeout: 15_000 });

  // What the employer's side receives: her portfolio, her note, nothing she did not tick.
  const hrToken = await login("impresa.milano@sinergia.example");
  const [applicant] = await api(`/opportunities/${opportunityId}/applicants`, hrToken);
  assert.equal(applicant.name, "Giulia Rossi");
  assert.ok(applicant.portfolio?.competences?.length > 0, "her validated portfolio");
  assert.equal(applicant.contact, undefined);
  assert.equal(applicant.availability, undefined);
  assert.match(applicant.note, /biblioteca/);

  // The HR on the board: opens her portfolio and invites her to an interview by keyboard.
  await hr.reload();
  await expectHeading(hr, title);
  const received = hr.locator("section[aria-labelledby=col-received] article");
  await received.first().waitFor({ timeout: 15_000 });
  assert.match(await received.first().textContent(), /Giulia Rossi/);
  await received.first().locator("summary").click();
  assert.match(await received.first().textContent(), /Gestione del tempo/, "her portfolio's competences");
  await clean(hr, "the applicants board at 360 px");
  // The HR's bell told her of the new applicant.
  await hr.goto(`${server.base}/notifications`);
  await hr.getByRole("link", { name: new RegExp(`Nuova candidatura per «${title}»`) }).click();
  await expectHeading(hr, title);
  await received.first().waitFor({ timeout: 15_000 });
  await received.first().locator("summary").click();
  const invite = hr.getByRole("button", { name: "Invita a colloquio Giulia Rossi" });
  await invite.focus();
  await hr.keyboard.press("Enter");
  await hr.locator("section[aria-labelledby=col-interview] article", { hasText: "Giulia Rossi" }).waitFor({ timeout: 15_000 });
  await hrContext.close();

  // Her bell rings: the notification leads her to the interview.
  await page.goto(`${server.base}/opportunities`);
  const bell = page.getByRole("link", { name: /^Notifiche: \d+ da leggere$/ });
  await bell.waitFor({ timeout: 15_000 });
  await bell.focus();
  await page.keyboard.press("Enter");
  await expectHeading(page, "Notifiche");
  const news = page.getByRole("link", { name: new RegExp(`La tua candidatura per «${title}»: Colloquio`) });
  await news.waitFor({ timeout: 15_000 });
  await clean(page, "/notifications at 360 px");
  await news.click();
  await expectHeading(page, "Le mie candidature");
  const mine = page.locator("main article.card", { hasText: title });
  await mine.waitFor({ timeout: 15_000 });
  assert.match(await mine.textContent(), /Colloquio/);
  await clean(page, "/applications at 360 px");

  await page.setViewportSize({ width: 1280, height: 900 });
  await clean(page, "/applications at 1280 px");
  assert.deepEqual(errors, []);
  await herContext.close();
});
