"use strict";
// Live transcript and replies without reload. New lines come from the conversation's event stream
// (/api/v1/escalations/:id/events); a burst is announced once as a count, never with its text.
// The reply form posts to the same URL as without script, asking for a status instead of a page.
(() => {
  const list = document.getElementById("transcript");
  const form = document.getElementById("reply-form");
  const announce = document.getElementById("announce");
  const csrf = document.querySelector('meta[name="csrf-token"]');
  const timeFormat = new Intl.DateTimeFormat(document.documentElement.lang || "en", { dateStyle: "medium", timeStyle: "short" });
  let pending = 0, timer;

  function addLine(line) {
    const empty = list.querySelector(".empty");
    if (empty) empty.remove();
    const li = document.createElement("li");
    li.className = "line from-" + line.from;
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = (list.dataset[line.from] || line.from) + " · " + timeFormat.format(new Date(line.at));
    const p = document.createElement("p");
    p.dir = "auto";
    p.textContent = line.text;
    li.append(meta, p);
    list.append(li);
    list.scrollTop = list.scrollHeight;
    // A flood of lines becomes one announcement: "3 new messages".
    pending += 1;
    clearTimeout(timer);
    timer = setTimeout(() => { announce.textContent = list.dataset.new.replace("{count}", String(pending)); pending = 0; }, 1500);
  }

  if (list && list.dataset.stream && window.EventSource) {
    const stream = new EventSource(list.dataset.stream);
    stream.addEventListener("line", (event) => addLine(JSON.parse(event.data)));
    list.scrollTop = list.scrollHeight;
  }

  if (form && csrf) {
    const status = document.getElementById("reply-status");
    const text = document.getElementById("reply-text");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const data = new URLSearchParams(new FormData(form));
      if (event.submitter && event.submitter.name) data.set(event.submitter.name, event.submitter.value);
      if (!data.get("quick") && !text.value.trim()) { text.focus(); return; }
      status.textContent = form.dataset.sending;
      try {
        const response = await fetch(form.action, { method: "POST", body: data, credentials: "same-origin", headers: { accept: "application/json", "x-csrf-token": csrf.content } });
        if (response.status === 202) {
          if (!data.get("quick")) text.value = "";
          status.textContent = form.dataset.sent;
          text.focus();
        } else if (response.status === 401) window.location.reload();
        else {
          const body = await response.json().catch(() => ({}));
          status.textContent = form.dataset.failed + (body.error ? " (" + body.error + ")" : "");
        }
      } catch {
        status.textContent = form.dataset.failed;
      }
    });
  }
})();
