// The editable fields of a project plan and its actions on the phone, and the answers to
// their edits (`update_plan`, `update_action`). An edit carries `base`, the `v` the person
// started from: the store's, raised by this phone's own accepted edits and by what still
// waits in the outbox. A refusal is kept per field (views/phone/field.js shows it), so it
// survives switching plans.
import { announce } from "../../dom.js";
import { t } from "../../i18n.js";
import { fieldValue, fieldVersion } from "../../selectors/plans.js";
import { createField } from "./field.js";

/** `outbox` is a function returning the phone's outbox (made after this). */
export function createPlanFields({ boot, store, live, outbox }) {
  const limits = boot.limits || {}; // the server's maxima per field (pages/join.py)
  const problems = new Map(); // field key -> {superseded, message, mine}
  const ownV = new Map();     // field key -> the v our own accepted edit made

  function owner(kind, id) {
    const state = store.state;
    const items = kind === "plan" ? state.plans : state.actions;
    return (items || []).find((x) => x.id === id) || null;
  }

  function pendingFor(key) {
    return outbox().list().filter((e) => e.meta && e.meta.key === key);
  }

  /** The `v` an edit made now should carry: the store's, our own accepted edits, our queue. */
  function baseNow(kind, id, field) {
    const key = `${kind}:${id}:${field}`;
    let v = fieldVersion(owner(kind, id), field);
    if ((ownV.get(key) || 0) > v) v = ownV.get(key);
    for (const entry of pendingFor(key)) v = Math.max(v, entry.args.base + 1);
    return v;
  }

  /** The editor of field `name` (of input kind `type`) of the plan or action `id`. */
  function field(kind, id, name, type) {
    const key = `${kind}:${id}:${name}`;
    const command = kind === "plan" ? "update_plan" : "update_action";
    return createField({
      id: `f-${kind}-${id}-${name}`,
      label: t(`phone.${kind}_field.${name}`),
      kind: type,
      maxLength: limits[kind] && limits[kind][name],
      testid: `${kind}-field-${name}`,
      read: () => { const o = owner(kind, id); return { value: fieldValue(o, name), v: fieldVersion(o, name) }; },
      baseNow: () => baseNow(kind, id, name),
      save: (value, base) => outbox().enqueue(command,
        { [`${kind}_id`]: id, field: name, value, base }, { key }),
      problem: () => problems.get(key) || null,
      setProblem: (p) => (p ? problems.set(key, p) : problems.delete(key)),
    });
  }

  /** The server answered a field's edit. Returns true when it was one. */
  function onResult(entry, ack) {
    if (entry.name !== "update_plan" && entry.name !== "update_action") return false;
    if (ack.ok) live.catchUp(ack.version);
    const message = (ack.error && ack.error.message) || t("phone.plan.failed");
    const key = entry.meta && entry.meta.key;
    if (ack.ok) ownV.set(key, entry.args.base + 1);
    else problems.set(key, { superseded: ack.error && ack.error.code === "superseded",
                             message, mine: entry.args.value });
    if (!ack.ok) announce(message);
    return true;
  }

  return { field, onResult };
}
