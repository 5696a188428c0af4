// One action of a project plan on the console: its fields, each edited on its own with
// the `base` it started from (views/console/fields.js), its status, and remove with a
// confirmation. It owns `update_action` and `remove_action` and their answers.
import { h, setText } from "../../dom.js";
import { t } from "../../i18n.js";
import { fieldValue } from "../../selectors/plans.js";
import { editableField } from "./fields.js";

// [field, kind]; the longest text the server takes comes in the boot data (`limits`)
const ACTION_FIELDS = [["what", "text"], ["owner", "text"], ["helpers", "text"],
                       ["partners", "text"], ["start", "date"], ["due", "date"], ["hours", "hours"],
                       ["euros", "euros"], ["money_source", "text"]];

/** `limits.action` gives each field's longest text. Returns {build(action), patch(node, action)}. */
export function createActionRows(ctx, limits) {
  function build(a) {
    const fields = ACTION_FIELDS.map(([name, kind]) => editableField({
      name, kind, maxLength: limits.action[name], label: t(`action.field_${name}`), testid: `action-field-${name}`,
      save: (value, base) => ctx.send("update_action", { action_id: a.id, field: name, value, base },
                                      { quiet: ["superseded"] }) }));
    const status = h("span", { class: "tag", "data-testid": "action-status" });
    const confirm = h("span", { class: "confirm-row", hidden: true },
      h("span", {}, t("action.remove_confirm")),
      h("button", { class: "button button-small button-danger", type: "button", "data-testid": "remove-action-yes",
                    onclick: () => removeAction(a) }, t("action.remove_yes")),
      h("button", { class: "button button-small", type: "button",
                    onclick: () => { confirm.hidden = true; remove.focus(); } }, t("card.keep")));
    const remove = h("button", { class: "button button-small button-quiet", type: "button",
                                 "data-testid": "remove-action",
                                 onclick: () => { confirm.hidden = false; confirm.querySelector("button").focus(); } },
      t("action.remove"));
    const node = h("li", { class: "action", "data-action-id": a.id, "data-testid": "action" },
      h("div", { class: "action-grid" }, ...fields.map((f) => f.el)),
      h("div", { class: "action-foot" }, status, remove, confirm));
    node._a = { fields, status };
    return node;
  }

  async function removeAction(a) {
    const ack = await ctx.run("remove_action", { action_id: a.id }, `action:${a.id}`);
    if (ack && ack.ok) ctx.announce(t("action.removed", { what: fieldValue(a, "what") || "" }));
  }

  function patch(node, a) {
    const m = node._a;
    ACTION_FIELDS.forEach(([name], i) => m.fields[i].sync(a.fields && a.fields[name]));
    const status = fieldValue(a, "status") || "idee";
    setText(m.status, t("action.status", { status: t(`status.${status}`) }));
  }

  return { build, patch };
}
