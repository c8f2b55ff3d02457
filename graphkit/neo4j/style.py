"""The Browser style (GraSS): graphkit's colours and short Chinese captions in Neo4j Browser.

Neo4j Browser colours nodes by label and captions them from a property; its
style is a small stylesheet (``.grass``) of rules such as ``node.Unit {color:
…; caption: "{short_name}";}``, applied in order, later rules winning. The
rules here come from the palette of every graphkit diagram
(:data:`graphkit.draw.style.KIND_COLORS`, :data:`~graphkit.draw.style.STATUS_COLORS`):

- units are grey until an analysis gave them a status label
  (:data:`graphkit.neo4j.derived.STATUS_LABELS`); then 单独组建 dark green,
  联合组建 light green, 仅工作覆盖 orange and 未覆盖 red, the strongest colour;
  overloaded instructors (``:Overloaded``) are red-ringed;
- units are captioned by ``short_name`` (the trade name first), everything
  else by ``name``;
- relationships are captioned in Chinese (覆盖, 指导, 结对共建 …) instead of
  their type names.

:func:`grass` gives the stylesheet (served as ``graphkit/style.grass``, for
``:style URL``), :func:`grass_json` the same rules as the JSON Browser also
reads, which the server hands to Browser after connecting (see
:mod:`graphkit.neo4j.server`).

Examples
--------
>>> rules = style_rules()
>>> rules["node.Uncovered"]["color"], rules["node.Unit"]["caption"]
('#d73027', '{short_name}')
>>> rules["relationship.GUIDES"]["caption"]
'指导'
>>> list(rules).index("node.Uncovered") > list(rules).index("node.Enterprise")  # status wins
True

"""

from __future__ import annotations

import json

from graphkit.i18n import BROWSER_REL_CAPTIONS, REL_LABELS
from graphkit.model import NODE_KINDS, UNIT_KIND_LABELS
from graphkit.neo4j.campaign import EVENT_LABELS, LEDGER_LABEL
from graphkit.neo4j.derived import LOAD_FINDING_LABEL, OVERLOADED_LABEL, SHORT_NAME, STATUS_LABELS
from graphkit.palette import KIND_COLORS, STATUS_COLORS

__all__ = ["grass", "grass_json", "style_rules"]

#: Node size per kind (px): places and organisations larger than the units around them.
_DIAMETERS = {"Unit": 55, "Carrier": 70, "PartyOrg": 65, "Street": 80, "Instructor": 50, "Liaison": 45}
#: Text on a light fill is dark, on a dark fill white.
_DARK_TEXT = "#1a1a1a"
_LIGHT_FILLS = {"#91cf60", "#fdae61", "#9e9e9e", "#9ecae1", "#b39ddb", "#6baed6"}
#: The ring of an overloaded instructor: the problem colour.
_PROBLEM = STATUS_COLORS["uncovered"]
#: Nodes the campaign tables and the push add.
_OTHER_NODES = {
    **dict.fromkeys(EVENT_LABELS.values(), ("#bdbdbd", "{type}")),
    LEDGER_LABEL: ("#e0e0e0", "{name}"),
    LOAD_FINDING_LABEL: ("#e0e0e0", "{code}"),
}


def _node(fill: str, caption: str, diameter: int | None = None) -> dict[str, str]:
    rule = {
        "color": fill,
        "border-color": fill,
        "text-color-internal": _DARK_TEXT if fill in _LIGHT_FILLS else "#ffffff",
        "caption": caption,
    }
    return rule | ({"diameter": f"{diameter}px"} if diameter else {})


def style_rules() -> dict[str, dict[str, str]]:
    """Every rule, selector -> properties, in the order Browser applies them (later wins)."""
    rules: dict[str, dict[str, str]] = {
        "node": {"diameter": "50px", "color": "#9e9e9e", "border-color": "#9e9e9e", "border-width": "2px",
                 "text-color-internal": "#ffffff", "font-size": "10px", "caption": "{name}"},
        "relationship": {"color": "#a5abb6", "shaft-width": "1px", "font-size": "9px", "padding": "3px",
                         "text-color-external": "#000000", "text-color-internal": "#ffffff",
                         "caption": "<type>"},
    }  # fmt: skip
    for kind in NODE_KINDS:
        caption = f"{{{SHORT_NAME}}}" if kind == "Unit" else "{name}"
        rules[f"node.{kind}"] = _node(KIND_COLORS.get(kind, "#9e9e9e"), caption, _DIAMETERS.get(kind))
    for label in dict.fromkeys(UNIT_KIND_LABELS.values()):  # units of any kind: grey until a status
        rules[f"node.{label}"] = _node(KIND_COLORS["Unit"], f"{{{SHORT_NAME}}}")
    for label, (fill, caption) in _OTHER_NODES.items():
        rules[f"node.{label}"] = _node(fill, caption, 40)
    for status, label in STATUS_LABELS.items():
        rules[f"node.{label}"] = _node(STATUS_COLORS[status], f"{{{SHORT_NAME}}}")
    rules[f"node.{OVERLOADED_LABEL}"] = {"border-color": _PROBLEM, "border-width": "5px"}
    for rel_type, caption in {**REL_LABELS, **BROWSER_REL_CAPTIONS}.items():
        rules[f"relationship.{rel_type}"] = {"caption": caption}
    return rules


def grass() -> str:
    """The rules as a ``.grass`` stylesheet (what ``:style URL`` loads).

    Examples
    --------
    >>> print(grass().splitlines()[0])
    node {
    """
    lines = []
    for selector, props in style_rules().items():
        lines.append(f"{selector} {{")
        lines += [
            f'  {key}: "{value}";' if key == "caption" else f"  {key}: {value};"
            for key, value in props.items()
        ]
        lines.append("}")
    return "\n".join(lines) + "\n"


def grass_json() -> str:
    r"""The rules as one line of JSON, which Browser's ``:style`` reads as it reads a stylesheet.

    It holds no ``;`` (Browser splits its connect commands on them), no line
    break, and only ASCII: Chinese captions are ``\uXXXX`` escapes, which
    survive a configuration file read in any encoding.

    Examples
    --------
    >>> text = grass_json()
    >>> ";" in text or "\n" in text or not text.isascii(), json.loads(text)["relationship.GUIDES"]["caption"]
    (False, '指导')
    """
    return json.dumps(style_rules(), ensure_ascii=True, separators=(",", ":"))
