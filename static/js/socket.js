// The live connection: snapshot, versioned events with resync on gaps, presence,
// and a connection status every view shows.
import { Manager } from "../vendor/socket.io.esm.min.js";

const RESYNC_TIMEOUT_MS = 10000;
const RESYNC_RETRY_MS = 2000;
const ACK_CATCH_UP_MS = 1500;

/**
 * Open the line to the server now: the WebSocket's handshake (on slow 3G some 0.8 s of
 * round trips) then goes while the page's modules and strings are still loading.
 * Nothing is said on it until `connect` asks for the board, so a line opened early
 * changes nothing of what the screen, its store or its outbox hear, nor when.
 */
export function openLine() {
  // WebSocket first, long-polling only as the fallback where WebSocket is blocked: an
  // upgrade from polling can stall on the server and hold answers (issue seen in the
  // browser tests), and a WebSocket-only connection needs no sticky sessions.
  return new Manager(window.location.origin, { transports: ["websocket", "polling"],
                                               tryAllTransports: true });
}

/**
 * Connect to the board named by `token` and keep `store` in step with the server.
 * `onStatus(status, detail)` hears "connecting" | "online" | "reconnecting" | "refused".
 * `line`: the one `openLine` opened while the page loaded (a new one when not given).
 */
export function connect({ token, lang, store, onStatus, line = openLine() }) {
  const socket = line.socket("/", { auth: { token, lang } });
  const pending = []; // events that arrived ahead of a gap, waiting for it to fill
  let resyncing = false;
  let status = "connecting";

  function setStatus(next, detail) {
    status = next;
    if (onStatus) onStatus(next, detail);
  }

  function drain() {
    pending.sort((a, b) => a.version - b.version);
    while (pending.length && store.version !== null) {
      const result = store.applyEvent(pending[0]);
      if (result === "gap") break;
      pending.shift();
    }
  }

  function receive(event) {
    if (!event || typeof event.version !== "number") return;
    const result = store.applyEvent(event);
    if (result === "applied") {
      drain();
    } else if (result === "gap") {
      pending.push(event);
      requestResync();
    }
  }

  function requestResync() {
    if (resyncing || store.version === null || !socket.connected) return;
    resyncing = true;
    socket.timeout(RESYNC_TIMEOUT_MS).emit("resync", { since: store.version }, (err, ack) => {
      resyncing = false;
      if (err || !ack || !ack.ok) {
        setTimeout(() => { if (pending.length) requestResync(); }, RESYNC_RETRY_MS);
        return;
      }
      if (ack.snapshot) {
        if (store.version === null || ack.snapshot.version >= store.version) {
          store.replace(ack.snapshot);
        }
      } else {
        store.catchingUp = true;
        try {
          for (const event of ack.events || []) {
            if (store.applyEvent(event) === "gap") pending.push(event);
          }
        } finally {
          store.catchingUp = false;
        }
      }
      drain();
      pending.splice(0, pending.length, ...pending.filter((e) => e.version > store.version));
      if (pending.length) requestResync();
    });
  }

  socket.on("snapshot", (snapshot) => {
    if (!snapshot || typeof snapshot.version !== "number") return;
    store.replace(snapshot);
    drain();
    pending.splice(0, pending.length, ...pending.filter((e) => e.version > store.version));
    if (pending.length) requestResync();
  });
  socket.on("event", (event) => receive(event));
  socket.on("presence", (data) => {
    if (data && typeof data.participants === "number") store.setParticipants(data.participants);
  });
  socket.on("version", (data) => {
    // with several server processes: the board's newest version, every few seconds;
    // behind it, an event was lost on the way (docs/protocol.md, "version")
    if (data && typeof data.version === "number" && store.version !== null &&
        data.version > store.version) requestResync();
  });
  socket.on("tally", (data) => {
    if (data && typeof data.voters === "number") store.setTally(data);
  });

  socket.on("connect", () => setStatus("online"));
  socket.on("disconnect", (reason) => {
    resyncing = false;
    setStatus("reconnecting", reason);
    if (reason === "io server disconnect") {
      // the server closed us on purpose; try again after a breath (a bad token refuses)
      setTimeout(() => socket.connect(), 2000);
    }
  });
  socket.on("connect_error", (err) => {
    // `active` is false when the server refused the connection itself
    setStatus(socket.active ? "reconnecting" : "refused", err && err.message);
  });
  window.addEventListener("online", () => { if (!socket.connected) socket.connect(); });

  return {
    socket,
    status: () => status,
    /** After an ack with `version`: if that event never arrives, ask for it. */
    catchUp(version) {
      if (typeof version !== "number") return;
      setTimeout(() => {
        if (store.version !== null && store.version < version) requestResync();
      }, ACK_CATCH_UP_MS);
    },
  };
}
