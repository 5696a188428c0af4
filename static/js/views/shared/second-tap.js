// "Tap again to confirm" for one item at a time, as the phone asks before withdrawing a
// card or removing an action: the first tap arms the item, a second tap on it confirms,
// and an armed item lapses by itself after a few seconds (the view is drawn again then).

/** `onChange()` draws the view again when an item is armed or lapses. */
export function createSecondTap(onChange, ms = 5000) {
  let armed = null;
  let timer = null;

  /** True when this tap confirms `id`; otherwise `id` is armed now and the view drawn. */
  function confirms(id) {
    if (armed === id) {
      armed = null;
      return true;
    }
    armed = id;
    clearTimeout(timer);
    timer = setTimeout(() => { armed = null; onChange(); }, ms);
    onChange();
    return false;
  }

  return {
    confirms,
    isArmed: (id) => armed === id,
    clear() { armed = null; },
  };
}
