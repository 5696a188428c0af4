"""The catalogue of techniques a facilitator can add to an evening as a new step: one
ready step per technique, in the `sessions/` schema, with a question in Dutch and English
to adapt before the evening. Data like a format file, kept here so the console's form and
the rule that adds the step use the same steps. Pure Python."""
from __future__ import annotations

import json
from typing import Any

CATALOGUE: dict[str, dict[str, Any]] = {
    "cards": {
        "title": {"nl": "Kaartjes schrijven", "en": "Writing cards"},
        "question": {"nl": "Wat wil je hier nog over kwijt?",
                     "en": "What else would you like to say about this?"},
        "minutes": 10, "techniques": ["cards"]},
    "cluster": {
        "title": {"nl": "Ordenen", "en": "Sorting"},
        "question": {"nl": "Welke kaartjes horen bij elkaar?",
                     "en": "Which cards belong together?"},
        "minutes": 15, "techniques": ["cards", "cluster"]},
    "vote": {
        "title": {"nl": "Kiezen", "en": "Choosing"},
        "question": {"nl": "Wat vinden we het belangrijkst?",
                     "en": "What do we find most important?"},
        "minutes": 15, "techniques": ["cards", "cluster", "vote"]},
    "matrix": {
        "title": {"nl": "Wegen", "en": "Weighing"},
        "question": {"nl": "Wat levert het meest op voor de minste moeite?",
                     "en": "What brings the most for the least effort?"},
        "minutes": 20, "techniques": ["cards", "cluster", "matrix"]},
    "action_plan": {
        "title": {"nl": "Actieplanning", "en": "Action planning"},
        "question": {"nl": "Wie doet wat, wanneer?", "en": "Who does what, when?"},
        "minutes": 25, "techniques": ["action_plan"]},
    "review": {
        "title": {"nl": "Terugblik", "en": "Looking back"},
        "question": {"nl": "Hoe staat het met onze acties?",
                     "en": "How are our actions doing?"},
        "minutes": 15, "techniques": ["review"],
        "options": {"review": {"source": "open_actions"}}},
}


def catalogue_step(technique: str, taken: set[str], evening: int) -> dict:
    """A new step of `technique` (a key of CATALOGUE) with a key not in `taken`, on
    `evening`."""
    found = json.loads(json.dumps(CATALOGUE[technique]))  # the caller may change it
    step = {"key": free_key(technique.replace("_", "-"), taken), **found}
    return step | ({"evening": evening} if evening != 1 else {})


def free_key(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`… whichever is not taken yet."""
    number, key = 1, base
    while key in taken:
        number += 1
        key = f"{base}-{number}"
    return key
