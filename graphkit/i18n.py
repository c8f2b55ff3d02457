"""Chinese and English labels of graphkit's outputs.

Machine-readable outputs (CSV, ``summary.json``) always use the canonical
English column names and value words; people-facing outputs (``report.xlsx``,
``report.html``, Jupyter displays) use these labels. Finding codes never
change; their titles come from :data:`graphkit.findings.CODES`.

Examples
--------
>>> column_label("status"), column_label("status", lang="en")
('覆盖状态', 'Coverage status')
>>> column_label("name", table="instructors")
'姓名'
>>> value_label("status", "work_only")
'仅工作覆盖'
>>> code_title("UNCOVERED", lang="en")
'Unit with no coverage'

"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from graphkit.findings import CODES

__all__ = [
    "COLUMNS",
    "LANGS",
    "SHEETS",
    "TEXT",
    "VALUES",
    "check_lang",
    "code_title",
    "column_label",
    "column_labels",
    "sheet_name",
    "text",
    "translate_values",
    "value_label",
]

#: Languages every label exists in.
LANGS = ("zh", "en")

#: column -> (zh, en); ``"table.column"`` keys override the plain column for one table.
COLUMNS: dict[str, tuple[str, str]] = {
    # findings
    "code": ("问题代码", "Code"),
    "title": ("问题", "Finding"),
    "severity": ("严重程度", "Severity"),
    "subject_kind": ("对象类型", "Subject kind"),
    "subject_id": ("对象编号", "Subject id"),
    "subject_name": ("对象名称", "Subject name"),
    "street": ("所属街道", "Street"),
    "detail": ("说明", "Detail"),
    "count": ("数量", "Count"),
    # coverage
    "unit_id": ("统一社会信用代码", "Unit id"),
    "name": ("名称", "Name"),
    "kind": ("类型", "Kind"),
    "street_id": ("街道编号", "Street id"),
    "party_members": ("正式党员数", "Full members"),
    "status": ("覆盖状态", "Coverage status"),
    "party_org_id": ("所在党组织编号", "Party organisation id"),
    "party_org_name": ("党组织名称", "Party organisation"),
    # instructors
    "instructor_id": ("指导员编号", "Instructor id"),
    "reach": ("覆盖单位数", "Units reached"),
    "contacts": ("联系对象数", "Contacts"),
    "overloaded": ("是否超负荷", "Overloaded"),
    "phone": ("联系电话", "Phone"),
    "sent_by": ("派出单位", "Sent by"),
    # pairings
    "organ_branch_id": ("机关党支部编号", "Organ branch id"),
    "organ_branch_name": ("机关党支部", "Organ branch"),
    "department_id": ("部门编号", "Department id"),
    "department_name": ("所属部门", "Department"),
    "since": ("结对时间", "Since"),
    # proposals
    "proposal": ("建议类型", "Proposal"),
    "group": ("建议组", "Group"),
    "from_id": ("原对象编号", "From id"),
    "from_name": ("原对象", "From"),
    "to_id": ("建议对象编号", "To id"),
    "to_name": ("建议对象", "To"),
    # resilience
    "units_lost_org": ("失去组织覆盖单位数", "Units losing organisational coverage"),
    "units_lost_work": ("失去工作覆盖单位数", "Units losing work coverage"),
    "units_lost_total": ("失去覆盖单位合计", "Units losing coverage"),
    # rejects
    "table": ("台账表", "Table"),
    "file": ("文件", "File"),
    "sheet": ("工作表", "Sheet"),
    "row": ("行号", "Row"),
    "column": ("列", "Column"),
    "value": ("值", "Value"),
    "reason": ("原因", "Reason"),
    # per-street summary
    "units": ("单位数", "Units"),
    "own_org": ("单独组建", "Own organisation"),
    "joint_org": ("联合组建", "Joint organisation"),
    "work_only": ("仅工作覆盖", "Work coverage only"),
    "uncovered": ("未覆盖", "Uncovered"),
    "org_coverage": ("组织覆盖率", "Organisational coverage"),
    "own_rate": ("单独组建率", "Own-organisation rate"),
    "work_coverage": ("工作覆盖率", "Work coverage"),
    # what-if
    "status_before": ("原覆盖状态", "Status before"),
    "status_after": ("变化后覆盖状态", "Status after"),
    "lost": ("失去的覆盖", "Coverage lost"),
    # table-specific overrides
    "coverage.name": ("单位名称", "Unit name"),
    "coverage.kind": ("单位类型", "Unit kind"),
    "instructors.name": ("姓名", "Name"),
    "instructors.street": ("派出街道", "Street"),
    "pairings.party_org_id": ("结对党组织编号", "Party organisation id"),
    "pairings.party_org_name": ("结对党组织", "Party organisation"),
    "by_street.street": ("街道", "Street"),
}

#: table -> (zh, en) sheet names (Excel allows at most 31 characters).
SHEETS: dict[str, tuple[str, str]] = {
    "overview": ("概览", "Overview"),
    "findings": ("问题清单", "Findings"),
    "coverage": ("覆盖情况", "Coverage"),
    "instructors": ("党建指导员", "Instructors"),
    "pairings": ("结对共建", "Pairings"),
    "proposals": ("工作建议", "Proposals"),
    "resilience": ("关键节点", "Key nodes"),
    "rejects": ("未导入行", "Rejected rows"),
}

#: field -> value -> (zh, en). Fields are column names; values are canonical words.
VALUES: dict[str, dict[str, tuple[str, str]]] = {
    "status": {
        "own_org": ("单独组建", "own organisation"),
        "joint_org": ("联合组建", "joint organisation"),
        "work_only": ("仅工作覆盖", "work coverage only"),
        "uncovered": ("未覆盖", "not covered"),
    },
    "kind": {
        "enterprise": ("企业", "enterprise"),
        "social_org": ("社会组织", "social organisation"),
        "building": ("楼宇", "building"),
        "market": ("商圈市场", "market"),
        "park": ("产业园区", "park"),
        "association": ("行业协会商会", "association"),
    },
    "severity": {
        "error": ("错误", "error"),
        "warning": ("警告", "warning"),
        "info": ("提示", "info"),
    },
    "subject_kind": {
        "Unit": ("单位", "unit"),
        "Carrier": ("载体", "carrier"),
        "PartyOrg": ("党组织", "party organisation"),
        "Department": ("部门", "department"),
        "Street": ("街道", "street"),
        "GuidanceStation": ("党建指导站", "guidance station"),
        "Instructor": ("党建指导员", "instructor"),
        "Liaison": ("企业联络员", "liaison"),
        "OrganBranch": ("机关党支部", "organ branch"),
    },
    "proposal": {
        "move_assignment": ("调整联系对象", "move an assignment"),
        "pairing": ("新增结对", "new pairing"),
        "joint_branch": ("组建联合党支部", "form a joint branch"),
    },
    "lost": {
        "organisational": ("组织覆盖", "organisational"),
        "work": ("工作覆盖", "work"),
    },
    "bool": {
        "True": ("是", "yes"),
        "False": ("否", "no"),
    },
}
VALUES["status_before"] = VALUES["status_after"] = VALUES["status"]

#: Free-standing words of the reports: key -> (zh, en).
TEXT: dict[str, tuple[str, str]] = {
    "report_title": ("两新组织党建覆盖分析报告", "Party-building coverage report"),
    "as_of": ("统计日期", "As of"),
    "generated_by": ("由 graphkit {version} 生成", "Made with graphkit {version}"),
    "headline": ("主要指标", "Headline rates"),
    "units_total": ("单位总数", "Units"),
    "findings_total": ("问题总数", "Findings"),
    "org_coverage_help": (
        "（单独组建 + 联合组建）÷ 单位总数",
        "(own + joint organisation) ÷ all units",
    ),
    "own_rate_help": ("单独组建 ÷ 单位总数", "own organisation ÷ all units"),
    "work_coverage_help": (
        "有组织覆盖或工作覆盖的单位 ÷ 单位总数",
        "units with organisational or work coverage ÷ all units",
    ),
    "by_street": ("分街道情况", "By street"),
    "charts": ("图表", "Charts"),
    "chart_coverage": ("各街道覆盖情况", "Coverage by street"),
    "chart_reach": ("党建指导员覆盖单位数分布", "Units reached per instructor"),
    "chart_units": ("单位数", "Units"),
    "chart_instructors": ("指导员人数", "Instructors"),
    "chart_limit": ("上限 {limit}", "limit {limit}"),
    "chart_streets_capped": (
        "图中仅显示单位数最多的 {shown} 个街道（共 {total} 个）。",
        "The chart shows the {shown} streets with most units (of {total}).",
    ),
    "findings": ("发现的问题", "Findings"),
    "no_findings": ("未发现问题。", "No findings."),
    "and_more": ("以及另外 {n} 条（完整清单见 findings.csv）", "and {n} more (full list in findings.csv)"),
    "rows_capped": (
        "仅显示前 {shown} 行，共 {total} 行；完整数据见 {file}。",
        "Showing the first {shown} of {total} rows; the full table is in {file}.",
    ),
    "proposals": ("工作建议", "Proposals"),
    "no_proposals": ("暂无建议。", "No proposals."),
    "resilience": ("关键节点", "Key nodes"),
    "resilience_help": (
        "若该对象缺位，将失去覆盖的单位数（按合计降序）。",
        "Units that would lose coverage if this subject alone went (largest first).",
    ),
    "instructors": ("党建指导员", "Instructors"),
    "instructors_help": (
        "按覆盖单位数降序；超过 {limit} 个单位即为超负荷。",
        "By units reached, largest first; more than {limit} units is overloaded.",
    ),
    "without": ("假设缺位的影响", "What if they went"),
    "without_help": ("移除 {ids} 后覆盖状态变差的单位。", "Units whose coverage gets worse without {ids}."),
    "diagram": ("网络图", "Network diagram"),
    "rejects": ("未导入的台账行", "Rejected ledger rows"),
    "no_rejects": ("所有台账行均已导入。", "Every ledger row was loaded."),
    "settings": ("分析参数", "Settings"),
    "setting": ("参数", "Setting"),
    "value": ("取值", "Value"),
    "more_in_report": (
        "完整报告：Report(analysis).to_html() 或 .save(目录)",
        "Full report: Report(analysis).to_html() or .save(folder)",
    ),
    "overview_note": (
        "各表完整数据另见同目录下的 CSV 文件。",
        "Every table is also in the CSV files of the same folder.",
    ),
    "sheet_capped": (
        "工作表“{sheet}”仅含前 {shown} 行（共 {total} 行），完整数据见 {file}。",
        "Sheet “{sheet}” holds the first {shown} of {total} rows; the full table is in {file}.",
    ),
    "rate": ("比率", "Rate"),
    "metric": ("指标", "Metric"),
    "total": ("合计", "Total"),
    # ---- proposals (graphkit.analysis.proposals): the detail of each proposal and the
    #      suggested name of a candidate joint branch; ``{fields}`` are filled per row
    "proposal_move": (
        "将联系对象“{subject}”由{src}调整给{dst}：{src}联系单位由{src_before}家减为{src_after}家，"
        "{dst}由{dst_before}家变为{dst_after}家（上限{limit}家）{note}",
        "Move {subject} from {src} to {dst}: {src} then reaches {src_after} units instead of "
        "{src_before}, {dst} {dst_after} instead of {dst_before} (limit {limit}){note}",
    ),
    "proposal_move_cross": ("；跨街道调整", "; across streets"),
    "proposal_move_shared": ("；{dst}已联系该对象所含单位", "; {dst} already reaches its units"),
    "proposal_pairing": (
        "建议与{dst}结对共建（该支部现有结对{count}个，上限{limit}个）{note}",
        "Pair with {dst} (now {count} pairing(s), limit {limit}){note}",
    ),
    "proposal_pairing_dept": ("；属业务主管部门", "; the supervising department's branch"),
    "proposal_pairing_street": ("；同一街道", "; same street"),
    "proposal_joint": (
        "与{carrier}内另外{others}家单位组建联合党支部，共有正式党员{members}名",
        "Form a joint branch with {others} other unit(s) in {carrier}: {members} full members together",
    ),
    "proposal_joint_name": ("{carrier}联合党支部{suffix}", "{carrier} joint branch{suffix}"),
    "proposal_joint_nth": ("（{nth}）", " {nth}"),
}


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a known language, else raise ``ValueError``.

    Examples
    --------
    >>> check_lang("en")
    'en'

    """
    if lang not in LANGS:
        msg = f"language: expected 'zh' or 'en', got {lang!r}"
        raise ValueError(msg)
    return lang


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[LANGS.index(check_lang(lang))]


def column_label(column: str, *, table: str | None = None, lang: str = "zh") -> str:
    """Return the label of ``column`` (of ``table``, when given); unknown columns stay as they are.

    Examples
    --------
    >>> column_label("reach"), column_label("extra_column")
    ('覆盖单位数', 'extra_column')

    """
    pair = COLUMNS.get(f"{table}.{column}") or COLUMNS.get(column)
    return column if pair is None else _pick(pair, lang)


def column_labels(columns: Iterable[str], *, table: str | None = None, lang: str = "zh") -> list[str]:
    """Return the labels of several columns, in order.

    Examples
    --------
    >>> column_labels(["unit_id", "status"], lang="en")
    ['Unit id', 'Coverage status']

    """
    return [column_label(c, table=table, lang=lang) for c in columns]


def sheet_name(table: str, *, lang: str = "zh") -> str:
    """Return the workbook sheet name of ``table``.

    Examples
    --------
    >>> sheet_name("findings"), sheet_name("findings", lang="en")
    ('问题清单', 'Findings')

    """
    return _pick(SHEETS[table], lang) if table in SHEETS else table[:31]


def value_label(field: str, value: object, *, lang: str = "zh") -> object:
    """Return the label of one canonical value of ``field``; unknown values stay as they are.

    Examples
    --------
    >>> value_label("overloaded", True), value_label("kind", "social_org", lang="en")
    ('是', 'social organisation')

    """
    if isinstance(value, bool):
        return _pick(VALUES["bool"][str(value)], lang)
    pair = VALUES.get(field, {}).get(value) if isinstance(value, str) else None
    return value if pair is None else _pick(pair, lang)


def translate_values(series: pd.Series, field: str | None = None, *, lang: str = "zh") -> pd.Series:
    """Translate a column's canonical values (vectorised); unknown values stay as they are.

    Boolean columns become 是/否 (yes/no). ``field`` defaults to the series name.

    Examples
    --------
    >>> s = pd.Series(["own_org", "uncovered", None], dtype="string", name="status")
    >>> translate_values(s).tolist()
    ['单独组建', '未覆盖', <NA>]
    >>> translate_values(pd.Series([True, False]), "overloaded", lang="en").tolist()
    ['yes', 'no']

    """
    field = field if field is not None else str(series.name)
    if pd.api.types.is_bool_dtype(series.dtype):
        words = {v == "True": _pick(p, lang) for v, p in VALUES["bool"].items()}
        return series.map(words).astype("string")
    table = VALUES.get(field)
    if not table:
        return series
    words = {k: _pick(p, lang) for k, p in table.items()}
    return series.map(words).fillna(series).astype(series.dtype)


def code_title(code: str, *, lang: str = "zh") -> str:
    """Return the localised title of a finding code; unknown codes stay as they are.

    Examples
    --------
    >>> code_title("TERM_EXPIRED")
    '已到期未换届'

    """
    entry = CODES.get(code)
    if entry is None:
        return code
    return entry[1] if check_lang(lang) == "zh" else entry[2]


def text(key: str, *, lang: str = "zh", **values: object) -> str:
    """Return a free-standing report phrase, formatted with ``values``.

    Examples
    --------
    >>> text("and_more", n=3)
    '以及另外 3 条（完整清单见 findings.csv）'

    """
    return _pick(TEXT[key], lang).format(**values)
