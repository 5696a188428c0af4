// This phone's ballot in a dot vote, kept on the phone: the draft being set, what was
// sent, and the newest ballot waiting behind one on its way. A new ballot replaces the
// old one, so only the latest may wait: while a ballot is on its way, a newer one waits
// beside it and goes when the first is answered; anything in between is dropped. It owns
// the answers to `cast_votes`.
import { announce } from "../../dom.js";
import { t } from "../../i18n.js";
import { storage } from "../../outbox.js";
import { ballotTotal } from "../../selectors/votes.js";

const same = (a, b) => JSON.stringify(clean(a)) === JSON.stringify(clean(b));

/** A ballot without zero entries, keys sorted: two equal ballots look equal. */
function clean(ballot) {
  const out = {};
  for (const key of Object.keys(ballot || {}).sort()) if (ballot[key] > 0) out[key] = ballot[key];
  return out;
}

/** `draft` with one dot more (`delta` 1) or less (-1) on `itemId`, or null when `vote`'s
 * rules do not allow it: none below zero, at most `max_per_item` on one, `budget` in all. */
function withDot(draft, vote, itemId, delta) {
  const next = (draft[itemId] || 0) + delta;
  if (next < 0 || next > vote.max_per_item) return null;
  if (delta > 0 && ballotTotal(draft) >= vote.budget) return null;
  return clean({ ...draft, [itemId]: next });
}

/** What the status line under ballot `mine` says, with `pending` the newest ballot on its
 * way (or null): {changed, shown (the line's state), text}. */
function ballotStatus(mine, pending, offline) {
  const changed = !same(mine.draft, pending || mine.sent);
  const [shown, text] = changed && !mine.error
    ? ["draft", ballotTotal(mine.sent) || pending ? t("phone.vote.changed") : t("phone.vote.not_sent")]
    : mine.error ? ["failed", mine.error]
      : pending ? ["waiting", offline ? t("phone.vote.waiting_offline") : t("phone.vote.waiting")]
        : ballotTotal(mine.sent) ? ["in", t("phone.vote.in")] : ["empty", ""];
  return { changed, shown, text };
}

/** `outbox` is a function returning the phone's outbox (made after this). */
export function createBallot({ boot, live, outbox }) {
  const key = `weefwerk:ballot:${boot.board_id}`;
  // {step, round, draft, sent, next, error}: this phone's ballot for one round
  let ballot = storage.read(key, null);

  function save() {
    storage.write(key, ballot);
  }

  function waitingEntry() {
    return outbox().list().find((e) => e.name === "cast_votes") || null;
  }

  function enqueue(votes) {
    outbox().enqueue("cast_votes", { votes, round: ballot.round }, { step: ballot.step, round: ballot.round });
  }

  /** Whether the ballot is about another vote than `vote` of `state` (or there is none). */
  function isFresh(state, vote) {
    return !ballot || ballot.step !== state.step || ballot.round !== vote.round;
  }

  /** The ballot record for the vote on screen; a new round starts from the server's `mine`. */
  function current(state, vote) {
    if (isFresh(state, vote)) {
      const mine = clean(vote.mine || {});
      ballot = { step: state.step, round: vote.round, draft: { ...mine }, sent: { ...mine },
                 next: null, error: "" };
      save();
    } else if (ballotTotal(vote.mine) && !same(vote.mine, ballot.sent) && !waitingEntry() && !ballot.next) {
      // only a snapshot fills `mine` (no event carries ballots): the server's word wins
      ballot.sent = clean(vote.mine);
      save();
    }
    return ballot;
  }

  /** Put one dot more or less on an item: the new draft, or null when the vote's rules
   * do not allow it. */
  function change(vote, itemId, delta) {
    if (!vote || !vote.open || !ballot) return null;
    const draft = withDot(ballot.draft, vote, itemId, delta);
    if (!draft) return null;
    ballot.draft = draft;
    ballot.error = "";
    save();
    return ballot.draft;
  }

  /** Send the draft: now, or beside the one on its way when one is. False without a ballot. */
  function send() {
    if (!ballot) return false;
    const votes = clean(ballot.draft);
    ballot.error = "";
    if (waitingEntry()) {
      ballot.next = votes; // only the newest waits; it goes when the one ahead is answered
    } else {
      ballot.next = null;
      enqueue(votes);
    }
    save();
    return true;
  }

  /** The server answered a ballot. Returns true when this was a ballot. */
  function onResult(entry, ack) {
    if (entry.name !== "cast_votes") return false;
    const fits = ballot && entry.meta && entry.meta.step === ballot.step && entry.meta.round === ballot.round;
    if (fits && ack.ok) {
      ballot.sent = clean(entry.args.votes);
      if (!ballot.next) announce(t("phone.vote.in_announce"));
    } else if (fits) {
      ballot.error = (ack.error && ack.error.message) || t("phone.vote.failed");
      announce(ballot.error);
    }
    if (ack.ok) live.catchUp(ack.version);
    if (ballot && ballot.next) {
      const votes = ballot.next;
      ballot.next = null;
      enqueue(votes);
    }
    save();
    return true;
  }

  /** After a reload: a ballot that waited beside the outbox goes now if nothing is ahead. */
  function resume() {
    if (ballot && ballot.next && !waitingEntry()) {
      const votes = ballot.next;
      ballot.next = null;
      save();
      enqueue(votes);
    }
  }

  /** What the status line under the ballot says: [state, words]. */
  function status(mine) {
    const entry = waitingEntry();
    const pending = mine.next || (entry ? entry.args.votes : null); // the newest on its way
    return ballotStatus(mine, pending, live.status() !== "online");
  }

  /** What this phone sent in the vote on screen, for the revealed results. */
  function sentFor(state, vote) {
    return ballot && ballot.step === state.step && ballot.round === vote.round ? ballot.sent : {};
  }

  return { current, isFresh, change, send, onResult, resume, status, sentFor };
}
