"""Cross-article merge: link the reports of one event across articles and languages.

:func:`link` is the store's default linker (each new report joins the event it tells of, or a new one);
:func:`relink` recomputes the grouping; :func:`split_report` and :func:`merge_events` correct it by hand,
and :func:`describe` shows an event with every report and figure behind it. docs/merge.md explains the
rules.
"""

from marsad.merge.linker import link, relink
from marsad.merge.manual import merge_events, split_report
from marsad.merge.view import EventView, describe

__all__ = ["EventView", "describe", "link", "merge_events", "relink", "split_report"]
