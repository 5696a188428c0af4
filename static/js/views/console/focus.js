// "We are now asking about": the console's choice of the vision element the room's cards
// are about (`set_focus`), offered in a step with cards once there are vision elements.
import { byId, h, setOptions } from "../../dom.js";
import { t } from "../../i18n.js";
import { resultsWhere } from "../../selectors/results.js";
import { uses } from "../../selectors/steps.js";

export function createFocus(ctx) {
  const box = byId("focus-box");
  const select = h("select", { class: "input", id: "focus-select", "data-testid": "focus-select",
                               onchange: () => ctx.run("set_focus",
                                 { result_id: select.value || null }, "focus") });
  box.append(h("label", { class: "label", for: "focus-select" }, t("focus.label")), select,
    h("p", { class: "hint" }, t("focus.hint")));

  function render(state, step) {
    const visions = resultsWhere(state, { type: "vision_element" });
    const wanted = uses(step, "cards") && visions.length > 0
      && (step.produces === "force" || Boolean(state.focus));
    box.hidden = !wanted;
    if (!wanted) return;
    setOptions(select, [{ value: "", label: t("focus.none") },
      ...visions.map((r) => ({ value: r.id, label: r.title }))], state.focus || "");
  }

  return { render };
}
