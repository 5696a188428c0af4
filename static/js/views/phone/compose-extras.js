// The phone composer's extras for the planning steps: the card kinds of the step (big
// toggle buttons with colour AND text, required when the step has kinds), an optional
// theme, the publication-consent checkbox (when the step's format asks for consent), and
// the line that says which vision element the room is asked about.
import { byId, h, setText } from "../../dom.js";
import { pick, t } from "../../i18n.js";
import { focusResult } from "../../selectors/results.js";
import { kindsOf, optionsOf, stepAt, stepThemes } from "../../selectors/steps.js";

/** One card kind as a big toggle: colour and words (`first` carries `required`). */
function kindOption(kind, first, lang) {
  return h("label", { class: "kind-option", "data-testid": "kind-option", "data-kind": kind.key },
    h("input", { class: "kind-input", type: "radio", name: "card-kind", value: kind.key,
                 "data-testid": `kind-${kind.key}`, required: first }),
    h("span", { class: "kind-face", "data-color": kind.color || "none" },
      h("span", { class: "kind-swatch", "aria-hidden": "true" }),
      h("span", { class: "kind-label" }, pick(kind.label, lang))));
}

/** The theme picker's options: "no theme" first, then the step's themes. */
function themeOptions(themes, lang) {
  return [h("option", { value: "" }, t("phone.theme.none")),
    ...themes.map((theme) => h("option", { value: theme.key }, pick(theme.label, lang)))];
}

/** Wire the kind and theme pickers and the focus line; returns {render, extras, reset}. */
export function createComposeExtras({ lang }) {
  const el = {
    kinds: byId("kind-picker"),
    kindLegend: byId("kind-legend"),
    kindOptions: byId("kind-options"),
    themes: byId("theme-picker"),
    themeLabel: byId("card-theme-label"),
    theme: byId("card-theme"),
    focus: byId("focus-line"),
    consent: byId("publish-consent"),
    publish: byId("card-publish"),
  };
  // the step (and its card options: the facilitator may rename a kind before the step
  // begins, format_adapted) the pickers were built for. By content, not by object: a
  // resync brings the same options as new objects, and rebuilding then would drop the
  // kind a resident just chose
  let builtFor = null;
  let stepKey = null;

  el.kindOptions.addEventListener("change", () => {
    el.kinds.removeAttribute("aria-invalid");
  });

  function render(state) {
    const step = stepAt(state);
    const key = step ? `${state.step}:${step.key}:${JSON.stringify(optionsOf(step, "cards"))}` : null;
    if (key !== builtFor) build(step, key);
    const focus = focusResult(state);
    el.focus.hidden = !focus;
    setText(el.focus, focus ? t("phone.focus", { title: focus.title }) : "");
  }

  function build(step, key) {
    builtFor = key;
    stepKey = step ? step.key : null;
    const kinds = kindsOf(step);
    el.kinds.hidden = kinds.length === 0;
    setText(el.kindLegend, t("phone.kind.legend"));
    el.kindOptions.replaceChildren(...kinds.map((kind, i) => kindOption(kind, i === 0, lang)));

    // Publication consent: asked per card, unticked by default (no consent unless given).
    el.consent.hidden = !(step && optionsOf(step, "cards").publication_consent === true);
    el.publish.checked = false;

    const themes = stepThemes(step);
    el.themes.hidden = themes.length === 0;
    setText(el.themeLabel, t("phone.theme.label"));
    el.theme.replaceChildren(...themeOptions(themes, lang));
  }

  function chosenKind() {
    const checked = el.kindOptions.querySelector("input:checked");
    return checked ? checked.value : null;
  }

  /**
   * What add_card needs besides the text: {args: {kind?, theme?}} or {error} when the
   * step has kinds and none is chosen.
   */
  function extras() {
    const args = {};
    if (!el.kinds.hidden) {
      const kind = chosenKind();
      if (!kind) {
        el.kinds.setAttribute("aria-invalid", "true");
        const first = el.kindOptions.querySelector("input");
        if (first) first.focus();
        return { error: t("phone.kind.required") };
      }
      args.kind = kind;
    }
    if (!el.themes.hidden && el.theme.value) args.theme = el.theme.value;
    if (!el.consent.hidden) args.publish = el.publish.checked;
    return { args };
  }

  /**
   * After a card went out: the theme starts empty again and consent is asked anew for the
   * next card; the kind stays.
   */
  function reset() {
    el.theme.value = "";
    el.publish.checked = false;
  }

  return { render, extras, reset, stepKey: () => stepKey };
}
