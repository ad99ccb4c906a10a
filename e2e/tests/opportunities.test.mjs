// Opportunities on a phone (360 px): her counsellor publishes a part-time traineeship for an
// employer of the network; Giulia (validated assessment) finds it among her ranked
// opportunities with the reasons of its score, opens it and applies by keyboard sharing her
// portfolio only; the employer's side reads her portfolio and nothing else she did not tick,
// and on the opportunity's board moves her to interview by keyboard; she sees it in her
// applications. axe-core clean on each page.
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

test("a traineeship is published, ranked for her, applied to and moved to interview", async () => {
  const chiara = await login("operatrice.milano@sinergia.example");
  const employers = (await api("/employers", chiara)).items;
  const employer = employers.find((e) => e.name.startsWith("Cooperativa"));
  const closes = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  const title = "Tirocinio part-time in biblioteca";
  const draft = await api("/opportunities", chiara, {
    method: "POST",
    body: JSON.stringify({
      employer_id: employer.id,
      title,
      description: "Prestiti, scaffali e letture per i più piccoli, il mattino.",
      contract: "traineeship",
      stipend_cents_per_month: 60000,
      duration_months: 6,
      weekly_hours: 20,
      hours: ["mon", "tue", "wed", "thu", "fri"].map((day) => ({ day, opens: "09:00", closes: "13:00" })),
      municipality: "015146",
      mode: "on_site",
      sought: [{ code: "C1", level: "developing" }, { code: "S2", level: "developing" }],
      languages: ["it"],
      closes_on: closes,
      places: 1,
    }),
  });
  await api(`/opportunities/${draft.id}/publish`, chiara, { method: "POST" });

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

  // Her opportunities, ranked, each with its score explained.
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

  // The employer's side: her portfolio, her note, nothing she did not tick.
  const [applicant] = await api(`/opportunities/${draft.id}/applicants`, chiara);
  assert.equal(applicant.name, "Giulia Rossi");
  assert.ok(applicant.portfolio?.competences?.length > 0, "her validated portfolio");
  assert.equal(applicant.contact, undefined);
  assert.equal(applicant.availability, undefined);
  assert.match(applicant.note, /biblioteca/);

  // Her counsellor, on the employer's side of the page: opens her portfolio and invites her to
  // an interview by keyboard.
  const staff = await browser.newContext({ viewport: { width: 360, height: 740 }, reducedMotion: "reduce" });
  const board = await staff.newPage();
  board.on("pageerror", (e) => errors.push(String(e)));
  await board.goto(`${server.base}/login`);
  await expectHeading(board, "Accedi");
  await board.getByLabel("Email").fill("operatrice.milano@sinergia.example");
  await board.getByLabel("Password").fill("Sinergia-demo-2026");
  await board.keyboard.press("Enter");
  await board.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 15_000 });
  await board.goto(`${server.base}/staff/opportunities/${draft.id}`);
  await expectHeading(board, title);
  const received = board.locator("section[aria-labelledby=col-received] article");
  await received.first().waitFor({ timeout: 15_000 });
  assert.match(await received.first().textContent(), /Giulia Rossi/);
  await received.first().locator("summary").click();
  assert.match(await received.first().textContent(), /Gestione del tempo/, "her portfolio's competences");
  await clean(board, "the applicants board at 360 px");
  const invite = board.getByRole("button", { name: "Invita a colloquio Giulia Rossi" });
  await invite.focus();
  await board.keyboard.press("Enter");
  await board.locator("section[aria-labelledby=col-interview] article", { hasText: "Giulia Rossi" }).waitFor({ timeout: 15_000 });
  await staff.close();

  // She sees the interview.
  await page.getByRole("link", { name: "Le mie candidature" }).first().click();
  await expectHeading(page, "Le mie candidature");
  const mine = page.locator("main article.card", { hasText: title });
  await mine.waitFor({ timeout: 15_000 });
  assert.match(await mine.textContent(), /Colloquio/);
  await clean(page, "/applications at 360 px");

  await page.setViewportSize({ width: 1280, height: 900 });
  await clean(page, "/applications at 1280 px");
  assert.deepEqual(errors, []);
  await context.close();
});
