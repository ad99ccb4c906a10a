// A jobseeker takes the whole seeded questionnaire in Italian with the keyboard only, leaves
// half way and resumes where she was, reviews and submits, and sees her chart; her counsellor
// rates the stories and validates; she downloads her portfolio PDF, whose text names her
// strongest competence first. axe-core checks a question page of each kind, the review, the
// results, the validation queue and review form, and the page an employer opens from a link.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { extractText, getDocumentProxy } from "unpdf";
import { expectHeading, launchBrowser, seriousViolations, startServer, tabTo } from "./support.mjs";

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

async function api(path, token, init = {}) {
  const res = await fetch(`${server.base}/api/v1${path}`, {
    ...init,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
  });
  assert.ok(res.ok, `${path}: ${res.status} ${await res.clone().text()}`);
  return res.json();
}

async function signIn(page, email, password) {
  await page.goto(`${server.base}/login`);
  await expectHeading(page, "Accedi");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 15_000 });
}

/** Presses Enter on the element with `id`, reached by Tab. */
async function activate(page, id) {
  await tabTo(page, id, 80);
  await page.keyboard.press("Enter");
}

/** The question counter ("Domanda 5 di 41"). */
async function expectQuestion(page, n, total) {
  await page.getByText(`Domanda ${n} di ${total}`, { exact: true }).waitFor({ timeout: 15_000 });
  // The new question's heading (or, on arrival, the page's) has the focus, so keyboard users
  // start from it.
  await page.waitForFunction(
    () => ["question-prompt", "page-title"].includes(document.activeElement?.id),
    null,
    { timeout: 5_000 },
  );
}

/** Checks radio `index` (0-based) of a group reached by Tab: Space on the first, arrows on. */
async function pickRadio(page, firstId, index) {
  await tabTo(page, firstId, 20);
  if (index === 0) {
    await page.keyboard.press("Space");
  } else {
    for (let i = 0; i < index; i++) await page.keyboard.press("ArrowRight");
  }
}

const EMAIL = "marta.competenze@example.org";
const PASSWORD = "una frase lunga e mia";

test("she takes the questionnaire by keyboard, resumes, submits; her counsellor validates; the PDF names her strength", async () => {
  const agencies = await (await fetch(`${server.base}/api/v1/agencies`)).json();
  const milano = agencies.find((a) => a.slug === "milano");
  const created = await fetch(`${server.base}/api/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      email: EMAIL, password: PASSWORD, name: "Marta Competenze", agency_id: milano.id,
      language: "it", privacy_notice_version: "2026-11", accept_privacy_notice: true,
    }),
  });
  assert.equal(created.status, 201);
  const login = await (await fetch(`${server.base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD, refresh_token_in_body: true }),
  })).json();

  // What she will answer: the competence of the first item is the one she shows most (the top
  // of the scale, or its bottom on a reverse-keyed item, the option that gives it most points);
  // every other answer is in the middle, so that competence is her strongest.
  const [summary] = await api("/assessment/instruments", login.access_token);
  const instrument = await api(`/assessment/instruments/${summary.id}`, login.access_token);
  const framework = await (await fetch(`${server.base}/api/v1/competencies`)).json();
  const items = instrument.items;
  const total = items.length;
  const target = items[0].competences[0];
  const targetName = framework.competences.find((c) => c.code === target).name.it;
  const plan = items.map((item) => {
    const mine = item.competences.includes(target);
    if (item.kind === "self_rating") {
      const top = item.reverse_keyed ? 0 : 4;
      return mine ? { home: top, work: top } : { home: 2, work: 2 };
    }
    if (item.kind === "situational_choice") {
      const pointsFor = (o, code) => o.scores.filter((s) => s.code === code).reduce((a, s) => a + s.points, 0);
      const others = (o) => o.scores.filter((s) => s.code !== target).reduce((a, s) => a + s.points, 0);
      const ranked = item.options.map((o, i) => ({ i, mine: pointsFor(o, target), others: others(o) }));
      ranked.sort(mine ? (a, b) => b.mine - a.mine || a.others - b.others : (a, b) => a.others - b.others || a.mine - b.mine);
      return { option: ranked[0].i };
    }
    return { story: true };
  });

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: "reduce" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.text().includes("panicked") && errors.push(m.text()));
  await signIn(page, EMAIL, PASSWORD);
  await page.goto(`${server.base}/assessment`);
  await expectHeading(page, "Le mie competenze");
  assert.deepEqual(await seriousViolations(page), [], "questionnaires");
  await activate(page, `start-${summary.key}`);

  const checked = new Set();
  async function answer(n) {
    const item = items[n];
    const p = plan[n];
    await expectQuestion(page, n + 1, total);
    if (item.kind === "self_rating") {
      await pickRadio(page, `home-${item.id}-1`, p.home);
      await pickRadio(page, `work-${item.id}-1`, p.work);
    } else if (item.kind === "situational_choice") {
      await pickRadio(page, `option-${item.id}-${item.options[0].key}`, p.option);
    } else {
      const parts = [
        "Mio figlio si è rotto un braccio il giorno di un colloquio di mia sorella.",
        "Ho organizzato i turni con i nonni, spostato le visite e tenuto tutti informati.",
        "Tutti sono arrivati dove dovevano; ho imparato a chiedere aiuto per tempo.",
      ];
      for (let k = 0; k < 3; k++) {
        await tabTo(page, `story-${item.id}-${k}`, 20);
        await page.keyboard.type(parts[k]);
      }
    }
    if (!checked.has(item.kind)) {
      checked.add(item.kind);
      assert.deepEqual(await seriousViolations(page), [], `question page (${item.kind})`);
    }
    await activate(page, "as-next");
  }

  // The first half, then she leaves; her last answer is saved on the way out.
  const half = Math.floor(total / 2);
  for (let n = 0; n < half; n++) await answer(n);
  await expectQuestion(page, half + 1, total);
  await activate(page, "as-leave");
  await expectHeading(page, "Le mie competenze");
  await page.getByText(`Riprendi da dove eri (${half}/${total})`).waitFor();
  // Later, from a fresh page load, she resumes at the first question she had not answered.
  await page.reload();
  await expectHeading(page, "Le mie competenze");
  await activate(page, `resume-${summary.key}`);
  for (let n = half; n < total; n++) await answer(n);

  // The review lists every answer; she submits and confirms.
  await page.getByRole("heading", { name: "Riepilogo delle risposte" }).waitFor();
  assert.equal(await page.getByText("Senza risposta", { exact: true }).count(), 0, "every question answered");
  assert.deepEqual(await seriousViolations(page), [], "review");
  await activate(page, "as-submit");
  await page.waitForFunction(() => document.activeElement?.id === "as-confirm-submit");
  await page.keyboard.press("Enter");
  await expectHeading(page, "I tuoi risultati");
  const chart = page.locator('svg[role="img"]');
  await chart.waitFor();
  assert.equal(await page.locator("table tbody tr").count(), framework.competences.length);
  const rows = await page.locator("table tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector("th").textContent.trim(), Number(tr.querySelectorAll("td")[0].textContent)]));
  const best = rows.reduce((a, b) => (b[1] > a[1] ? b : a));
  assert.equal(best[0], targetName, `strongest in the table: ${JSON.stringify(rows)}`);
  assert.match(await chart.getAttribute("aria-labelledby"), /chart-title/);
  await page.getByRole("heading", { name: "I tuoi punti di forza" }).waitFor();
  assert.equal(await page.locator("ol li p.fw-semibold").first().textContent(), targetName);
  await page.getByText("In attesa di convalida").first().waitFor();
  assert.deepEqual(await seriousViolations(page), [], "results");
  const resultsUrl = page.url();

  // Her counsellor finds her in the queue, rates the stories and validates the computed levels.
  const staff = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const sp = await staff.newPage();
  sp.on("pageerror", (e) => errors.push(String(e)));
  sp.on("console", (m) => m.text().includes("panicked") && errors.push(m.text()));
  await signIn(sp, "operatrice.milano@sinergia.example", "Sinergia-demo-2026");
  await sp.goto(`${server.base}/staff/assessments`);
  await expectHeading(sp, "Convalida delle competenze");
  assert.deepEqual(await seriousViolations(sp), [], "validation queue");
  await sp.getByRole("link", { name: "Marta Competenze" }).click();
  await expectHeading(sp, "Esame della valutazione");
  for (const item of items.filter((i) => i.kind === "evidence_story")) {
    await sp.locator(`label[for="rating-${item.id}-2"]`).click();
  }
  assert.deepEqual(await seriousViolations(sp), [], "review form");
  await sp.getByRole("button", { name: "Convalida" }).click();
  await sp.getByRole("status").filter({ hasText: "Convalidato da Chiara Ferrari" }).waitFor();
  await staff.close();

  // She sees the validation and downloads her portfolio.
  await page.goto(resultsUrl);
  await page.getByRole("heading", { name: "Convalida della consulente" }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Scarica il PDF" }).click(),
  ]);
  const bytes = fs.readFileSync(await download.path());
  assert.equal(bytes.subarray(0, 5).toString(), "%PDF-");
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  assert.match(text, /Portfolio delle competenze/);
  assert.match(text, /Marta Competenze/);
  const first = framework.competences
    .map((c) => [c.name.it, text.indexOf(`${c.name.it} — `)])
    .filter(([, at]) => at >= 0)
    .sort((a, b) => a[1] - b[1])[0][0];
  assert.equal(first, targetName, "her strongest competence comes first in the PDF");

  // A share link: an employer opens it without an account.
  await page.getByRole("button", { name: "Crea un link" }).click();
  const url = await page.locator("#share-url").inputValue();
  assert.match(url, /\/portfolio\/shared#token=/);
  const employer = await browser.newContext();
  const ep = await employer.newPage();
  await ep.goto(url.replace(/^https?:\/\/[^/]+/, server.base));
  await expectHeading(ep, "Portfolio delle competenze");
  await ep.getByText("Marta Competenze").waitFor();
  assert.deepEqual(await seriousViolations(ep), [], "shared portfolio");
  await employer.close();

  assert.deepEqual(errors, []);
  await context.close();
});

test("an admin publishes a new framework version and sees the questionnaire versions", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.text().includes("panicked") && errors.push(m.text()));
  await signIn(page, "admin.milano@sinergia.example", "Sinergia-demo-2026");
  await page.goto(`${server.base}/staff/framework`);
  await expectHeading(page, "Quadro delle competenze");
  await page.getByText("Stai modificando la versione 1").waitFor();
  assert.deepEqual(await seriousViolations(page), [], "framework editor");

  // A broken ESCO group is refused at its field; nothing is published.
  const last = (await page.locator("details").count()) - 1;
  await page.locator("details summary").nth(last).click();
  await page.locator(`#fw-${last}-esco_code`).fill("X9");
  await page.getByRole("button", { name: "Pubblica come nuova versione" }).click();
  await page.getByText("Un gruppo di competenze trasversali ESCO, come T2 o T2.2.").waitFor();
  assert.equal(await page.locator(`#fw-${last}-esco_code`).getAttribute("aria-invalid"), "true");
  assert.deepEqual(await seriousViolations(page), [], "framework editor with errors");

  // Fixed and renamed: version 2, and the public framework says so.
  await page.locator(`#fw-${last}-esco_code`).fill("T2.2");
  await page.locator(`#fw-${last}-name-it`).fill("Prendere decisioni");
  await page.getByRole("button", { name: "Pubblica come nuova versione" }).click();
  await page.getByRole("status").filter({ hasText: "Pubblicata la versione 2" }).waitFor();
  const framework = await (await fetch(`${server.base}/api/v1/competencies`)).json();
  assert.equal(framework.version, 2);
  assert.equal(framework.competences.at(-1).name.it, "Prendere decisioni");

  await page.goto(`${server.base}/staff/instruments`);
  await expectHeading(page, "Questionari");
  await page.getByRole("cell", { name: "Pubblicato", exact: false }).first().waitFor();
  assert.deepEqual(await seriousViolations(page), [], "questionnaire versions");
  // A new version drafted from the published one: a broken draft names the place to fix; a
  // good one is listed as version 2, a draft.
  await page.getByRole("button", { name: "Nuova versione da questa" }).click();
  const editor = page.getByLabel("La bozza (JSON)");
  const draft = JSON.parse(await editor.inputValue());
  assert.equal(draft.items.length, 41);
  draft.items[0].competences = ["NOPE"];
  await editor.fill(JSON.stringify(draft));
  await page.getByRole("button", { name: "Salva la bozza" }).click();
  await page.locator("code", { hasText: "/items/0/competences/0" }).waitFor();
  assert.deepEqual(await seriousViolations(page), [], "draft editor with errors");
  draft.items[0].competences = ["C1"];
  draft.title.it = "Le competenze della cura (rivisto)";
  await editor.fill(JSON.stringify(draft));
  await page.getByRole("button", { name: "Salva la bozza" }).click();
  const row = page.getByRole("row").filter({ hasText: "Le competenze della cura (rivisto)" });
  await row.getByRole("cell", { name: "Bozza", exact: true }).waitFor();
  assert.equal((await row.getByRole("cell").first().textContent()).trim(), "2");
  assert.deepEqual(errors, []);
  await context.close();
});

test("another agency's admin reads the framework and the questionnaires but changes neither", async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await signIn(page, "admin.trento@sinergia.example", "Sinergia-demo-2026");
  const note = "li modificano solo le persone incaricate dal programma";
  await page.goto(`${server.base}/staff/instruments`);
  await expectHeading(page, "Questionari");
  await page.getByText(note, { exact: false }).waitFor();
  await page.getByRole("cell", { name: "Pubblicato", exact: false }).first().waitFor();
  for (const name of ["Ritira", "Pubblica", "Nuova versione da questa", "Modifica la bozza"]) {
    assert.equal(await page.getByRole("button", { name }).count(), 0, `no ${name} button`);
  }
  assert.deepEqual(await seriousViolations(page), [], "questionnaires, read only");
  await page.goto(`${server.base}/staff/framework`);
  await expectHeading(page, "Quadro delle competenze");
  await page.getByText(note, { exact: false }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Pubblica come nuova versione" }).count(), 0);
  assert.deepEqual(await seriousViolations(page), [], "framework, read only");
  assert.deepEqual(errors, []);
  await context.close();
});
