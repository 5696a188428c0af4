// Dates, moments and money in the reader's words, and today's date on this device.
// Formatting only: what is shown comes from the selectors (static/js/selectors/).

/** A YYYY-MM-DD date in words ("3 juni 2026"); the text as it is when it is no date. */
export function formatDate(iso, lang) {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(lang, { day: "numeric", month: "long", year: "numeric" })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatEuros(amount, lang) {
  return new Intl.NumberFormat(lang, { style: "currency", currency: "EUR" }).format(amount || 0);
}

/** A moment (ms since the epoch) as date and time, "" when there is none. */
export function formatMoment(ms, lang) {
  if (typeof ms !== "number") return "";
  return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" })
    .format(new Date(ms));
}

/** Today on this device as YYYY-MM-DD (its own time zone: "today" is where one lives). */
export function localToday(now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
