"""HTTP pages: one blueprint (`blueprint.py`), its routes split by audience. Importing
this package registers every route on the blueprint."""
from . import (  # noqa: F401  (each module registers its routes on blueprint.bp)
    auth,
    console,
    data_cards,
    evening_format,
    evening_kit,
    group_data,
    groups,
    handover,
    join,
    my_ideas,
    own_formats,
    plans,
    reports,
    script_strings,
    workspace,
    workspace_print,
)
