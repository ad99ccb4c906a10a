// The demo as a newcomer meets it (APP_DEMO_CONTENT): every page of every role at 320, 360 and
// 1280 px, with axe-core and no page wider than the screen; the skip link; her home naming her
// next step and moving on when she completes it; a room on a phone; what waits on the staff homes.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { expectHeading, launchBrowser, seriousViolations, startServer } from "./support.mjs";

let server;
let browser;
const PASSWORD = "Sinergia-demo-2026";

before(async () => {
  server = await startServer({ APP_DEMO_CONTENT: "true" });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

async function login(email, password = PASSWORD) {
  const res = await fetch(`${server.base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password, refresh_token_in_body: true }),
  });
  assert.equal(res.status, 200, `login of ${email}`);
  return (await res.json()).access_token;
}

async function get(path, token) {
  const res = await fetch(`${server.base}/api/v1${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(res.status, 200, path);
  return res.json();
}

async function signedIn(email, width) {
  const context = await browser.newContext({
    viewport: { width, height: width < 768 ? 740 : 900 },
    reducedMotion: "reduce",
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("response", (r) => r.status() >= 500 && errors.push(`${r.status()} ${r.request().method()} ${r.url()}`));
  if (email) {
    await page.goto(`${server.base}/login`);
    await expectHeading(page, "Accedi");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 15_000 });
  }
  return { context, page, errors };
}

/** Opens `path`, waits until its data is in, and checks it: axe, and nothing wider than the screen. */
async function visit(page, path, width) {
  await page.goto(`${server.base}${path}`);
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(
    () => !document.querySelector("main [role=status]")?.textContent?.match(/Caricamento/),
    null,
    { timeout: 15_000 },
  );
  const h1 = (await page.textContent("h1"))?.trim() ?? "";
  assert.ok(h1 && h1 !== "Pagina non trovata", `${path}: heading "${h1}"`);
  assert.equal(await page.getByText("Questa pagina non è disponibile per il tuo ruolo.").count(), 0, `${path}: allowed`);
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  assert.ok(scroll <= inner, `${path} at ${width} px is ${scroll} px wide`);
  assert.deepEqual(await seriousViolations(page), [], `${path} at ${width} px`);
}

test("every page of every role, at 320, 360 and 1280 px", async () => {
  const giulia = await login("giulia.rossi@sinergia.example");
  const francesca = await login("francesca.villa@sinergia.example");
  const chiara = await login("operatrice.milano@sinergia.example");
  const elena = await login("community.milano@sinergia.example");

  const [validated] = await get("/assessment/attempts", giulia);
  const [halfway] = await get("/assessment/attempts", francesca);
  const rooms = await get("/community/rooms", giulia);
  const room = rooms.find((r) => r.kind === "public");
  const direct = rooms.find((r) => r.kind === "direct");
  const profile = await get("/me/profile", giulia);
  const queue = await get("/staff/assessments/queue", chiara);
  const managed = (await get("/community/rooms", elena)).find((r) => r.kind === "public");
  const admin = await login("admin.milano@sinergia.example");
  const [service] = (await get("/catalogue/services?page_size=1", admin)).items;
  const [opportunity] = (await get("/me/opportunities?page_size=1", giulia)).items;
  const sara = await login("sara.bianchi@sinergia.example");
  const [applied] = await get("/me/applications", sara);

  const tours = [
    [null, ["/", "/login", "/register", "/privacy", "/forgot-password", "/employers/join"]],
    [
      "giulia.rossi@sinergia.example",
      [
        "/app",
        "/profile",
        ...["about-me", "household", "conciliation", "education", "work-history", "availability", "goals"].map(
          (s) => `/profile/${s}`,
        ),
        "/profile/summary",
        "/assessment",
        `/assessment/attempts/${validated.id}`,
        "/community",
        `/community/rooms/${room.id}`,
        `/community/rooms/${direct.id}`,
        "/services",
        "/week",
        "/opportunities",
        `/opportunities/${opportunity.opportunity.id}`,
        "/applications",
        "/notifications",
        "/account",
      ],
    ],
    ["francesca.villa@sinergia.example", ["/app", `/assessment/attempts/${halfway.id}`, "/applications", "/notifications"]],
    [
      "impresa.milano@sinergia.example",
      ["/staff/opportunities", `/staff/opportunities/${applied.opportunity_id}`, "/staff/employers", "/notifications", "/account"],
    ],
    [
      "operatrice.milano@sinergia.example",
      [
        "/staff",
        "/staff/caseload",
        `/staff/jobseekers/${profile.user_id}`,
        "/staff/assessments",
        `/staff/assessments/${queue.items[0].attempt_id}`,
        "/staff/opportunities",
        `/staff/opportunities/${applied.opportunity_id}`,
        "/community",
        "/account",
      ],
    ],
    [
      "community.milano@sinergia.example",
      [
        "/staff",
        "/staff/moderation",
        "/staff/moderation/log",
        "/staff/moderation/filters",
        "/staff/rooms",
        `/staff/rooms/${managed.id}`,
        `/community/rooms/${managed.id}`,
      ],
    ],
    [
      "admin.milano@sinergia.example",
      [
        "/staff",
        "/staff/catalogue",
        "/staff/catalogue/providers",
        "/staff/catalogue/contributions",
        "/staff/employers",
        "/staff/catalogue/services/new",
        `/staff/catalogue/services/${service.id}`,
        "/staff/accounts",
        "/staff/framework",
        "/staff/instruments",
        "/notifications",
      ],
    ],
  ];
  for (const width of [320, 360, 1280]) {
    for (const [email, paths] of tours) {
      const { context, page, errors } = await signedIn(email, width);
      for (const path of paths) {
        await visit(page, path, width);
      }
      assert.deepEqual(errors, [], `${email ?? "anonymous"} at ${width} px: console errors`);
      await context.close();
    }
  }
});

test("the skip link moves focus to the main content", async () => {
  const { context, page } = await signedIn(null, 360);
  await page.goto(`${server.base}/login`);
  await expectHeading(page, "Accedi");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.className), "visually-hidden-focusable skip-link");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "main");
  assert.match(page.url(), /\/login$/);
  await context.close();
});

test("a new jobseeker's home names her next step and moves on when she takes it", async () => {
  const email = `nuova-${Date.now()}@example.org`;
  const res = await fetch(`${server.base}/api/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      email,
      password: "una frase lunga e mia",
      name: "Nadia Nuova",
      agency_id: (await (await fetch(`${server.base}/api/v1/agencies`)).json())[0].id,
      language: "it",
      privacy_notice_version: "2026-11",
      accept_privacy_notice: true,
    }),
  });
  assert.equal(res.status, 201, await res.text());

  const { context, page } = await signedIn(null, 360);
  await page.goto(`${server.base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("una frase lunga e mia");
  await page.keyboard.press("Enter");
  await expectHeading(page, "La mia area");
  const next = page.locator(".next-step");
  await next.getByText("Il profilo").waitFor();
  await next.getByRole("link", { name: "Continua con: Su di me" }).waitFor();
  // Her agency's rooms are there to join.
  await page.getByText("Stanze della tua agenzia da scoprire: 3.").waitFor();

  // She completes "About me": the next step is the next section.
  const token = await login(email, "una frase lunga e mia");
  const saved = await fetch(`${server.base}/api/v1/me/profile/about-me`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "if-match": '"0"' },
    body: JSON.stringify({
      municipality: "015146",
      languages: [{ language: "it", level: "native" }],
      contact_channels: ["email", "phone"],
      phone: "+39 333 765 4321",
      contact_times: ["morning"],
    }),
  });
  assert.equal(saved.status, 200, await saved.text());
  await page.reload();
  await expectHeading(page, "La mia area");
  await next.getByRole("link", { name: "Continua con: Famiglia e cura" }).waitFor();
  assert.deepEqual(await seriousViolations(page), [], "her home");

  // She joins a room of her agency: the button names the room.
  await page.goto(`${server.base}/community`);
  await expectHeading(page, "Comunità");
  await page.getByRole("button", { name: "Entra nella stanza Conciliare lavoro e famiglia", exact: true }).click();
  await page.getByRole("link", { name: "Conciliare lavoro e famiglia" }).click();
  await expectHeading(page, "Conciliare lavoro e famiglia");
  await page.getByLabel("Scrivi un messaggio").waitFor();
  await context.close();
});

test("a room on a phone reads like a messaging app", async () => {
  const token = await login("giulia.rossi@sinergia.example");
  const rooms = await get("/community/rooms", token);
  const theme = rooms.find((r) => r.name.it === "Conciliare lavoro e famiglia");
  const direct = rooms.find((r) => r.kind === "direct");
  const height = 740;
  const context = await browser.newContext({
    viewport: { width: 360, height },
    hasTouch: true,
    isMobile: true,
    reducedMotion: "reduce",
  });
  const page = await context.newPage();
  await page.goto(`${server.base}/login`);
  await page.getByLabel("Email").fill("giulia.rossi@sinergia.example");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Accedi" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));

  await page.goto(`${server.base}/community/rooms/${theme.id}`);
  await expectHeading(page, "Conciliare lavoro e famiglia");
  await page.locator(".chat-mine").first().waitFor();
  // The log fills the screen; the composer sits at its bottom edge (once the room's header is in).
  await page.waitForFunction((h) => {
    const r = document.querySelector(".room-foot").getBoundingClientRect();
    return r.bottom <= h && r.bottom >= h - 40;
  }, height, { timeout: 5_000 }).catch(() => {});
  const foot = await page.locator(".room-foot").boundingBox();
  assert.ok(foot.y + foot.height <= height && foot.y + foot.height >= height - 40, `composer ends at ${foot.y + foot.height}`);
  const log = await page.locator(".chat-log").boundingBox();
  assert.ok(log.height >= height * 0.4, `log ${log.height} px high`);
  // Hers on the right, the others' on the left.
  const mine = await page.locator(".chat-mine .chat-bubble").first().boundingBox();
  const theirs = await page.locator(".chat-message:not(.chat-mine) .chat-bubble").first().boundingBox();
  assert.ok(mine.x + mine.width > theirs.x + theirs.width + 20 && mine.x > theirs.x, "her bubbles to the right");
  // One person's consecutive messages are grouped under one name; a line names the day.
  const others = page.locator(".chat-message:not(.chat-mine)");
  assert.ok((await page.locator(".chat-continues").count()) >= 1, "grouped messages");
  assert.equal(await page.locator(".chat-continues .chat-sender").count(), 0);
  assert.ok((await others.locator(".chat-sender").count()) >= 1);
  assert.ok((await page.locator(".chat-day").count()) >= 2, "a line per day");
  // No row of actions under each message: one button per message.
  assert.equal(await page.getByRole("button", { name: /^Rispondi/ }).count(), 0);
  assert.equal(
    await page.locator(".chat-more").count(),
    await page.locator(".chat-message").count() - await page.locator(".chat-message .fst-italic").count(),
  );
  // Enter makes a new line on a touch screen; the button sends.
  const box = page.getByLabel("Scrivi un messaggio");
  await box.click();
  await box.fill("Prima riga");
  await box.press("Enter");
  await page.keyboard.type("seconda riga");
  assert.equal(await box.inputValue(), "Prima riga\nseconda riga");
  assert.equal(await page.locator(".chat-log").getByText("Prima riga").count(), 0, "nothing sent yet");
  await page.getByRole("button", { name: "Invia", exact: true }).click();
  await page.locator(".chat-mine").filter({ hasText: "seconda riga" }).waitFor();
  assert.equal(await box.inputValue(), "");
  // The room's description, rules, people and "leave" are behind "Informazioni".
  await page.getByText("Informazioni").click();
  await page.getByRole("button", { name: "Esci dalla stanza" }).waitFor();
  assert.deepEqual(await seriousViolations(page), [], "room on a phone");
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  assert.ok(scroll <= inner, `room at 360 px is ${scroll} px wide`);

  // A direct conversation: the counsellor's name heads it; nothing to leave.
  await page.goto(`${server.base}/community/rooms/${direct.id}`);
  await expectHeading(page, "Chiara Ferrari");
  await page.locator(".chat-message").first().waitFor();
  assert.equal(await page.getByText("Informazioni").count(), 0);
  assert.equal(await page.getByRole("button", { name: "Esci dalla stanza" }).count(), 0);
  await context.close();
});

test("the staff homes show what waits for each role", async () => {
  const manager = await signedIn("community.milano@sinergia.example", 1280);
  await expectHeading(manager.page, "Area operatori");
  await manager.page.getByText("Segnalazioni da gestire: 1").waitFor();
  // Only what she can open: no caseload, no accounts.
  assert.equal(await manager.page.getByRole("link", { name: "Le persone che seguo" }).count(), 0);
  await manager.page.getByRole("link", { name: "Stanze della comunità" }).click();
  await expectHeading(manager.page, "Stanze della comunità");
  await manager.context.close();

  const counsellor = await signedIn("operatrice.milano@sinergia.example", 360);
  await expectHeading(counsellor.page, "Area operatori");
  await counsellor.page.getByText("Valutazioni da convalidare: 1").waitFor();
  await counsellor.page.getByText("Messaggi diretti non letti: 1").waitFor();
  assert.equal(await counsellor.page.getByRole("link", { name: "Moderazione" }).count(), 0);

  // Staff words: her answers named in the third person, the change history by field name.
  const chiara = await login("operatrice.milano@sinergia.example");
  const giulia = await get("/me/profile", await login("giulia.rossi@sinergia.example"));
  await counsellor.page.goto(`${server.base}/staff/jobseekers/${giulia.user_id}`);
  await expectHeading(counsellor.page, "Scheda della persona");
  await counsellor.page.getByText("Chi la aiuta nella cura", { exact: true }).waitFor();
  // The history comes in its own request: wait for its first entry.
  await counsellor.page.locator("#case-history + ul li").first().waitFor({ timeout: 15_000 });
  const history = await counsellor.page.locator("#case-history + ul").innerText();
  assert.match(history, /Canali di contatto preferiti/);
  assert.doesNotMatch(history, /contact_channels|weekly_hours/);
  // Her saved services, looked at on purpose (the look is recorded).
  await counsellor.page.getByRole("button", { name: "Vedi i servizi salvati" }).click();
  await counsellor.page.getByText("Non ha ancora salvato servizi.").waitFor({ timeout: 10_000 });

  // The story rating names the competence it rates.
  const queue = await get("/staff/assessments/queue", chiara);
  await counsellor.page.goto(`${server.base}/staff/assessments/${queue.items[0].attempt_id}`);
  const legend = counsellor.page.locator("legend").filter({ hasText: "Quanto mostra questo racconto la competenza:" }).first();
  await legend.waitFor();
  assert.ok((await legend.locator("strong").innerText()).trim().length > 2);
  await counsellor.context.close();
});
