// The phone's parts that its first card does not need: the vote, the plan editor, what
// was chosen before (with the matrix and a review) and, after the hand-over, what became
// of my ideas. They load once the board is on the screen, not before it: on a slow line
// they would hold the board's start by some 20 KB and a dozen requests (issue 13,
// docs/performance.md), and most evenings reach a vote only an hour in.
//
// Each part's modules are asked for at once, not found one import level at a time (two
// or three round trips on a slow line); tests/unit/test_module_graph.py checks every list
// against the part's own imports, less what the board has loaded already.
export const PARTS = {
  vote: ["./vote.js", "./ballot.js"],
  plan: ["./plan.js", "./plan-actions.js", "./plan-fields.js", "./field.js",
    "../../selectors/plans.js", "../../format.js"],
  context: ["./context.js", "../../selectors/review.js", "../shared/review-parts.js",
    "../shared/kind-badge.js", "../../format.js"],
  myIdeas: ["./my-ideas.js", "../../format.js"],
};

const TRIES = 3;

/**
 * A part made from its module once `start()` has been called and the module has
 * arrived: `make(module)` makes it, then `onReady(part)` hears of it. `get()` is the part,
 * or null until then. A module that does not arrive (the line dropped) is asked for again,
 * a few seconds later, up to three times.
 */
export function later(name, make, onReady) {
  const [entry, ...rest] = PARTS[name];
  let part = null;
  let tries = 0;

  function attempt() {
    tries += 1;
    Promise.all([import(entry), ...rest.map((spec) => import(spec))]).then(([module]) => {
      part = make(module);
      onReady(part);
    }, () => {
      if (tries < TRIES) setTimeout(attempt, 2000 * tries);
    });
  }

  return {
    get: () => part,
    start() {
      if (tries === 0) attempt();
    },
  };
}
