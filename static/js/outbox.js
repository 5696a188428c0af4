// Commands on their way to the server. Each gets an op_id and (when durable) is written
// to localStorage BEFORE it is sent, so a reload, a dead battery or a Wi-Fi gap loses
// nothing: everything still here is sent again, and the server answers a repeated
// op_id with its first answer (it never stores a command twice).
import { t } from "./i18n.js";

const ACK_TIMEOUT_MS = 8000;
const RETRY_EVERY_MS = 5000;
const MAX_IN_FLIGHT = 4;
const RETRYABLE = new Set(["rate_limited", "server_error"]);
// The server takes at most this many bytes of one command (the page's boot data says how
// many: `max_command_bytes`); a bigger frame would close the socket without an answer.
const MAX_COMMAND_BYTES = 12 * 1024;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A unique op_id. crypto.randomUUID needs a secure context (missing on http LAN). */
export function newOpId() {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === "function") {
    try {
      return c.randomUUID();
    } catch (_) { /* not a secure context: fall through */ }
  }
  const out = [];
  if (c && typeof c.getRandomValues === "function") {
    const bytes = new Uint8Array(32);
    c.getRandomValues(bytes);
    for (const b of bytes) out.push(ALPHABET[b % ALPHABET.length]);
  } else {
    for (let i = 0; i < 32; i += 1) out.push(ALPHABET[Math.floor(Math.random() * ALPHABET.length)]);
  }
  return out.join("");
}

/** localStorage that never throws (private mode, full disk, old browsers). */
export const storage = {
  read(key, fallback) {
    try {
      const raw = window.localStorage.getItem(key);
      return raw === null ? fallback : JSON.parse(raw);
    } catch (_) {
      return fallback;
    }
  },
  write(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
      return true;
    } catch (_) {
      return false;
    }
  },
};

/**
 * An outbox for one board.
 *   onChange()            the list of waiting entries changed
 *   onResult(entry, ack)  the server answered (ack.ok true or false); the entry is gone
 * `durable: false` keeps entries in memory only (the console).
 */
export function createOutbox({ socket, boardId, durable = true, onChange, onResult,
                               maxBytes = MAX_COMMAND_BYTES }) {
  const key = `weefwerk:outbox:${boardId}`;
  const inFlight = new Map();       // op_id -> the send attempt still waiting for its answer
  const waiters = new Map();        // op_id -> resolve, for callers that await
  let entries = durable ? loadEntries(key) : [];

  function save() {
    if (durable) storage.write(key, entries.map(({ retryAt, ...rest }) => rest));
  }

  function changed() {
    if (onChange) onChange();
  }

  function settle(entry, ack) {
    entries = entries.filter((e) => e.op_id !== entry.op_id);
    save();
    if (onResult) onResult(entry, ack);
    const resolve = waiters.get(entry.op_id);
    waiters.delete(entry.op_id);
    if (resolve) resolve(ack);
    changed();
  }

  function send(entry) {
    if (inFlight.has(entry.op_id) || !socket.connected) return;
    const payload = { op_id: entry.op_id, name: entry.name, args: entry.args };
    if (byteSize(payload) > maxBytes) {
      // the server could never take it: sending it would only close the socket, and the
      // outbox would send it again after every reconnect. Drop it and say so.
      settle(entry, tooLarge());
      return;
    }
    const attempt = {};
    inFlight.set(entry.op_id, attempt);
    socket.timeout(ACK_TIMEOUT_MS).emit("command", payload, (err, ack) => {
      // a late answer of an attempt made before a reconnect must not free the newer one
      if (inFlight.get(entry.op_id) === attempt) inFlight.delete(entry.op_id);
      if (!entries.some((e) => e.op_id === entry.op_id)) return; // already answered
      if (err || !ack || typeof ack.ok !== "boolean") {
        changed(); // no answer: keep it, the next round sends it again
      } else if (!ack.ok && ack.error && RETRYABLE.has(ack.error.code)) {
        entry.retryAt = Date.now() + RETRY_EVERY_MS;
        entry.note = ack.error.message;
        changed();
      } else {
        settle(entry, ack);
      }
      flush();
    });
  }

  /** Send what is waiting, oldest first; commands on one card or one action go one at
   * a time, so two edits made offline arrive in the order they were made (the second
   * names the first's version as its base, and would otherwise come back `superseded`). */
  function flush() {
    if (!socket.connected) return;
    const busy = new Set();
    let slots = MAX_IN_FLIGHT - inFlight.size;
    for (const entry of entries) {
      const item = laneOf(entry);
      const blocked = item && busy.has(item);
      if (item) busy.add(item);
      if (blocked || inFlight.has(entry.op_id)) continue;
      if (entry.retryAt && entry.retryAt > Date.now()) continue;
      if (slots <= 0) break;
      slots -= 1;
      send(entry);
    }
  }

  // An answer sent on a connection that closed never arrives: forget those attempts, so
  // the reconnect sends everything again at once (the server answers a repeated op_id
  // with its first answer) instead of waiting out the ack timeout.
  socket.on("disconnect", () => inFlight.clear());
  socket.on("connect", flush);
  setInterval(flush, RETRY_EVERY_MS);

  return {
    /** Queue a command; resolves with the server's ack ({ok:true…} or {ok:false…}). */
    enqueue(name, args, meta) {
      const entry = { op_id: newOpId(), name, args: args || {}, state: "waiting",
                      created: Date.now(), meta: meta || {} };
      entries.push(entry);
      save();
      changed();
      const done = new Promise((resolve) => waiters.set(entry.op_id, resolve));
      flush();
      return { entry, done };
    },
    /** Everything not yet answered, oldest first. */
    list: () => entries.slice(),
    isInFlight: (opId) => inFlight.has(opId),
    flush,
  };
}

/** The item a command changes, when it changes one that later commands may build on:
 * a card, an action, or a plan (`update_plan` edits name the previous one's `v` as base). */
export function laneOf(entry) {
  const args = entry.args || {};
  if (args.card_id) return `card:${args.card_id}`;
  if (args.action_id) return `action:${args.action_id}`;
  if (args.plan_id) return `plan:${args.plan_id}`;
  return null;
}

/** The size of a command as it goes over the wire (JSON, UTF-8). */
export function byteSize(payload) {
  return new TextEncoder().encode(JSON.stringify(payload)).length;
}

function tooLarge() {
  return { ok: false, error: { code: "payload_too_large", message: t("command.too_large") } };
}

function loadEntries(key) {
  const stored = storage.read(key, []);
  if (!Array.isArray(stored)) return [];
  return stored.filter((e) => e && typeof e.op_id === "string" && typeof e.name === "string")
    .map((e) => ({ ...e, state: "waiting" }));
}
