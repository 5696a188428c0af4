// The small chooser the card wall's keyboard opens on a card (Enter or C): "New cluster",
// the step's clusters numbered as their keys 1–9, and "Out of the cluster" when the card
// is in one. A list box under the card, moved through with the arrow keys (the same
// standard as the matrix's grid), chosen with Enter or a number key; Escape, Tab or a
// click elsewhere closes it and gives the keyboard back to the card.
import { h, setText } from "../../dom.js";
import { t, tn } from "../../i18n.js";
import { clusterLabel } from "./cluster-box.js";

/** An option's target: "new", "loose" or a cluster id. */
export function chooserOptions({ clusters, sizes, from }) {
  const options = [{ target: "new", key: "N", label: t("wall.new_cluster") }];
  clusters.forEach((k, i) => {
    if (k.id !== from) {
      options.push({ target: k.id, key: i < 9 ? String(i + 1) : "", label: clusterLabel(k, sizes.get(k.id) || 0) });
    }
  });
  if (from) options.push({ target: "loose", key: "0", label: t("wall.take_out") });
  return options;
}

/**
 * Open the chooser inside `card` (the card's list item) for `count` cards. `choose(target)`
 * hears the choice; `close()` is called however it closes, before `choose`.
 */
export function openChooser(card, { options, count, choose, close }) {
  const title = h("p", { class: "chooser-title", id: `chooser-title-${card.dataset.cardId}` },
    tn("wall.chooser", count));
  const items = options.map((o, i) => h("li", {
    role: "option", id: `chooser-${card.dataset.cardId}-${i}`, class: "chooser-option", tabindex: "-1",
    "data-testid": "chooser-option", "data-target": o.target, "aria-selected": i === 0 ? "true" : "false",
    "aria-keyshortcuts": o.key || null,
  }, h("span", { class: "chooser-key", "aria-hidden": "true" }, o.key), h("span", {}, o.label)));
  const list = h("ul", { class: "chooser-list", role: "listbox", "aria-labelledby": title.id }, ...items);
  const hint = h("p", { class: "chooser-hint" });
  setText(hint, t("wall.chooser_hint"));
  const box = h("div", { class: "cluster-chooser", "data-testid": "cluster-chooser" }, title, list, hint);
  card.append(box);
  let at = 0;
  let open = true;

  function go(i) {
    at = Math.max(0, Math.min(items.length - 1, i));
    items.forEach((el, n) => el.setAttribute("aria-selected", n === at ? "true" : "false"));
    items[at].focus();
  }

  /** Close; `back` gives the keyboard back to the card (not when focus went elsewhere). */
  function shut(back, then) {
    if (!open) return;
    open = false;
    if (back) card.focus();
    box.remove();
    close();
    if (then) then();
  }

  box.addEventListener("keydown", (e) => {
    e.stopPropagation(); // the card's own keys wait until the chooser is closed
    const digit = options.findIndex((o) => o.key && o.key === e.key.toUpperCase());
    if (e.key === "ArrowDown" || e.key === "ArrowRight") go(at + 1);
    else if (e.key === "ArrowUp" || e.key === "ArrowLeft") go(at - 1);
    else if (e.key === "Home") go(0);
    else if (e.key === "End") go(items.length - 1);
    else if (e.key === "Enter" || e.key === " ") shut(true, () => choose(options[at].target));
    else if (digit >= 0) shut(true, () => choose(options[digit].target));
    else if (e.key === "Escape" || e.key === "Tab") shut(true);
    else return;
    e.preventDefault();
  });
  box.addEventListener("click", (e) => {
    e.stopPropagation();
    const item = e.target.closest(".chooser-option");
    if (item) shut(true, () => choose(item.dataset.target));
  });
  box.addEventListener("focusout", (e) => {
    if (!box.contains(e.relatedTarget)) shut(false);
  });
  go(0);
  box.scrollIntoView({ block: "nearest" }); // the whole list in view, not only its first option
  return { isOpen: () => open, shut: () => shut(false) };
}
