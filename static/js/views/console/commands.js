// How the console sends its commands: one at a time per control (a double click sends
// once), in order within a lane (clustering moves land as they were made), and every
// refusal said in the console's status line in the server's words. The outbox is kept in
// memory only: the console is online while the evening runs, and says so when it is not.
import { t } from "../../i18n.js";
import { createOutbox } from "../../outbox.js";

/**
 * `say(text)` writes the status line; `render()` draws the console again (a control shows
 * itself busy while its command is on its way).
 */
export function createCommands({ boot, store, live, say, render }) {
  const busy = new Set(); // "pacing" while a board command is in flight, and one key per control
  const lanes = new Map(); // lane -> promise: commands of one lane go one after another
  const outbox = createOutbox({ socket: live.socket, boardId: boot.board_id, durable: false,
                                onChange: sayRetrying, maxBytes: boot.max_command_bytes });

  /**
   * Send one command and wait for its ack (resolves with the ack, or null when offline).
   * Refusals show their translated message in the status line, except `quiet` codes the
   * caller shows itself.
   */
  async function send(name, args, { quiet = [] } = {}) {
    if (live.status() !== "online") {
      say(t("command.offline"));
      return null;
    }
    const { done } = outbox.enqueue(name, args);
    const ack = await done;
    if (ack.ok) {
      live.catchUp(ack.version);
    } else if (!(ack.error && quiet.includes(ack.error.code))) {
      say((ack.error && ack.error.message) || t("command.failed"));
    }
    return ack;
  }

  /** Send unless a command with the same `busyKey` is still on its way (a double click). */
  async function run(name, args, busyKey = "pacing", options) {
    if (busy.has(busyKey) || !store.state) return null;
    busy.add(busyKey);
    say("");
    render();
    try {
      return await send(name, args, options);
    } finally {
      busy.delete(busyKey);
      render();
    }
  }

  /** Queue a command behind the others of `lane`, so clustering moves land in order. */
  function serial(name, args, lane = "cluster", options) {
    const previous = lanes.get(lane) || Promise.resolve();
    const next = previous.then(() => send(name, args, options), () => null);
    lanes.set(lane, next);
    return next;
  }

  /** A command the server could not take yet (busy, rate limit) is sent again: say so. */
  function sayRetrying() {
    const waiting = outbox.list().find((entry) => entry.note);
    if (waiting) say(waiting.note);
  }

  return { send, run, serial, isBusy: (key) => busy.has(key) };
}
