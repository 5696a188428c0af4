// The clustering commands of the console, sent in the order they were made (one lane, so
// a quick series of moves lands as it was done), each announced when it worked: make a
// cluster, move cards into one or out again, split cards off. The keyboard's toolbar and
// drag and drop both go through here.
import { t, tn } from "../../i18n.js";
import { clusterLabel } from "./cluster-box.js";

/**
 * `selected` holds the ticked card ids (cleared after a move); `onMade(cardId)` hears of
 * a new cluster (its name field gets the focus once it is drawn).
 */
export function createClusterMoves({ ctx, selected, onMade }) {
  const { store } = ctx;

  /** Send one clustering command in order; announce `done` when it worked. */
  async function act(name, args, done, params) {
    const ack = await ctx.serial(name, args);
    if (ack && ack.ok && done) ctx.announce(t(done, params));
    return ack;
  }

  function cardsOf(ids) {
    return ids.map((id) => store.state.cards.find((c) => c.id === id)).filter(Boolean);
  }

  /** Drop target "new", "loose" or a cluster id: the same commands the buttons send. */
  function place(ids, target) {
    if (target === "new") return makeFrom(ids);
    const to = target === "loose" ? null : target;
    const moving = cardsOf(ids).filter((c) => (c.cluster || null) !== to);
    moving.forEach((c) => act("move_card", { card_id: c.id, cluster_id: to }));
    selected.clear();
    const into = to && store.state.clusters.find((k) => k.id === to);
    if (moving.length && into) {
      const size = store.state.cards.filter((c) => c.cluster === to).length + moving.length;
      ctx.announce(tn("wall.in_cluster", moving.length, { name: clusterLabel(into, size) }));
    } else if (moving.length) {
      ctx.announce(tn(to ? "cluster.moved" : "cluster.taken_out", moving.length));
    }
    ctx.render();
  }

  async function makeFrom(ids) {
    const ack = await act("create_cluster", { card_ids: ids });
    if (ack && ack.ok) {
      ctx.announce(tn("cluster.made", ids.length));
      selected.clear();
      onMade(ids[0]);
      ctx.render();
    }
  }

  async function splitOff(ids) {
    const from = cardsOf(ids)[0].cluster;
    const ack = await act("split_cluster", { cluster_id: from, card_ids: ids });
    if (ack && ack.ok) {
      ctx.announce(tn("cluster.split_done", ids.length));
      selected.clear();
      onMade(ids[0]);
      ctx.render();
    }
  }

  return { act, place, makeFrom, splitOff };
}
