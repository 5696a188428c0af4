// The console's parking lot ("Parkeerplaats"): every question or remark parked this
// evening, open ones first, each with what the facilitator can do with it: answer it
// (the answer shows on the writer's phone), close it, mark it for later (it then goes with
// the hand-over as one of the plan's open points) or hide it. The facilitator can also
// park a question from the room. It owns those commands and their answers.
import { byId, h, keyedList, setText } from "../../dom.js";
import { t } from "../../i18n.js";
import { openParkedCount, parkingLot } from "../../selectors/parking.js";

export function createParkingPanel(ctx) {
  const el = {
    count: byId("park-open-count"),
    empty: byId("park-empty"),
    list: byId("park-list"),
    text: byId("park-add-text"),
    add: byId("park-add"),
  };
  const renderList = keyedList(el.list);
  let answering = null; // the id of the item whose answer box is open
  let draft = "";       // what is typed in that box (kept while the list is drawn again)

  el.add.addEventListener("click", park);

  async function park() {
    const text = el.text.value.trim();
    if (!text) return ctx.say(t("park.empty"));
    el.text.value = ""; // cleared now; given back when it was not parked
    const ack = await ctx.run("park_item", { text }, "park:add");
    if (ack && ack.ok) ctx.announce(t("park.added"));
    else if (!el.text.value) el.text.value = text;
  }

  function act(command, item) {
    ctx.run(command, { parked_id: item.id }, `park:${item.id}`);
  }

  function openAnswer(item) {
    answering = item.id;
    draft = item.answer || "";
    ctx.render();
    const box = el.list.querySelector(`[data-parked-id="${item.id}"] textarea`);
    if (box) box.focus();
  }

  async function saveAnswer(item) {
    const answer = draft.trim();
    if (!answer) return ctx.say(t("park.answer_empty"));
    const ack = await ctx.run("answer_parked", { parked_id: item.id, answer }, `park:${item.id}`);
    if (ack && ack.ok) {
      answering = null;
      draft = "";
      ctx.render();
    }
  }

  function answerForm(item, busy) {
    const box = h("textarea", { class: "input textarea", rows: 2, maxlength: 500,
                                id: `park-answer-${item.id}`, "data-testid": "park-answer-text" });
    box.value = draft;
    box.addEventListener("input", () => { draft = box.value; });
    return h("div", { class: "park-answer-form" },
      h("label", { class: "label", for: `park-answer-${item.id}` }, t("park.answer_label")), box,
      h("div", { class: "button-row" },
        h("button", { class: "button button-primary", type: "button", disabled: busy,
                      "data-testid": "park-save-answer", onclick: () => saveAnswer(item) },
          t("park.save_answer")),
        h("button", { class: "button button-quiet", type: "button",
                      onclick: () => { answering = null; ctx.render(); } }, t("park.cancel"))));
  }

  function button(label, testid, onclick, busy, pressed) {
    return h("button", { class: "button button-small", type: "button", disabled: busy || pressed,
                         "data-testid": testid, onclick }, label);
  }

  function build(item, busy) {
    const meta = [
      h("span", { class: "tag" }, item.origin === "facilitator" ? t("park.from_facilitator")
        : t("park.from_phone")),
      h("span", { class: "tag" }, t("park.step", { i: item.step + 1 })),
      h("span", { class: "tag park-status", "data-testid": "park-status" },
        t(`park.console_status.${item.status}`)),
      item.hidden ? h("span", { class: "tag tag-hidden" }, t("park.hidden")) : null,
    ];
    return h("li", { class: "card park-item", "data-testid": "park-item", "data-parked-id": item.id,
                     "data-status": item.status, "data-hidden": item.hidden ? "true" : "false" },
      h("p", { class: "card-text" }, item.text),
      h("p", { class: "card-meta" }, ...meta),
      item.answer ? h("p", { class: "park-answer" }, t("park.answer", { text: item.answer })) : null,
      answering === item.id ? answerForm(item, busy) : h("div", { class: "card-actions" },
        button(t("park.do_answer"), "park-answer", () => openAnswer(item), busy, false),
        button(t("park.do_later"), "park-later", () => act("mark_parked_later", item), busy,
          item.status === "later"),
        button(t("park.do_close"), "park-close", () => act("close_parked", item), busy,
          item.status === "closed"),
        button(item.hidden ? t("park.do_unhide") : t("park.do_hide"), "park-hide",
          () => act(item.hidden ? "unhide_parked" : "hide_parked", item), busy, false)));
  }

  function render(state) {
    const items = parkingLot(state);
    const open = openParkedCount(state);
    setText(el.count, open ? t("park.open_count", { n: open }) : "");
    setText(el.empty, items.length ? "" : t("park.console_empty"));
    renderList(items, (item) => item.id, (item) => JSON.stringify([
      item.text, item.status, item.answer, item.hidden, answering === item.id,
      ctx.isBusy(`park:${item.id}`)]), (item) => build(item, ctx.isBusy(`park:${item.id}`)));
    el.add.disabled = ctx.isBusy("park:add");
  }

  return { render };
}
