// "Lees voor": the phone reads the step's question aloud with the browser's own speech
// engine (Web Speech API, speechSynthesis), for residents who read with difficulty or not
// in this language's script. Only where the phone has the engine: without it the button
// stays hidden, so nobody presses a button that does nothing. Pressing while it speaks
// stops it; a new question (the next step) stops the old one.
import { setText } from "../../dom.js";
import { t } from "../../i18n.js";

// the page's language as the speech engine knows it: Dutch of the Netherlands, British English
const SPEECH_LANG = { nl: "nl-NL", en: "en-GB" };

export function createReadAloud({ button, label, question, lang }) {
  const engine = window.speechSynthesis;
  const Utterance = window.SpeechSynthesisUtterance;
  const speechLang = SPEECH_LANG[lang] || SPEECH_LANG.nl;
  let speaking = null; // the utterance now spoken, and the text it says
  let spokenText = "";

  if (!engine || typeof engine.speak !== "function" || typeof Utterance !== "function") {
    button.hidden = true;
    return { render() {} };
  }
  button.hidden = false;
  button.addEventListener("click", () => (speaking ? stop() : speak()));
  show();

  function speak() {
    const text = question.textContent.trim();
    if (!text) return;
    engine.cancel(); // a reading another page left behind would queue ours after it
    const utterance = new Utterance(text);
    utterance.lang = speechLang;
    const voice = voiceFor(engine, speechLang);
    if (voice) utterance.voice = voice;
    utterance.addEventListener("end", () => finished(utterance));
    utterance.addEventListener("error", () => finished(utterance));
    speaking = utterance;
    spokenText = text;
    show();
    engine.speak(utterance);
  }

  function stop() {
    speaking = null;
    engine.cancel();
    show();
  }

  function finished(utterance) {
    if (speaking !== utterance) return; // an older reading that was stopped
    speaking = null;
    show();
  }

  function show() {
    setText(label, speaking ? t("phone.read_aloud.stop") : t("phone.read_aloud"));
    button.dataset.speaking = String(Boolean(speaking));
  }

  /** After every render: a question that changed while it was read stops the reading. */
  function render() {
    if (speaking && question.textContent.trim() !== spokenText) stop();
  }

  return { render };
}

/** A voice of exactly this language, else one of the same language (nl-BE for nl-NL). */
function voiceFor(engine, speechLang) {
  const voices = typeof engine.getVoices === "function" ? engine.getVoices() || [] : [];
  const base = speechLang.split("-")[0];
  const langOf = (v) => (v.lang || "").replace("_", "-"); // some Android voices say nl_NL
  return voices.find((v) => langOf(v) === speechLang)
    || voices.find((v) => langOf(v).toLowerCase().startsWith(base)) || null;
}
