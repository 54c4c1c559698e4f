"use strict";
// Live queue: the server sends `changed` on /api/v1/escalations/stream whenever the organisation's
// queue changes; the table's rows are then fetched again as HTML (the same view the page uses) and
// swapped in. Focus stays on the button it was on; one short, polite announcement per refresh.
(() => {
  const table = document.getElementById("queue");
  const status = document.getElementById("live-status");
  const announce = document.getElementById("announce");
  if (!table || !window.EventSource) return;
  const body = table.tBodies[0];
  let busy = false, again = false;

  async function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    try {
      const response = await fetch(table.dataset.rows, { headers: { accept: "text/html" }, credentials: "same-origin" });
      if (response.redirected || !response.ok) { window.location.reload(); return; }
      const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.focus : undefined;
      const doc = new DOMParser().parseFromString("<table><tbody>" + (await response.text()) + "</tbody></table>", "text/html");
      body.replaceChildren(...doc.querySelector("tbody").childNodes);
      if (focused) { const target = body.querySelector('[data-focus="' + CSS.escape(focused) + '"]'); if (target) target.focus(); }
      if (window.kinlinkTimes) window.kinlinkTimes();
      const count = body.querySelectorAll("tr[data-id]").length;
      announce.textContent = table.dataset.updated.replace("{count}", String(count));
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
