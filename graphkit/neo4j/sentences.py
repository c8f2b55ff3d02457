"""The finding sentences and the report's words as Cypher expressions, for the Browser favourites.

Neo4j Browser runs Cypher only, so a favourite that shows a finding's
Chinese sentence (``detail``, as ``graphkit analyze`` writes it in
``findings.csv``) must compute it in the query. :func:`detail_expression`
builds that expression for a finding code from the same templates the
analyses fill (:data:`graphkit.i18n.DETAILS`): literals are quoted, fields
become ``coalesce(toString(x), '?')`` (``?`` stands for a missing value, as
in :func:`graphkit.i18n.detail`), lists of item names become their words
joined like :func:`graphkit.i18n.listed` joins them, and codes with
variants (``ORG_LEVEL_MISMATCH:branch``) take a ``CASE`` on the twin's
``detail_key``. The expression reads the columns a Cypher twin
(:mod:`graphkit.neo4j.twins`) returns, by name. :func:`value_expression`
gives a column's value as the report shows it (coverage status, kind and
grade words, 是/否).

Only the Chinese sentences are built: the favourites speak Chinese.

Examples
--------
>>> detail_expression("UNDERSTAFFED_DEPARTMENT")
"'党建专干' + coalesce(toString(`staff`), '?') + '人，应配' + coalesce(toString(`required`), '?') + '人'"
>>> value_expression("overloaded")
"CASE `overloaded` WHEN true THEN '是' WHEN false THEN '否' END"

"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping

from graphkit import i18n
from graphkit.findings import CODES
from graphkit.i18n import DETAILS, LIST_JOIN, PARTS_JOIN, VALUES
from graphkit.neo4j.twins import DEMO_OWN_CODES, HONOUR_RISK_CODES
from graphkit.results import GRADE_CRITERIA
from graphkit.validate import FIVE_CLEARS, LOOP_JOIN

__all__ = ["BOOLEAN_COLUMNS", "cypher_string", "detail_expression", "kind_expression", "value_expression"]

_ZH = 0  # the favourites speak Chinese: the first of each (zh, en) pair

#: Columns of the analysis twins that hold booleans, shown 是/否 as the report shows them.
BOOLEAN_COLUMNS: tuple[str, ...] = ("overloaded", *GRADE_CRITERIA)


def cypher_string(text: str) -> str:
    """``text`` as a Cypher string literal (single quotes, backslash escapes).

    Examples
    --------
    >>> cypher_string("无覆盖")
    "'无覆盖'"

    """
    escaped = text.replace("\\", "\\\\").replace("'", "\\'")
    return f"'{escaped}'"


def _column(name: str) -> str:
    return f"`{name}`"


def _text(expr: str) -> str:
    """A template field's value as :func:`graphkit.i18n.detail` writes it: text, ``?`` when missing."""
    return f"coalesce(toString({expr}), '?')"


def _map(words: Mapping[str, tuple[str, str]]) -> str:
    """A Cypher map literal from canonical word to its Chinese label."""
    return "{" + ", ".join(f"`{key}`: {cypher_string(pair[_ZH])}" for key, pair in words.items()) + "}"


def _joined(items: str, sep: str) -> str:
    """The strings of the list ``items`` joined by ``sep`` (``''`` for an empty list)."""
    return (
        f"reduce(s = '', i IN range(0, size({items}) - 1) | "
        f"s + CASE WHEN i = 0 THEN '' ELSE {cypher_string(sep)} END + ({items})[i])"
    )


def _words(items: str, words: Mapping[str, tuple[str, str]]) -> str:
    """The Chinese words of the names in list ``items``, in the order of ``words`` (a list)."""
    pairs = ", ".join(f"[{cypher_string(key)}, {cypher_string(pair[_ZH])}]" for key, pair in words.items())
    return f"[w IN [{pairs}] WHERE w[0] IN {items} | w[1]]"


def _listed(items: str, words: Mapping[str, tuple[str, str]]) -> str:
    """The words of ``items`` joined as :func:`graphkit.i18n.listed` joins them."""
    return _joined(_words(items, words), LIST_JOIN[_ZH])


def _code_words(codes: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    return {code: (CODES[code][1], CODES[code][2]) for code in codes}


def _template(key: str, fields: Mapping[str, str]) -> str:
    """The Chinese template ``key`` of :data:`DETAILS` as a concatenation; ``fields``: field -> expression."""
    parts = []
    for literal, field, _spec, _conv in string.Formatter().parse(DETAILS[key][_ZH]):
        if literal:
            parts.append(cypher_string(literal))
        if field is not None:
            parts.append(fields[field])
    return " + ".join(parts) or "''"


def _parts(*parts: str) -> str:
    """The parts that are not empty, joined as a detail joins its parts (``；``)."""
    return _joined(f"[t IN [{', '.join(parts)}] WHERE t <> '']", PARTS_JOIN[_ZH])


def _demo_problems() -> str:
    four = _template(
        "DEMO_SITE_BELOW_STANDARD:four_ones", {"missing": _listed("`missing`", i18n.FOUR_ONE_LABELS)}
    )
    own = _listed("`codes`", _code_words(DEMO_OWN_CODES))
    return _parts(f"CASE WHEN size(`missing`) > 0 THEN {four} ELSE '' END", own)


def _honours() -> str:
    known = VALUES["honour_type"]
    keys = "[" + ", ".join(cypher_string(k) for k in known) + "]"
    others = f"COLLECT {{ UNWIND `honours` AS t WITH t WHERE NOT t IN {keys} RETURN t ORDER BY t }}"
    return _joined(f"{_words('`honours`', known)} + {others}", LIST_JOIN[_ZH])


def _honour_reasons() -> str:
    words = _code_words(HONOUR_RISK_CODES) | {"ORG_LAGGING": i18n.TEXT["honour_at_risk.graded_lagging"]}
    return _listed("`reasons`", words)


#: (code, field) -> expression, where a field is not shown as its text.
_FIELDS: dict[tuple[str, str], Callable[[], str]] = {
    ("SHOULD_FORM_OWN", "status"): lambda: value_expression("status", missing="'?'"),
    ("PARENT_CYCLE", "loop"): lambda: _joined("`loop`", LOOP_JOIN),
    ("POSITION_BELOW_STANDARD", "missing"): lambda: _listed("`missing`", i18n.SIX_HAVE_LABELS),
    ("ORG_LAGGING", "failed"): lambda: _listed("`failed`", i18n.CRITERION_FAILED),
    ("DEMO_SITE_BELOW_STANDARD", "problems"): _demo_problems,
    ("HONOUR_AT_RISK", "honours"): _honours,
    ("HONOUR_AT_RISK", "reasons"): _honour_reasons,
}


def _bad_credit_code() -> str:
    code = _text("`subject_id`")
    length = _template("BAD_CREDIT_CODE:length", {"code": code, "length": "toString(size(`subject_id`))"})
    characters = _template("BAD_CREDIT_CODE:characters", {"code": code})
    check = _template("BAD_CREDIT_CODE:check", {"code": code, "check": "substring(`problem`, 6)"})
    return (
        f"CASE WHEN `problem` = 'length' THEN {length} WHEN `problem` = 'characters' THEN {characters} "
        f"WHEN `problem` STARTS WITH 'check:' THEN {check} END"
    )


def _missing_five_clears() -> str:
    five = _words("`missing`", FIVE_CLEARS)
    missing = _template("MISSING_FIVE_CLEARS:missing", {"missing": _joined(five, LIST_JOIN[_ZH])})
    no_reason = _template("MISSING_FIVE_CLEARS:no_reason", {})
    return _parts(
        f"CASE WHEN size({five}) > 0 THEN {missing} ELSE '' END",
        f"CASE WHEN 'no_org_reason' IN `missing` THEN {no_reason} ELSE '' END",
    )


#: Codes whose sentence is not one template filled from the twin's columns.
_WHOLE: dict[str, Callable[[], str]] = {
    "BAD_CREDIT_CODE": _bad_credit_code,
    "MISSING_FIVE_CLEARS": _missing_five_clears,
}

#: Templates that are a part of another code's sentence, never a twin's ``detail_key``.
_PART_KEYS = ("DEMO_SITE_BELOW_STANDARD:four_ones",)


def detail_expression(code: str) -> str:
    """The Cypher expression of the Chinese ``detail`` of finding ``code``, over its twin's columns.

    Parameters
    ----------
    code
        A finding code with a Cypher twin (:data:`graphkit.neo4j.twins.FINDING_QUERIES`).

    Returns
    -------
    str
        An expression over the columns the twin returns (``detail_key`` and
        the template's fields), giving exactly the sentence of
        :func:`graphkit.analysis.analyze` in Chinese.

    Raises
    ------
    KeyError
        If ``code`` has no template in :data:`graphkit.i18n.DETAILS`.

    Examples
    --------
    >>> print(detail_expression("INACTIVE_ORG"))  # doctest: +NORMALIZE_WHITESPACE
    CASE `detail_key`
      WHEN 'INACTIVE_ORG' THEN '近' + coalesce(toString(`days`), '?')
        + '天内无组织生活记录（最近一次：' + coalesce(toString(`last`), '?') + '）'
      WHEN 'INACTIVE_ORG:never' THEN '近' + coalesce(toString(`days`), '?')
        + '天内无组织生活记录（从未记录）'
    END

    """
    if code in _WHOLE:
        return _WHOLE[code]()
    keys = [k for k in DETAILS if k.split(":")[0] == code and k not in _PART_KEYS]
    if not keys:
        msg = f"no detail template for finding code {code!r}"
        raise KeyError(msg)

    def filled(key: str) -> str:
        fields = i18n.detail_fields(key)
        return _template(
            key, {f: _FIELDS[code, f]() if (code, f) in _FIELDS else _text(_column(f)) for f in fields}
        )

    if keys == [code]:
        return filled(code)
    branches = "".join(f"\n         WHEN {cypher_string(k)} THEN {filled(k)}" for k in keys)
    return f"CASE `detail_key`{branches}\n       END"


def kind_expression(column: str = "subject_kind") -> str:
    """The Chinese word of a node kind in ``column`` (单位, 党组织, ...), as the report shows it.

    Examples
    --------
    >>> "`PartyOrg`: '党组织'" in kind_expression()
    True

    """
    return f"coalesce({_map(VALUES['subject_kind'])}[{_column(column)}], {_column(column)})"


def value_expression(column: str, *, missing: str = "null") -> str:
    """A column of an analysis twin as the report shows its value, in Chinese.

    Booleans (:data:`BOOLEAN_COLUMNS`) become 是/否; the canonical words of
    a field of :data:`graphkit.i18n.VALUES` (``status``, ``kind``, ``grade``)
    their Chinese labels, unknown words staying as they are; other columns
    stay as they are. A missing value gives ``missing`` (Cypher).

    Examples
    --------
    >>> value_expression("name")
    '`name`'
    >>> value_expression("grade")
    "coalesce({`advanced`: '先进', `good`: '较好', `fair`: '一般', `lagging`: '后进'}[`grade`], `grade`)"

    """
    col = _column(column)
    if column in BOOLEAN_COLUMNS:
        words = VALUES["bool"]
        yes, no = cypher_string(words["True"][_ZH]), cypher_string(words["False"][_ZH])
        tail = "" if missing == "null" else f" ELSE {missing}"
        return f"CASE {col} WHEN true THEN {yes} WHEN false THEN {no}{tail} END"
    if column in VALUES:
        last = "" if missing == "null" else f", {missing}"
        return f"coalesce({_map(VALUES[column])}[{col}], {col}{last})"
    return col if missing == "null" else f"coalesce({col}, {missing})"
