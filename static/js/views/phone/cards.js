// The phone's card lists. A resident's own cards, one list item each: its text, where it stands
// (waiting, sent, refused) and the buttons that fit that state (edit, withdraw with a
// second tap to confirm, or use a refused text again). Rendering only: what the buttons
// do is the phone view's (views/phone.js), passed in as `actions`.
import { h } from "../../dom.js";
import { t } from "../../i18n.js";

/** `item` → its list element; `actions`: {withdraw(card), edit(card), keep(), reuse(f),
 * dismiss(f)}. */
export function myCardBuilder(actions) {
  function cardActions(item) {
    const card = item.card;
    if (item.confirming) {
      return h("div", { class: "card-actions" },
        h("button", { class: "button button-danger", type: "button", "data-testid": "confirm-withdraw",
                      onclick: () => actions.withdraw(card) }, t("card.withdraw_confirm")),
        h("button", { class: "button", type: "button", onclick: () => actions.keep() },
          t("card.keep")));
    }
    return h("div", { class: "card-actions" },
      h("button", { class: "button", type: "button", "data-testid": "edit-card",
                    disabled: item.editing, onclick: () => actions.edit(card) }, t("card.edit")),
      h("button", { class: "button", type: "button", "data-testid": "withdraw-card",
                    onclick: () => actions.withdraw(card) }, t("card.withdraw")));
  }

  function failedActions(f) {
    return h("div", { class: "card-actions" },
      f.name !== "withdraw_card" && f.text ? h("button", {
        class: "button", type: "button", "data-testid": "reuse-text",
        onclick: () => actions.reuse(f) }, t("card.use_again")) : null,
      h("button", { class: "button button-quiet", type: "button", "data-testid": "dismiss-failed",
                    onclick: () => actions.dismiss(f) }, t("card.dismiss")));
  }

  return function buildMyCard(item) {
    const attrs = { class: "card my-card", "data-testid": "my-card", "data-state": item.state };
    if (item.cardId) attrs["data-card-id"] = item.cardId;
    if (item.opId) attrs["data-op-id"] = item.opId;
    if (item.editing) attrs["data-editing"] = "true";
    const text = h("p", { class: "card-text" }, item.text);
    const label = h("p", { class: "card-state", "data-testid": "card-state" }, item.label);
    // a refused card says why first: its text may be long (one too long to send is)
    return h("li", attrs, ...(item.failed ? [label, text] : [text, label]),
      item.failed ? failedActions(item.failed) : null,
      item.actions ? cardActions(item) : null);
  };
}

/** One of everyone's cards (read-only): its text, the author's name while names are
 * shown, "yours", and the cluster it was put in (`group`: its name, "" unnamed, null none). */
export function everyoneCard(c, mine, group) {
  return h("li", { class: "card card-readonly", "data-card-id": c.id, "data-testid": "all-card",
                   "data-mine": mine ? "true" : "false" },
    h("p", { class: "card-text" }, c.text),
    c.author_name || mine || group !== null ? h("p", { class: "card-meta" },
      c.author_name ? h("span", { class: "card-author" }, c.author_name) : null,
      mine ? h("span", { class: "tag" }, t("card.yours")) : null,
      group !== null ? h("span", { class: "tag tag-cluster", "data-testid": "card-cluster" },
        t("phone.card_in_cluster", { name: group || t("phone.cluster_unnamed") })) : null) : null);
}
