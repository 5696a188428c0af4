// The plan page's pictures (strategy map, timeline, progress) follow the group's changes:
// the server draws them (server/domain/workspace/pictures.py), so after a change to the
// plans this fetches the drawn pictures again and swaps them in. Changes come in bursts
// (a hand-over, a meeting), so it waits for a quiet moment and fetches once.
const QUIET_MS = 1500;

// The pictures arrive as HTML the server drew and escaped (templates/group/_pictures_body
// .html). The CSP lets a string into an HTML sink only through a named Trusted Types
// policy (docs/security-browser.md, "XSS and the CSP"); this module-private one is the
// only one the policy names, and this fetch its only use. A browser without Trusted
// Types takes the string as it is.
const serverDrawn = window.trustedTypes
  ? window.trustedTypes.createPolicy("server-pictures", { createHTML: (html) => html })
  : { createHTML: (html) => html };

/** Events after which a picture may look different. */
const CHANGES = new Set(["evening_taken_over", "evening_returned", "plan_imported",
                         "action_added", "action_updated", "plan_updated"]);

export function createLivePictures({ container }) {
  const src = container && container.dataset.src;
  let timer = null;
  let busy = false;
  let again = false;

  async function refresh() {
    timer = null;
    if (busy) { again = true; return; }
    busy = true;
    try {
      const response = await fetch(src, { credentials: "same-origin", cache: "no-store" });
      if (response.ok) {
        const html = serverDrawn.createHTML(await response.text());
        const parsed = new DOMParser().parseFromString(html, "text/html");
        container.replaceChildren(...parsed.body.childNodes);
        container.dataset.refreshed = String(Date.now());
      }
    } catch (_) {
      // offline: the pictures stay as they were; the next change tries again
    } finally {
      busy = false;
      if (again) { again = false; schedule(); }
    }
  }

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(refresh, QUIET_MS);
  }

  let snapshots = 0;
  /** A store listener: (store, reason), reason being the event's name or "snapshot". A
   * later snapshot (after a reconnect) may hold changes the page missed; the first one
   * is what the page was drawn from. */
  return function onChange(_store, reason) {
    if (reason === "snapshot") snapshots += 1;
    if (src && (CHANGES.has(reason) || (reason === "snapshot" && snapshots > 1))) schedule();
  };
}
