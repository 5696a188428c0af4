"""Texts of the console's card wall (static/js/views/console/cards.js, card.js, cluster*.js):
the cards with their kinds, themes and sources, clustering by mouse, toolbar and keyboard.

Part of the browser catalogue assembled in `server/i18n/strings.py`; the wall is one
part of the console, its planning techniques (vote, results, matrix, plans) are in
`console_strings.py`.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

CONSOLE_WALL_STRINGS = {
    # console cards: kinds, themes, data and paper cards, focus
    "cards.about": _l("About: %(title)s"),
    "cards.origin_data": _l("Data card"),
    "cards.source_label": _l("Source of a data card (optional)"),
    "cards.origin_paper": _l("Paper card"),
    "cards.hide_label": _l("Hide card: %(text)s"),
    "cards.unhide_label": _l("Show card again: %(text)s"),
    "cards.add_heading": _l("Add a card yourself"),
    "cards.add_hint": _l("Type in a paper card, or add a fact from a neighbourhood scan as a data "
                         "card."),
    "cards.add_text": _l("Text of the card"),
    "cards.kind": _l("Kind"),
    "cards.theme": _l("Theme"),
    "cards.choose_kind_option": _l("Choose a kind…"),
    "cards.no_theme": _l("No theme"),
    "cards.add_paper": _l("Add paper card"),
    "cards.add_data": _l("Add as data card"),
    "cards.choose_kind": _l("Choose what kind of card this is first."),
    "cards.added_data": _l("Data card added."),
    "cards.added_paper": _l("Paper card added."),
    "focus.label": _l("We are now asking about:"),
    "focus.hint": _l("New cards are marked with this part of the future picture."),
    "focus.none": _l("Nothing in particular"),

    # console: clustering
    "cluster.toolbar": _l("Clustering"),
    "cluster.select_card": _l("Select"),
    "cluster.selected.one": _l("%(n)s card selected"),
    "cluster.selected.other": _l("%(n)s cards selected"),
    "cluster.make": _l("Make a cluster"),
    "cluster.move_target": _l("Move the selected cards to"),
    "cluster.move_choose": _l("Choose a cluster…"),
    "cluster.move": _l("Move"),
    "cluster.take_out": _l("Take out"),
    "cluster.split": _l("Split off"),
    "cluster.clear": _l("Clear selection"),
    "cluster.undo": _l("Undo last clustering"),
    "cluster.undone": _l("The last clustering step was undone."),
    "cluster.locked": _l("The vote is open, so the clusters are locked. Reveal the votes to change"
                         " them again."),
    # console: the card wall by keyboard (views/console/cluster-keys.js, cluster-chooser.js)
    "wall.hint": _l("Keys: arrows to go from card to card, Space to tick, Enter or C to choose a"
                    " cluster, 1 to 9 for cluster 1 to 9, 0 to take a card out."),
    "wall.chooser.one": _l("Put %(n)s card in a cluster"),
    "wall.chooser.other": _l("Put %(n)s cards in a cluster"),
    "wall.chooser_hint": _l("Arrows and Enter to choose, Esc to cancel."),
    "wall.new_cluster": _l("New cluster"),
    "wall.take_out": _l("Out of the cluster"),
    "wall.cluster_key": _l("Key %(number)s"),
    "wall.in_cluster.one": _l("Card in “%(name)s”."),
    "wall.in_cluster.other": _l("%(n)s cards in “%(name)s”."),
    "wall.no_cluster": _l("There is no cluster %(number)s."),
    "wall.not_in_cluster": _l("This card is not in a cluster."),
    "cluster.loose.one": _l("Not in a cluster (%(n)s card)"),
    "cluster.loose.other": _l("Not in a cluster (%(n)s cards)"),
    "cluster.drop_new": _l("Drop cards here to make a new cluster"),
    "cluster.count.one": _l("%(n)s cluster"),
    "cluster.count.other": _l("%(n)s clusters"),
    "cluster.count_max": _l("%(count)s (at most %(max)s)"),
    "cluster.name_label": _l("Name of this cluster"),
    "cluster.name_placeholder": _l("Give this cluster a name"),
    "cluster.name_needed": _l("A cluster needs a name. The old name stays."),
    "cluster.renamed": _l("The cluster is now called: %(name)s"),
    "cluster.unnamed.one": _l("Cluster without a name (%(n)s card)"),
    "cluster.unnamed.other": _l("Cluster without a name (%(n)s cards)"),
    "cluster.unnamed_short": _l("Cluster without a name"),
    "cluster.merge_into": _l("Merge into"),
    "cluster.merge": _l("Merge"),
    "cluster.merged": _l("Clusters merged into %(name)s."),
    "cluster.made.one": _l("Cluster made with %(n)s card."),
    "cluster.made.other": _l("Cluster made with %(n)s cards."),
    "cluster.moved.one": _l("%(n)s card moved."),
    "cluster.moved.other": _l("%(n)s cards moved."),
    "cluster.taken_out.one": _l("%(n)s card taken out of its cluster."),
    "cluster.taken_out.other": _l("%(n)s cards taken out of their clusters."),
    "cluster.split_done.one": _l("%(n)s card split off into a new cluster."),
    "cluster.split_done.other": _l("%(n)s cards split off into a new cluster."),
}
