"use strict";
// Live queue: the server sends `changed` on /api/v1/escalations/stream whenever the organisation's
// queue changes; the live part of the page (counts, rows, paging) is then fetched again as HTML for
// the page the person is on (the same view the page uses) and swapped in. Focus stays on the button
// it was on; one short, polite announcement per refresh.
(() => {
  const region = document.getElementById("queue-live");
  const status = document.getElementById("live-status");
  const announce = document.getElementById("announce");
  if (!region || !window.EventSource) return;
  let busy = false, again = false;

  async function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    try {
      const response = await fetch(region.dataset.live, { headers: { accept: "text/html" }, credentials: "same-origin" });
      if (response.redirected || !response.ok) { window.location.reload(); return; }
      const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.focus : undefined;
      const doc = new DOMParser().parseFromString(await response.text(), "text/html");
      region.replaceChildren(...doc.body.childNodes);
      if (focused) { const target = region.querySelector('[data-focus="' + CSS.escape(focused) + '"]'); if (target) target.focus(); }
      if (window.kinlinkTimes) window.kinlinkTimes();
      const count = document.getElementById("queue-count");
      announce.textContent = region.dataset.updated.replace("{count}", count ? count.dataset.listed : "");
    } finally {
      busy = false;
      if (again) { again = false; refresh(); }
    }
  }

  const stream = new EventSource("/api/v1/escalations/stream");
  stream.addEventListener("changed", refresh);
  stream.addEventListener("open", () => { status.textContent = ""; });
  stream.addEventListener("error", () => { if (stream.readyState === EventSource.CLOSED) status.textContent = status.dataset.offline; });
})();
