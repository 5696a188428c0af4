// The step timer: counts down locally from the server's `ends_at`, corrected by the
// clock skew measured at the last snapshot, so every screen shows the same time.

/** Milliseconds left of `timer` at server time `nowMs`. */
export function remainingMs(timer, nowMs) {
  if (!timer) return 0;
  if (timer.running && typeof timer.ends_at === "number") return Math.max(0, timer.ends_at - nowMs);
  return Math.max(0, timer.remaining_ms || 0);
}

/** "mm:ss" (minutes can pass 99 for very long time boxes). */
export function formatMs(ms) {
  const total = Math.ceil(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, "0")}:${String(seconds).padStart(2, "0")}`;
}

/**
 * Keep `el` showing the store's timer. data-state: "running" | "paused" | "done".
 * `onTick(ms, timer)` lets a view add its own wording.
 */
export function bindTimer(el, store, onTick) {
  function tick() {
    const timer = store.state && store.state.timer;
    if (!timer) return;
    const ms = remainingMs(timer, store.now());
    const text = formatMs(ms);
    if (el.textContent !== text) el.textContent = text;
    const state = ms <= 0 ? "done" : timer.running ? "running" : "paused";
    if (el.dataset.state !== state) el.dataset.state = state;
    if (onTick) onTick(ms, timer, state);
  }
  store.subscribe(tick);
  setInterval(tick, 250);
  tick();
  return tick;
}
