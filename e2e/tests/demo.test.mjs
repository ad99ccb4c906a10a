// The demo as a newcomer meets it (APP_DEMO_CONTENT): every page of every role at 360 px and
// 1280 px, with axe-core and no page wider than the screen; the skip link; her home naming her
// next step and moving on when she completes it; what waits on the staff homes.
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

test("every page of every role, at 360 px and 1280 px", async () => {
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

  const tours = [
    [null, ["/", "/login", "/register", "/privacy", "/forgot-password"]],
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
        "/account",
      ],
    ],
    ["francesca.villa@sinergia.example", ["/app", `/assessment/attempts/${halfway.id}`]],
    [
      "operatrice.milano@sinergia.example",
      [
        "/staff",
        "/staff/caseload",
        `/staff/jobseekers/${profile.user_id}`,
        "/staff/assessments",
        `/staff/assessments/${queue.items[0].attempt_id}`,
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
    ["admin.milano@sinergia.example", ["/staff", "/staff/accounts", "/staff/framework", "/staff/instruments"]],
  ];
  for (const width of [360, 1280]) {
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
  const history = await counsellor.page.locator("#case-history + ul").innerText();
  assert.match(history, /Canali di contatto preferiti/);
  assert.doesNotMatch(history, /contact_channels|weekly_hours/);

  // The story rating names the competence it rates.
  const queue = await get("/staff/assessments/queue", chiara);
  await counsellor.page.goto(`${server.base}/staff/assessments/${queue.items[0].attempt_id}`);
  const legend = counsellor.page.locator("legend").filter({ hasText: "Quanto mostra questo racconto la competenza:" }).first();
  await legend.waitFor();
  assert.ok((await legend.locator("strong").innerText()).trim().length > 2);
  await counsellor.context.close();
});
