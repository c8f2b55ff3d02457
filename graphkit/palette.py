"""The colours of every graphkit picture: diagrams, the interactive page, the report and Browser.

One colour-blind-safe scheme: coverage status for units (:data:`STATUS_COLORS`,
green → orange → red, so a red mark always means a problem) and node kind for
everything else (:data:`KIND_COLORS`: cyans, blues, purples and greys, never a
status hue). :mod:`graphkit.draw.style` and :mod:`graphkit.neo4j.style` take
their colours from here.

Examples
--------
>>> STATUS_COLORS["uncovered"], KIND_COLORS["PartyOrg"]
('#d73027', '#7b3294')

"""

from __future__ import annotations

__all__ = ["KIND_COLORS", "STATUS_COLORS"]

#: Colour of each coverage status (colour-blind-safe order: green → red).
STATUS_COLORS = {"own_org": "#1a9850", "joint_org": "#91cf60", "work_only": "#fdae61", "uncovered": "#d73027"}
#: Colour of each node kind (units are coloured by status instead when known). No kind
#: shares a hue with a status: kinds take cyans, blues, purples and greys, statuses
#: green → orange → red, so a red mark always means a problem.
KIND_COLORS = {
    "Unit": "#9e9e9e",
    "Carrier": "#0e7c86",
    "PartyOrg": "#7b3294",
    "Department": "#525252",
    "Street": "#2171b5",
    "GuidanceStation": "#6baed6",
    "Instructor": "#4a6fa5",
    "Liaison": "#9ecae1",
    "OrganBranch": "#b39ddb",
    "Position": "#8c96c6",
}
