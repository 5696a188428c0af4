// Each plan's downloads on the group's plan page ("History and downloads"), in plain
// words with the file format in small print (issue 13: "Markdown · CSV · ICS" meant
// nothing to most members). Drawn from the live state, so a plan handed over while the
// page is open gets its links at once. User text only via textContent.
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { fieldValue } from "../../selectors/plans.js";

const FILES = [["md", "ws.download.text", "Markdown"], ["csv", "ws.download.table", "CSV"],
               ["ics", "ws.download.calendar", "ICS"]];

/** `container` is a <ul> whose data-base is the plan page's path (/g/<id>/plans). */
export function createDownloads({ container }) {
  const base = container.dataset.base;
  let shown = "";
  return function render(state) {
    const plans = (state.plans || []).map((p) => [p.id, fieldValue(p, "title")]);
    const sig = JSON.stringify(plans);
    if (sig === shown) return;
    shown = sig;
    if (!plans.length) {
      container.replaceChildren(h("li", { class: "hint" }, t("ws.download.none")));
      return;
    }
    container.replaceChildren(...plans.map(([id, title]) => h("li", {
      class: "ws-download", "data-testid": "plan-downloads" },
    h("span", { class: "ws-download-title" }, title || t("ws.untitled_plan")),
    h("span", { class: "ws-download-links" }, FILES.flatMap(([ext, key, format], i) => [
      i ? " · " : "",
      h("a", { href: `${base}/${encodeURIComponent(id)}.${ext}`, download: true,
               "data-testid": `download-${ext}` },
      t(key), " ", h("small", { class: "file-format" }, format))])))));
  };
}
