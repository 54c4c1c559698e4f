"use strict";
// Keeps relative times ("in 42 minutes", "5 minutes ago") current without a reload, in the page's
// language, through Intl; marks a missed service level. Text only: nothing is announced.
(() => {
  const lang = document.documentElement.lang || "en";
  const format = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  function update() {
    const now = Date.now();
    for (const el of document.querySelectorAll("time[data-at]")) {
      const minutes = Math.round((Date.parse(el.dataset.at) - now) / 60000);
      const text = Math.abs(minutes) < 120 ? format.format(minutes, "minute") : format.format(Math.round(minutes / 60), "hour");
      if (el.textContent !== text) el.textContent = text;
      if (el.hasAttribute("data-sla")) el.classList.toggle("overdue", minutes <= 0);
    }
  }
  window.kinlinkTimes = update;
  setInterval(update, 15000);
})();
