// Two jobseekers chat in real time in a room of their agency; one reports the other's message;
// the community manager hides it from the reports queue and it disappears for both, live.
// axe-core checks the room list, the room view and the reports queue.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { expectHeading, launchBrowser, seriousViolations, startServer } from "./support.mjs";

let server;
let browser;

before(async () => {
  // The journeys arrange long histories through the API, faster than anyone may post.
  server = await startServer({ APP_THROTTLE__POSTS_PER_USER_BURST: "200" });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

const PASSWORD = "Sinergia-demo-2026";

// One sign-in per account for the whole file: the login throttle allows an account a few a
// minute, and the journeys here run within one.
const tokens = new Map();

async function token(email) {
  if (!tokens.has(email)) tokens.set(email, await signInForToken(email));
  return tokens.get(email);
}

async function signInForToken(email) {
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
    // Operations that take no body (joining a room) get none.
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
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
  // The room's heading is its name.
  await expectHeading(sara.page, "Rientro al lavoro");
  const giulia = await signedIn("giulia.rossi@sinergia.example", `/community/rooms/${room.id}`);
  await expectHeading(giulia.page, "Rientro al lavoro");

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

  // Giulia reports it, from the message's own actions (named after the message).
  assert.equal(await giulia.page.getByRole("button", { name: /^Segnala/ }).count(), 0, "actions stay closed");
  await giulia.page.getByRole("button", { name: /^Azioni sul messaggio di Sara Bianchi delle \d\d:\d\d$/ }).click();
  await giulia.page.getByRole("button", { name: /^Segnala il messaggio di Sara Bianchi delle \d\d:\d\d$/ }).click();
  await giulia.page.getByLabel("Motivo").selectOption({ label: "Molestie o insulti" });
  await giulia.page.getByLabel("Nota per le moderatrici (facoltativa)").fill("Mi ha insultata.");
  await giulia.page.getByRole("button", { name: "Invia la segnalazione" }).click();
  await giulia.page.getByRole("status").filter({ hasText: "Segnalazione inviata" }).waitFor();

  // Sara softens her message after the report: the moderators still see what she first wrote.
  const saraToken = await token("sara.bianchi@sinergia.example");
  const history = await (await fetch(`${server.base}/api/v1/community/rooms/${room.id}/messages`, {
    headers: { authorization: `Bearer ${saraToken}` },
  })).json();
  const insult = history.messages.find((m) => m.body.includes("stupida"));
  const edited = await fetch(`${server.base}/api/v1/community/rooms/${room.id}/messages/${insult.id}`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bearer ${saraToken}` },
    body: JSON.stringify({ body: "Sì, il nido Arcobaleno." }),
  });
  assert.equal(edited.status, 200);

  // The community manager hides it from the queue.
  const manager = await signedIn("community.milano@sinergia.example", "/staff/moderation");
  await expectHeading(manager.page, "Segnalazioni");
  await manager.page.getByText("Mi ha insultata.").waitFor();
  await manager.page.getByRole("button", { name: "Testi precedenti" }).click();
  await manager.page.getByText("Sì, il nido Arcobaleno. Ma sei proprio una stupida.", { exact: true }).waitFor();
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

test("direct messages, replies, reactions, edits and mentions; the staff's room screens", async () => {
  // Giulia writes to her counsellor from the list of people she can write to.
  const giulia = await signedIn("giulia.rossi@sinergia.example", "/community");
  await expectHeading(giulia.page, "Comunità");
  await giulia.page.getByRole("button", { name: "Scrivi Chiara Ferrari" }).click();
  await giulia.page.waitForURL(/\/community\/rooms\//);
  // A direct conversation is headed by the other person's name, and has no room to leave.
  await expectHeading(giulia.page, "Chiara Ferrari");
  const direct = new URL(giulia.page.url()).pathname;
  const chiara = await signedIn("operatrice.milano@sinergia.example", direct);
  await expectHeading(chiara.page, "Giulia Rossi");
  assert.equal(await giulia.page.getByRole("button", { name: "Esci dalla stanza" }).count(), 0);
  assert.equal(await giulia.page.getByText("Informazioni").count(), 0);

  const first = "Buongiorno, posso spostare il colloquio? L'agenda è su https://example.org/agenda.";
  await giulia.page.getByLabel("Scrivi un messaggio").fill(first);
  await giulia.page.getByLabel("Scrivi un messaggio").press("Enter");
  const link = chiara.page.getByRole("link", { name: "https://example.org/agenda" });
  await link.waitFor({ timeout: 10_000 });
  assert.equal(await link.getAttribute("rel"), "nofollow noopener noreferrer");

  // Chiara answers it as a reply: Giulia sees the quote, live.
  await chiara.page.getByRole("button", { name: /^Azioni sul messaggio di Giulia Rossi/ }).click();
  await chiara.page.getByRole("button", { name: /^Rispondi al messaggio di Giulia Rossi delle \d\d:\d\d$/ }).click();
  await chiara.page.keyboard.type("Certo, giovedì alle 10 va bene?");
  await chiara.page.keyboard.press("Enter");
  await giulia.page.getByText("Certo, giovedì alle 10 va bene?", { exact: true }).waitFor({ timeout: 10_000 });
  await giulia.page.locator("blockquote.chat-quote").filter({ hasText: "Risposta a Giulia Rossi" }).waitFor();

  // Giulia reacts with the keyboard: the message's button opens its actions and takes her to
  // the first; Escape closes them and puts her back on the button; Chiara sees the reaction, live.
  const actions = giulia.page.getByRole("button", { name: /^Azioni sul messaggio di Chiara Ferrari/ });
  await actions.focus();
  await giulia.page.keyboard.press("Enter");
  await giulia.page.waitForFunction(() =>
    document.activeElement?.getAttribute("aria-label")?.startsWith("Rispondi al messaggio di Chiara Ferrari"));
  await giulia.page.keyboard.press("Escape");
  await giulia.page.waitForFunction(() =>
    document.activeElement?.getAttribute("aria-label")?.startsWith("Azioni sul messaggio di Chiara Ferrari"));
  assert.equal(await actions.getAttribute("aria-expanded"), "false");
  await giulia.page.keyboard.press("Enter");
  await giulia.page.getByRole("button", { name: "Reagisci con 👍", exact: true }).focus();
  await giulia.page.keyboard.press("Enter");
  await chiara.page.getByRole("button", { name: /👍 1/ }).waitFor({ timeout: 10_000 });

  // She corrects her first message: edited for both.
  await giulia.page.getByRole("button", { name: /^Azioni sul tuo messaggio delle/ }).click();
  await giulia.page.getByRole("button", { name: /^Modifica il messaggio delle \d\d:\d\d$/ }).click();
  await giulia.page.locator("textarea[id^=edit-]").fill("Buongiorno, posso spostare il colloquio di giovedì?");
  await giulia.page.getByRole("button", { name: "Salva", exact: true }).click();
  await chiara.page.getByText("Buongiorno, posso spostare il colloquio di giovedì?", { exact: true }).waitFor({ timeout: 10_000 });
  await chiara.page.getByText("modificato").first().waitFor();
  assert.deepEqual(await seriousViolations(giulia.page), [], "direct conversation");

  // The community manager creates a private group, adds Giulia, slows it down.
  const elena = await signedIn("community.milano@sinergia.example", "/staff/rooms");
  await expectHeading(elena.page, "Stanze della comunità");
  await elena.page.getByLabel("Tipo").selectOption({ label: "Gruppo privato" });
  await elena.page.getByLabel("Nome (italiano)").fill("Mamme a Rho");
  await elena.page.getByLabel("Nome (inglese)").fill("Mums in Rho");
  await elena.page.getByLabel("Descrizione (italiano)").fill("Un gruppo per chi vive a Rho.");
  await elena.page.getByLabel("Descrizione (inglese)").fill("A group for those living in Rho.");
  await elena.page.getByLabel("Regole (italiano)").fill("Gentilezza sempre.");
  await elena.page.getByLabel("Regole (inglese)").fill("Kindness always.");
  await elena.page.getByRole("button", { name: "Crea la stanza" }).click();
  await elena.page.getByRole("status").filter({ hasText: "Stanza creata." }).waitFor();
  assert.deepEqual(await seriousViolations(elena.page), [], "rooms list and form");
  await elena.page.getByRole("link", { name: "Gestisci Mamme a Rho" }).click();
  await expectHeading(elena.page, "Gestisci");
  await elena.page.getByRole("searchbox").fill("Rossi");
  await elena.page.getByRole("searchbox").press("Enter");
  await elena.page.getByRole("button", { name: "Aggiungi Giulia Rossi" }).click();
  await elena.page.getByRole("status").filter({ hasText: "Fatto" }).waitFor();
  await elena.page.getByLabel("Secondi tra due messaggi della stessa persona (0 = nessun limite)").fill("30");
  await elena.page.locator("#slow-reason").fill("Troppi messaggi di seguito");
  await elena.page.getByRole("button", { name: "Imposta" }).click();
  await elena.page.getByRole("cell", { name: "Troppi messaggi di seguito" }).waitFor({ timeout: 10_000 });
  assert.deepEqual(await seriousViolations(elena.page), [], "room management");

  // Giulia finds the group in her list, and mentions Elena in it by picking her name.
  await giulia.page.goto(`${server.base}/community`);
  await giulia.page.getByRole("link", { name: "Mamme a Rho" }).click();
  await expectHeading(giulia.page, "Mamme a Rho");
  await giulia.page.getByText("Modalità lenta: un messaggio ogni").waitFor();
  await giulia.page.getByLabel("Scrivi un messaggio").fill("Ciao @Ele");
  await giulia.page.getByRole("button", { name: "@Elena Galli" }).click();
  await giulia.page.getByLabel("Scrivi un messaggio").press("End");
  await giulia.page.keyboard.type("ci sei?");
  await giulia.page.keyboard.press("Enter");
  await giulia.page.getByText("Ciao @Elena Galli ci sei?", { exact: true }).waitFor();
  await elena.page.goto(`${server.base}/community`);
  await elena.page.getByRole("link", { name: "Mamme a Rho" }).click();
  await elena.page.locator(".chat-mention").filter({ hasText: "Ciao @Elena Galli ci sei?" }).waitFor();

  // The moderation log and the word filter.
  await elena.page.goto(`${server.base}/staff/moderation/filters`);
  await expectHeading(elena.page, "Filtro parole");
  await elena.page.getByLabel("Parola o espressione").fill("cretina");
  await elena.page.getByLabel("Azione", { exact: true }).selectOption({ label: "Trattieni per revisione" });
  await elena.page.locator("#filter-reason").fill("Insulto ricorrente");
  await elena.page.getByRole("button", { name: "Aggiungi" }).click();
  await elena.page.getByRole("button", { name: "Togli cretina" }).waitFor();
  assert.deepEqual(await seriousViolations(elena.page), [], "word filter");
  await elena.page.goto(`${server.base}/staff/moderation/log`);
  await expectHeading(elena.page, "Registro di moderazione");
  await elena.page.getByRole("cell", { name: "Insulto ricorrente" }).waitFor();
  assert.deepEqual(await seriousViolations(elena.page), [], "moderation log");

  // Archiving a room asks first: dismissed, nothing changes; confirmed, it is archived.
  const archived = async () => {
    const res = await fetch(`${server.base}/api/v1/community/rooms`, {
      headers: { authorization: `Bearer ${await token("community.milano@sinergia.example")}` },
    });
    return (await res.json()).find((r) => r.name.it === "Mamme a Rho").archived;
  };
  await elena.page.goto(`${server.base}/staff/rooms`);
  await elena.page.getByRole("link", { name: "Gestisci Mamme a Rho" }).click();
  await expectHeading(elena.page, "Gestisci");
  await elena.page.locator("#archive-reason").fill("Il gruppo ha concluso il suo percorso");
  const asked = [];
  elena.page.once("dialog", (d) => { asked.push(d.message()); d.dismiss(); });
  await elena.page.getByRole("button", { name: "Archivia la stanza" }).click();
  await elena.page.waitForTimeout(500);
  assert.match(asked[0] ?? "", /^Archiviare la stanza\?/);
  assert.equal(await archived(), false, "dismissed: not archived");
  elena.page.once("dialog", (d) => d.accept());
  await elena.page.getByRole("button", { name: "Archivia la stanza" }).click();
  await elena.page.getByRole("status").filter({ hasText: "Fatto" }).waitFor();
  assert.equal(await archived(), true);

  assert.deepEqual(errors, []);
  for (const c of [giulia, chiara, elena]) await c.context.close();
});

test("older messages load as she scrolls up the room", async () => {
  const cm = await token("community.milano@sinergia.example");
  const room = await api("/community/rooms", cm, {
    kind: "public", topic: "territory",
    name: { it: "Trento e dintorni", en: "Trento and around" },
    description: { it: "Notizie dal territorio.", en: "Local news." },
    rules: { it: "Rispetto.", en: "Respect." },
  });
  for (let i = 1; i <= 45; i++) {
    await api(`/community/rooms/${room.id}/messages`, cm, { client_id: `m${i}`, body: `Notizia numero ${i}` });
  }
  const sara = await signedIn("sara.bianchi@sinergia.example", `/community/rooms/${room.id}`);
  await expectHeading(sara.page, "Trento e dintorni");
  await sara.page.getByText("Notizia numero 45", { exact: true }).waitFor();
  assert.equal(await sara.page.getByText("Notizia numero 1", { exact: true }).count(), 0, "only the newest page");
  await sara.page.locator(".chat-log").evaluate((el) => { el.scrollTop = 0; });
  await sara.page.getByText("Notizia numero 1", { exact: true }).waitFor({ timeout: 10_000 });
  assert.deepEqual(errors, []);
  await sara.context.close();
});
