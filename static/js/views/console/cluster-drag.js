// Dragging cards on the console's clustering board: the ticked cards (or the one picked
// up) onto a cluster, onto "new cluster" or back out. A drop sends the same commands as
// the keyboard's buttons (`place`); nothing moves while the board is locked by a vote.

/** Wire the drag and drop of `board`; `place(ids, target)` with target "new", "loose" or a
 * cluster id; `selected` the ticked card ids; `isLocked()` true while the vote is open. */
export function enableDragging(board, { selected, isLocked, place }) {
  let dragging = null; // ids of the cards being dragged

  board.addEventListener("dragstart", (e) => {
    const li = e.target.closest && e.target.closest(".console-card");
    if (!li || isLocked()) return;
    const id = li.dataset.cardId;
    dragging = selected.has(id) ? [...selected] : [id];
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", id);
    board.dataset.dragging = "true";
  });
  board.addEventListener("dragover", (e) => {
    const zone = dragging && e.target.closest("[data-drop]");
    if (!zone) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "move";
    for (const z of board.querySelectorAll("[data-over]")) if (z !== zone) delete z.dataset.over;
    zone.dataset.over = "true";
  });
  board.addEventListener("dragleave", (e) => {
    const zone = e.target.closest("[data-drop]");
    if (zone && !zone.contains(e.relatedTarget)) delete zone.dataset.over;
  });
  board.addEventListener("drop", (e) => {
    const zone = dragging && e.target.closest("[data-drop]");
    if (!zone) return;
    e.preventDefault();
    const ids = dragging;
    endDrag();
    place(ids, zone.dataset.drop);
  });
  board.addEventListener("dragend", endDrag);

  function endDrag() {
    dragging = null;
    delete board.dataset.dragging;
    for (const z of board.querySelectorAll("[data-over]")) delete z.dataset.over;
  }
}
