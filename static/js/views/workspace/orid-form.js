// The form under an action of a group's workspace that adds an ORID update: what we did,
// what it brought, what we learned. It checks that one of the three is filled, sends
// `add_action_update` through the workspace's durable outbox, and empties itself.
import { h, setText } from "../../dom.js";
import { t } from "../../i18n.js";

export const ORID = ["did", "brought", "learned"];
const MAX_TEXT = 1000;

/** `actionId()` names the action the form is under; `send(name, args)` queues the command. */
export function oridForm({ actionId, send }) {
  const boxes = {};
  const error = h("p", { class: "form-error", "aria-live": "assertive", "data-testid": "orid-error" });
  const fields = ORID.map((key) => {
    const id = `ws-orid-${key}-${Math.random().toString(36).slice(2, 8)}`;
    boxes[key] = h("textarea", { class: "input textarea", id, rows: 2, maxlength: MAX_TEXT,
                                 "data-testid": `orid-${key}` });
    return h("div", { class: "ws-orid-field" },
      h("label", { class: "label", for: id }, t(`ws.orid.${key}`)), boxes[key]);
  });
  const form = h("form", { class: "ws-orid-form", novalidate: true, "data-testid": "orid-form" },
    h("p", { class: "ws-orid-heading" }, t("ws.orid.heading")), fields, error,
    h("button", { class: "button button-primary", type: "submit", "data-testid": "orid-send" },
      t("ws.orid.send")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const args = { action_id: actionId() };
    for (const key of ORID) args[key] = boxes[key].value.trim();
    if (!ORID.some((key) => args[key])) {
      setText(error, t("ws.orid.empty"));
      return;
    }
    setText(error, "");
    send("add_action_update", args);
    for (const key of ORID) boxes[key].value = "";
  });
  return form;
}
