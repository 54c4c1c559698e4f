/**
 * The playground's page, kept tiny (a few KB, no framework, no build): it must load fast on a slow
 * link. Served as three files so the Content-Security-Policy can forbid inline script.
 */
export const PLAYGROUND_HTML = `<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kinlink playground</title>
<link rel="stylesheet" href="/playground/app.css">
<script src="/playground/app.js" defer></script>
</head>
<body>
<header>
  <h1>kinlink playground</h1>
  <p class="note">Try the dialogs as a family would. This is a test space: do not enter real personal data.</p>
  <label>Language <select id="lang" aria-label="Language"></select></label>
  <button id="new" type="button">New conversation</button>
</header>
<main id="chat">
  <ol id="log" aria-live="polite" aria-label="Conversation"></ol>
  <div id="choices" role="group" aria-label="Choices"></div>
  <form id="send">
    <label class="visually-hidden" for="text">Your message</label>
    <input id="text" autocomplete="off" maxlength="4000" placeholder="Write here…" dir="auto">
    <button type="submit">Send</button>
    <button id="loc" type="button">Share location</button>
  </form>
</main>
</body>
</html>
`;

export const PLAYGROUND_CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.4 system-ui,sans-serif;background:#f4f4f2;color:#1b1b1b}
header{padding:.75rem 1rem;background:#0b5cad;color:#fff}header h1{margin:0;font-size:1.2rem}
.note{margin:.25rem 0 .5rem;font-size:.85rem}header label{margin-inline-end:1rem}
main{max-width:40rem;margin:0 auto;padding:1rem;display:flex;flex-direction:column;min-height:80vh}
#log{list-style:none;padding:0;margin:0;flex:1}
#log li{margin:.4rem 0;padding:.5rem .75rem;border-radius:.75rem;max-width:85%;white-space:pre-wrap}
#log li.bot{background:#fff;border:1px solid #ddd}#log li.me{background:#dcecff;margin-inline-start:auto}
#log li.urgent{border:2px solid #b00020;background:#fff5f5}#log .hint{display:block;font-size:.85rem;color:#555}
#choices{display:flex;flex-wrap:wrap;gap:.4rem;margin:.5rem 0}#choices button{padding:.5rem .8rem;border-radius:1rem;border:1px solid #0b5cad;background:#fff;color:#0b5cad;cursor:pointer}
#send{display:flex;gap:.4rem}#text{flex:1;padding:.6rem;font-size:1rem}button{font-size:1rem}
button:focus,input:focus,select:focus{outline:3px solid #ffbf47}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
`;

export const PLAYGROUND_JS = `"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const log = $("log"), choices = $("choices"), text = $("text"), langSelect = $("lang");
  let session = sessionStorage.getItem("kinlink.session");
  let lastId = Number(sessionStorage.getItem("kinlink.after") || 0);
  let stream;
  const token = () => (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2)).replace(/[^A-Za-z0-9-]/g, "");

  function add(kind, body, hint, dir, urgent) {
    const li = document.createElement("li");
    li.className = kind + (urgent ? " urgent" : "");
    li.dir = dir || "auto";
    li.textContent = body;
    if (hint) { const small = document.createElement("span"); small.className = "hint"; small.textContent = hint; li.appendChild(small); }
    log.appendChild(li);
    li.scrollIntoView({ block: "end" });
  }

  function showChoices(list, dir) {
    choices.textContent = "";
    choices.dir = dir || "auto";
    for (const choice of list) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = choice.label;
      button.addEventListener("click", () => { add("me", choice.label); send({ type: "choice", id: choice.id }); });
      choices.appendChild(button);
    }
  }

  async function send(input) {
    choices.textContent = "";
    const response = await fetch("/playground/api/messages", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ session, id: token(), input, lang: langSelect.value || undefined }),
    });
    if (!response.ok) add("bot", "(The message could not be sent: " + response.status + ")");
  }

  function listen() {
    if (stream) stream.close();
    stream = new EventSource("/playground/api/stream?session=" + encodeURIComponent(session) + "&after=" + lastId);
    stream.onmessage = (event) => {
      lastId = Number(event.lastEventId) || lastId;
      sessionStorage.setItem("kinlink.after", String(lastId));
      const m = JSON.parse(event.data);
      // The conversation follows the person's language; the page around it stays as it is.
      const chat = $("chat");
      chat.dir = m.direction;
      chat.lang = m.lang;
      add("bot", m.text, m.hint, m.direction, m.urgent);
      showChoices(m.choices, m.direction);
    };
  }

  function start() {
    session = token();
    lastId = 0;
    sessionStorage.setItem("kinlink.session", session);
    sessionStorage.setItem("kinlink.after", "0");
    log.textContent = "";
    listen();
    send({ type: "text", text: "/start" });
  }

  $("send").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = text.value.trim();
    if (!value) return;
    add("me", value);
    text.value = "";
    send({ type: "text", text: value });
  });
  $("new").addEventListener("click", start);
  $("loc").addEventListener("click", () => {
    const share = (latitude, longitude) => { add("me", "📍 " + latitude.toFixed(4) + ", " + longitude.toFixed(4)); send({ type: "location", latitude, longitude }); };
    if (navigator.geolocation) navigator.geolocation.getCurrentPosition((p) => share(p.coords.latitude, p.coords.longitude), () => share(-1.6792, 29.2228));
    else share(-1.6792, 29.2228);
  });

  fetch("/playground/api/info").then((r) => r.json()).then((info) => {
    for (const l of info.languages) {
      const option = document.createElement("option");
      option.value = l.code; option.textContent = l.name; option.dir = l.direction;
      langSelect.appendChild(option);
    }
    const saved = sessionStorage.getItem("kinlink.lang");
    if (saved) langSelect.value = saved;
    langSelect.addEventListener("change", () => sessionStorage.setItem("kinlink.lang", langSelect.value));
    if (session) listen(); else start();
  });
})();
`;
