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

import string
from collections.abc import Iterable
from typing import Any

import pandas as pd

from graphkit.findings import CODES

__all__ = [
    "BROWSER_CAMPAIGN_TITLES",
    "BROWSER_REL_CAPTIONS",
    "COLUMNS",
    "CRITERION_FAILED",
    "DETAILS",
    "FOUR_ONE_LABELS",
    "LANGS",
    "LIST_JOIN",
    "PARTS_JOIN",
    "REL_LABELS",
    "SHEETS",
    "SIX_HAVE_LABELS",
    "TEXT",
    "VALUES",
    "check_lang",
    "code_title",
    "column_label",
    "column_labels",
    "detail",
    "detail_fields",
    "listed",
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
        "individual": ("个体工商户", "individual business"),
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
    "chart_reach": ("党建指导员联系对象数分布", "Contacts per instructor"),
    "chart_units": ("单位数", "Units"),
    "chart_instructors": ("指导员人数", "Instructors"),
    "chart_limit": ("上限 {limit}", "limit {limit}"),
    "chart_streets_capped": (
        "图中仅显示单位数最多的 {shown} 个街道（共 {total} 个）。",
        "The chart shows the {shown} streets with most units (of {total}).",
    ),
    "findings": ("发现的问题", "Findings"),
    "no_findings": ("未发现问题。", "No findings."),
    "not_run": (
        "未运行的检查（台账没有所需的表或列，尚未记录）：{checks}",
        "Checks not run (the ledger has no table or column for them yet): {checks}",
    ),
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
        "按联系对象数降序；联系对象（去重的单位、党组织、楼宇等载体，一个楼宇党委只算一个）"
        "超过 {limit} 个即为超负荷；覆盖单位数另列，用于关键节点与缺位分析。",
        "By contacts, largest first; more than {limit} contacts (distinct units, party organisations and "
        "carriers assigned, a building's committee counting once) is overloaded; units reached are shown "
        "beside them and drive the key-node and what-if analyses.",
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
    # the command line
    "analyze.head": ("已分析{units}家单位（截至{as_of}）", "Analysed {units} units (as of {as_of})"),
    "analyze.rates": (
        "组织覆盖率 {org}　单独组建率 {own}　工作覆盖率 {work}",
        "organisational coverage {org}   own-organisation rate {own}   work coverage {work}",
    ),
    "analyze.findings": ("发现{n}条问题：", "{n} findings:"),
    "analyze.none": ("未发现问题。", "No findings."),
    "analyze.rejects": (
        "有{n}行台账数据未能使用，见 rejects.csv",
        "{n} ledger rows could not be used: see rejects.csv",
    ),
    "analyze.without": ("去掉 {ids} 后，{n}家单位失去覆盖", "Without {ids}, {n} units lose coverage"),
    "analyze.not_run": (
        "未运行的检查（台账没有所需的表或列）：{checks}",
        "Checks not run (the ledger has no table or column for them): {checks}",
    ),
    "analyze.more": ("  ……另有{n}类", "  ... and {n} more codes"),
    "analyze.out": ("输出已写入 {out}：{files}", "Outputs written to {out}: {files}"),
    "validate.read": ("已读取 {source}：{n} 张表", "Read {source}: {n} tables"),
    "validate.table": ("  {table}（{zh}）：{rows} 行", "  {table} ({zh}): {rows} rows"),
    "validate.unknown": (
        "未识别的列（已作为附加属性保留）：",
        "Columns not understood (kept as extra attributes):",
    ),
    "validate.ignored": ("未识别的表或文件（未读取）：", "Sheets or files not recognised (not read):"),
    "validate.rejects": ("未使用的单元格或行：{n}", "Cells or rows not used: {n}"),
    "validate.findings": ("数据质量问题：{n}", "Data-quality findings: {n}"),
    "validate.first": ("前 {n} 条：", "First {n}:"),
    "validate.wrote": ("已写出：{path}", "Wrote: {path}"),
    "validate.strict": ("--strict：有 {n} 处未使用，退出码 1", "--strict: {n} rejects, exit code 1"),
    "demo.made": (
        "已生成演示数据（{seconds:.1f} 秒）：{units:,} 家单位，"
        "其中台账内企业 {ent:,} 家、社会组织 {soc:,} 家",
        "Demo made in {seconds:.1f} s: {units:,} units, of them {ent:,} ledger "
        "enterprises and {soc:,} ledger social organisations",
    ),
    "demo.orgs": (
        "楼宇党组织 {b:,} 个，覆盖单位 {bc:,} 家；社会组织党组织 {s:,} 个；"
        "示范点 区级 {d:,} 个、街道级 {st:,} 个",
        "{b:,} building organisations covering {bc:,} units; {s:,} social-organisation "
        "party organisations; demonstration sites: {d:,} district, {st:,} street",
    ),
    "demo.people": (
        "党建指导员 {i:,} 名，企业联络员 {l:,} 名；街道 {streets:,} 个，指导站 {stations:,} 个；"
        "机关党支部 {ob:,} 个，结对 {p:,} 对",
        "{i:,} instructors, {l:,} liaisons; {streets:,} streets, {stations:,} guidance "
        "stations; {ob:,} organ branches, {p:,} pairings",
    ),
    "demo.planted": (
        "预置问题 {n:,} 个，涉及 {codes} 类问题代码（见 summary.json 的 planted）",
        "{n:,} planted problems of {codes} finding codes (see planted in summary.json)",
    ),
    "demo.skip_xlsx": (
        "单位超过 {max:,} 家，未写 ledger.xlsx（CSV 台账内容相同）",
        "More than {max:,} units: ledger.xlsx not written (the CSV ledger holds the same data)",
    ),
    "demo.files": (
        "台账已写入 {files}（{seconds:.1f} 秒）",
        "Ledger written to {files} in {seconds:.1f} s",
    ),
    "demo.analysing": ("正在分析台账 → {out}", "Analysing the ledger → {out}"),
    "demo.snapshots": (
        "已写入 {n} 个月度快照 → {out}（{seconds:.1f} 秒）",
        "{n} monthly snapshots written to {out} in {seconds:.1f} s",
    ),
    # ---- diagrams (graphkit.draw): titles, labels and legends of the static pictures
    "draw.status_legend": ("单位覆盖状态", "Coverage status"),
    "draw.no_street": ("（无街道）", "(no street)"),
    "draw.overview_title": (
        "未覆盖单位{uncovered:,}家，仅工作覆盖{work_only:,}家",
        "{uncovered:,} units uncovered, {work_only:,} with work coverage only",
    ),
    "draw.overview_subtitle": (
        "共{units:,}家单位、{streets:,}个街道。大圆为街道，小圆为街道内单位最多的载体（每街道至多{carriers}个），"
        "面积与单位数成正比；红色、橙色角标为该街道未覆盖、仅工作覆盖的单位数",
        "{units:,} units in {streets:,} streets. Large pies are streets, small ones their largest carriers "
        "(at most {carriers} per street), area by units; red and orange badges count a street's uncovered "
        "and work-only units",
    ),
    "draw.overview_capped": (
        "图中为单位最多的{shown}个街道，另有{hidden}个街道未画出",
        "The {shown} streets with most units are drawn; {hidden} more are not",
    ),
    "draw.street_units": ("{name}\n{units:,}家", "{name}\n{units:,} units"),
    "draw.badge_uncovered": ("未覆盖单位数", "Uncovered units"),
    "draw.badge_work_only": ("仅工作覆盖单位数", "Work-only units"),
    "draw.network_title": ("两新组织党建网络", "Party-building network"),
    "draw.instructors_axis": ("党建指导员人数", "Instructors"),
    "draw.load_limit": ("上限 {limit}{unit}", "limit {limit}"),
    "draw.load_within": ("未超上限", "Within the limit"),
    "draw.load_over": ("超负荷（多于{limit}{unit}）", "Overloaded (more than {limit})"),
    "draw.load_most": ("{n}（最多{most}）", "{n} (up to {most})"),
    # ---- proposals (graphkit.analysis.proposals): the detail of each proposal and the
    #      suggested name of a candidate joint branch; ``{fields}`` are filled per row
    "proposal_move": (
        "将联系对象“{subject}”由{src}调整给{dst}：{src}联系对象由{src_before}个减为{src_after}个，"
        "{dst}由{dst_before}个变为{dst_after}个（上限{limit}个）{note}",
        "Move {subject} from {src} to {dst}: {src} then has {src_after} contacts instead of "
        "{src_before}, {dst} {dst_after} instead of {dst_before} (limit {limit}){note}",
    ),
    "proposal_move_cross": ("；跨街道调整", "; across streets"),
    "proposal_move_shared": ("；{dst}已联系该对象", "; {dst} already has this contact"),
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
    # ---- the ledger reader: why a row or cell was not used (rejects.csv)
    "reject.required": (
        "必填项为空，该行未使用",
        "required value is blank; row not used",
    ),
    "reject.duplicate": (
        "编号“{value}”重复（首次出现于 {first}；编号须在全部表中唯一），该行未使用",
        'id "{value}" repeats (first at {first}; ids must be unique across all tables); row not used',
    ),
    "reject.int": (
        "“{value}”不是整数，已置空",
        '"{value}" is not a whole number; cell left empty',
    ),
    "reject.date": (
        "“{value}”不是日期，已置空",
        '"{value}" is not a date; cell left empty',
    ),
    "reject.number": (
        "“{value}”不是数字，已置空",
        '"{value}" is not a number; cell left empty',
    ),
    "reject.event_date": (
        "“{value}”不是日期，该记录未使用",
        '"{value}" is not a date; record not used',
    ),
    "reject.after_as_of": (
        "日期{value}晚于统计截止日{as_of}，该记录未使用",
        "dated {value}, after the as-of date {as_of}; record not used",
    ),
    "reject.event_ref": (
        "“{value}”找不到对应的编号或名称（{kinds}），该记录未使用",
        '"{value}" matches no id or name among {kinds}; record not used',
    ),
    "reject.enum": (
        "“{value}”不是可识别的取值（可用：{words}），已置空",
        '"{value}" is not a known value (expected one of: {words}); cell left empty',
    ),
    "reject.unknown_ref": (
        "“{value}”找不到对应的编号或名称（{kinds}），未建立关联",
        '"{value}" matches no id or name among {kinds}; link not made',
    ),
    "reject.ambiguous_ref": (
        "名称“{value}”对应多个对象（{ids}），未建立关联",
        'name "{value}" matches several nodes ({ids}); link not made',
    ),
}

# ---- hardening against hostile and broken ledgers (issue 14): the reader's range checks and
#      refusals, the command line's exit-3 and --out messages; kept in one block to ease merging
TEXT.update(
    {
        "reject.date_range": (
            "“{value}”超出台账日期范围（{low}至{high}），已置空",
            '"{value}" is outside the dates a ledger holds ({low} to {high}); cell left empty',
        ),
        "reject.int_range": (
            "“{value}”超出可信范围（最大{high:,}），已置空",
            '"{value}" is beyond the plausible range (at most {high:,}); cell left empty',
        ),
        "reject.excel_error": (
            "单元格是Excel错误值{value}（公式无法计算），已置空",
            "the cell holds the Excel error {value} (a formula that failed); cell left empty",
        ),
        "ledger.too_long": (
            "{path}：路径过长（{n}字节），系统无法打开；请缩短文件夹或文件名",
            "{path}: the path is too long ({n} bytes) for the system to open; "
            "shorten the folder or file name",
        ),
        "ledger.os_error": ("{path}：无法读取（{error}）", "{path}: cannot be read ({error})"),
        "ledger.not_regular": (
            "{path}：不是普通文件（{what}），台账须为CSV或XLSX文件",
            "{path}: not a regular file ({what}); a ledger is CSV or XLSX files",
        ),
        "ledger.not_regular_ignored": (
            "{name}（不是普通文件：{what}）",
            "{name} (not a regular file: {what})",
        ),
        "ledger.hidden_ignored": (
            "{source}（隐藏的工作表，取消隐藏后才会读取）",
            "{source} (a hidden sheet: unhide it to have it read)",
        ),
        "ledger.bad_utf8": (
            "{file}：第{line}行（字节位置{pos}）有无效的UTF-8字节{bytes}，文件其余部分为UTF-8；"
            "请修复该处或用 --encoding 指定编码",
            "{file}: invalid UTF-8 bytes {bytes} at line {line} (byte {pos}); the rest of the file is "
            "UTF-8: fix that place or pass the right --encoding",
        ),
        "ledger.bad_encoding": (
            "{file}：无法按{encoding}解码：第{line}行（字节位置{pos}）有无效字节{bytes}；"
            "文件不是UTF-8、UTF-16或GB18030文本，请用 --encoding 指定编码",
            "{file}: cannot decode as {encoding}: invalid bytes {bytes} at line {line} (byte {pos}); "
            "the file is not UTF-8, UTF-16 or GB18030 text: pass the right --encoding",
        ),
        "ledger.open_quote": (
            '{file}：第{line}行的引号（"）开始的单元格直到文件末尾都没有结束，其后{rest}行会并入这一格；'
            "请删除或配对该引号",
            '{file}: a quote (") at line {line} opens a cell that never closes, so the {rest} lines '
            "after it would become that one cell: remove or close the quote",
        ),
        "ledger.sheet_too_large": (
            "{source}：工作表范围{range}（{cells:,}个单元格）远大于其内容，读取会耗尽内存；"
            "请删除远处的单元格{far}或清除多余的行列后另存",
            "{source}: the sheet spans {range} ({cells:,} cells), far more than it holds, and reading it "
            "would exhaust memory: delete the stray cell {far} or clear the unused rows and columns, "
            "then save",
        ),
        "ledger.too_wide": (
            "{file}：有一行含{n:,}个字段，台账表最多{max:,}列；多余的字段多半来自错误的分隔符或远处的单元格",
            "{file}: a row has {n:,} fields but a ledger table has at most {max:,} columns; the extra "
            "fields most likely come from a wrong separator or a stray cell far out",
        ),
        "cli.unexpected": (
            "意外错误（{error}）；详细信息已写入 {log}，请将该文件报告给维护者",
            "unexpected error ({error}); the details are in {log}: please report it",
        ),
        "cli.out_is_input": (
            "--out {out}：该位置是输入 {input} 或包含它，写出会覆盖台账；请另选输出位置",
            "--out {out}: it is, or contains, the input {input}, so writing there would overwrite the "
            "ledger: choose another output place",
        ),
        "cli.as_of_range": (
            "--as-of {value}：日期须在{low}至{high}之间",
            "--as-of {value}: the date must lie between {low} and {high}",
        ),
        "validate.rows": (
            "未使用的行：{rows}；已置空或未关联的单元格：{cells}",
            "Rows not used: {rows}; cells emptied or not linked: {cells}",
        ),
        "analyze.rejects_rows": (
            "有{rows}行台账数据未能使用、{cells}个单元格已置空或未关联，见 rejects.csv",
            "{rows} ledger rows could not be used and {cells} cells were emptied or not linked: "
            "see rejects.csv",
        ),
        "xlsx.truncated": (
            "……（已截断：原文{n:,}字，超出Excel单元格上限，全文见CSV文件）",
            "… (cut: {n:,} characters, beyond Excel's cell limit; the CSV file holds the full text)",
        ),
    }
)


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


#: Finding detail sentences: template key -> (zh, en). Keys are finding codes, or a code with a
#: suffix for variants (``ORG_LEVEL_MISMATCH:branch``); fields are named in braces.
DETAILS: dict[str, tuple[str, str]] = {
    "UNCOVERED": (
        "既无党组织覆盖，也无党建指导员、联络员或所在载体党组织的工作覆盖",
        "No party organisation covers it and no instructor, liaison or carrier organisation reaches it",
    ),
    "MEMBERS_WITHOUT_ORG": (
        "有正式党员{members}名，未被党组织覆盖",
        "{members} full member(s) but no party organisation covers it",
    ),
    "SHOULD_FORM_OWN": (
        "有正式党员{members}名（不少于{limit}名），应单独组建党组织，现为{status}",
        "{members} full members (at least {limit}): should form its own organisation; now {status}",
    ),
    "JOINT_ORG_TOO_LARGE": (
        "联合党支部覆盖{units}家单位，超过上限{limit}家",
        "Joint branch covers {units} units, more than the limit of {limit}",
    ),
    "ORG_LEVEL_MISMATCH:branch": (
        "党支部有党员{members}名，超过{limit}名，应设立党总支或党委",
        "Branch has {members} members, more than {limit}: should be a general branch or committee",
    ),
    "ORG_LEVEL_MISMATCH:general_branch": (
        "党总支仅有党员{members}名，少于{limit}名",
        "General branch has only {members} members, fewer than {limit}",
    ),
    "ORG_LEVEL_MISMATCH:committee": (
        "党委仅有党员{members}名，少于{limit}名",
        "Committee has only {members} members, fewer than {limit}",
    ),
    "TERM_EXPIRED": (
        "任期已于{date}届满，尚未换届",
        "Term ended on {date} and no election has been recorded",
    ),
    "TERM_EXPIRING": (
        "任期将于{date}届满（还有{days}天），应做好换届准备",
        "Term ends on {date} (in {days} days): prepare the election",
    ),
    "OVERLOADED_INSTRUCTOR": (
        "联系对象{contacts}个，超过上限{limit}个（覆盖单位{reach}家）",
        "Has {contacts} contacts, more than the limit of {limit} (reaching {reach} units)",
    ),
    "IDLE_INSTRUCTOR": (
        "未分配联系对象",
        "No unit, organisation or carrier assigned",
    ),
    "NO_INSTRUCTOR:PartyOrg": (
        "该党组织、其依托载体及其覆盖单位均无党建指导员联系",
        "No instructor guides this organisation, its base carrier or any unit it covers",
    ),
    "NO_INSTRUCTOR:Unit": (
        "有正式党员{members}名、无组织覆盖，且无党建指导员联系",
        "{members} full member(s), no party organisation, and no instructor reaches it",
    ),
    "UNPAIRED_ORG": (
        "未与机关党支部结对共建",
        "Not paired with any organ branch",
    ),
    "IDLE_ORGAN_BRANCH": (
        "未与两新组织党组织结对共建",
        "Not paired with any party organisation",
    ),
    "OVERPAIRED_ORGAN_BRANCH": (
        "结对共建{pairings}个党组织，超过上限{limit}个",
        "Paired with {pairings} organisations, more than the limit of {limit}",
    ),
    "ATTRIBUTION_MISMATCH": (
        "隶属{parent}，但所覆盖的社会组织{unit}应归口{expected}（谁管理、谁组建）",
        "Reports to {parent}, but the social organisation {unit} it covers belongs under {expected}",
    ),
    "UNDERSTAFFED_DEPARTMENT": (
        "党建专干{staff}人，应配{required}人",
        "{staff} party-office staff, {required} required",
    ),
    "STREET_WITHOUT_DEMO": (
        "街道内无区级或街道级示范点",
        "No district- or street-level demonstration site in this street",
    ),
    "STREET_WITHOUT_STATION": (
        "街道无非公党建工作指导站",
        "No party-building guidance station serves this street",
    ),
    "NO_SECRETARY": (
        "未配备党组织书记（书记一栏为空）",
        "No secretary recorded (the secretary is blank)",
    ),
    "PARENT_CYCLE": (
        "上级党组织关系成环：{loop}",
        "Its parent links form a loop: {loop}",
    ),
}


def detail_fields(key: str, *, lang: str = "zh") -> list[str]:
    """The field names of the detail template ``key``, in order.

    Examples
    --------
    >>> detail_fields("SHOULD_FORM_OWN")
    ['members', 'limit', 'status']

    """
    return [f for _, f, _, _ in string.Formatter().parse(_pick(DETAILS[key], lang)) if f is not None]


def _detail_text(value: Any) -> pd.Series | str:
    if isinstance(value, pd.Series):
        out = value.reset_index(drop=True)
        if pd.api.types.is_float_dtype(out) and out.dropna().mod(1).eq(0).all():
            out = out.astype("Int64")
        return out.astype("string").fillna("?")
    return str(value)


def detail(key: str, lang: str, **fields: Any) -> pd.Series | str:
    """Fill the detail template ``key`` in ``lang`` with scalars or aligned Series.

    Builds many findings' sentences at once by concatenating columns (no
    per-row formatting). Codes never change with the language; only these
    sentences do.

    Parameters
    ----------
    key
        A key of :data:`DETAILS`.
    lang
        ``"zh"`` or ``"en"``.
    **fields
        Values for the template's fields; Series are taken by position and
        must have equal lengths. Missing values show as ``?``.

    Returns
    -------
    pandas.Series or str
        A Series when any field is a Series, else one string.

    Examples
    --------
    >>> detail("UNDERSTAFFED_DEPARTMENT", "en", staff=1, required=2)
    '1 party-office staff, 2 required'
    >>> detail("MEMBERS_WITHOUT_ORG", "zh", members=pd.Series([1, 2])).tolist()
    ['有正式党员1名，未被党组织覆盖', '有正式党员2名，未被党组织覆盖']

    """
    template = _pick(DETAILS[key], lang)
    values = {k: _detail_text(v) for k, v in fields.items()}
    out: pd.Series | str = ""
    for literal, field, _spec, _conv in string.Formatter().parse(template):
        out = out + literal
        if field is not None:
            out = out + values[field]
    return out


# ======================================================================================
# graphkit compare (DESIGN §6–§7): month over month, the 月报 and the 通报.
# Kept in one block so that edits elsewhere in this file do not meet it. Column labels
# are table-specific ("changes.old") and value words live under "compare.*" fields, so
# nothing here relabels the columns or values of another table.
# ======================================================================================

#: The month's numbers of ``streets.csv``: column -> (zh, en); each has a ``<column>_change``.
_COMPARE_METRICS: dict[str, tuple[str, str]] = {
    "units": ("单位数", "Units"),
    "org_coverage": ("组织覆盖率", "Organisational coverage"),
    "own_rate": ("单独组建率", "Own-organisation rate"),
    "work_coverage": ("工作覆盖率", "Work coverage"),
    "findings_error": ("错误类问题", "Error findings"),
    "findings_warning": ("警告类问题", "Warning findings"),
    "findings_info": ("提示类问题", "Info findings"),
    "activities": ("组织生活（次）", "Activities"),
    "visits": ("走访（次）", "Visits"),
    "trainings": ("培训（人次）", "Training person-times"),
    "plaques": ("党员经营户挂牌", "Member plaques"),
}

for _table in ("streets", "bulletin"):
    COLUMNS.update({f"{_table}.{k}": v for k, v in _COMPARE_METRICS.items()})
    COLUMNS.update(
        {f"{_table}.{k}_change": (f"{zh}较上期", f"{en}, change") for k, (zh, en) in _COMPARE_METRICS.items()}
    )
COLUMNS.update(
    {
        "changes.table": ("台账表", "Table"),
        "changes.id": ("编号", "Id"),
        "changes.name": ("名称", "Name"),
        "changes.change": ("变化", "Change"),
        "changes.column": ("变化项", "Column"),
        "changes.old": ("原值", "Old value"),
        "changes.new": ("新值", "New value"),
        "old_status": ("原覆盖状态", "Old status"),
        "new_status": ("现覆盖状态", "New status"),
        "findings_delta.state": ("变化", "State"),
        "streets.date": ("日期", "Date"),
        "streets.street": ("街道", "Street"),
        "bulletin.rank": ("排名", "Rank"),
        "bulletin.street": ("街道", "Street"),
        "bulletin.score": ("三项名次之和", "Sum of places"),
        "bulletin.lags": ("落后事项", "Lagging in"),
    }
)
for _column in ("from", "to"):
    _pair = ("上期日期", "From") if _column == "from" else ("本期日期", "To")
    COLUMNS.update({f"{t}.{_column}": _pair for t in ("changes", "status_changes", "findings_delta")})

SHEETS.update(
    {
        "bulletin": ("通报", "Bulletin"),
        "changes": ("台账变化", "Changes"),
        "status_changes": ("覆盖状态变化", "Status changes"),
        "findings_delta": ("问题增减", "Findings delta"),
    }
)

VALUES["old_status"] = VALUES["new_status"] = VALUES["status"]
VALUES.update(
    {
        "compare.change": {
            "added": ("新增", "added"),
            "removed": ("删除", "removed"),
            "changed": ("变更", "changed"),
        },
        "compare.state": {
            "opened": ("新发现", "opened"),
            "resolved": ("已解决", "resolved"),
            "persisting": ("仍存在", "persisting"),
        },
        "compare.table": {
            "units": ("单位台账", "units"),
            "carriers": ("载体", "carriers"),
            "party_orgs": ("党组织", "party organisations"),
            "departments": ("部门", "departments"),
            "streets": ("街道", "streets"),
            "instructors": ("党建指导员", "instructors"),
            "liaisons": ("企业联络员", "liaisons"),
            "organ_branches": ("机关党支部", "organ branches"),
            "assignments": ("联系对象", "assignments"),
            "pairings": ("结对共建", "pairings"),
            "positions": ("阵地", "positions"),
        },
        "compare.column": {
            "name": ("名称", "name"),
            "kind": ("类型", "kind"),
            "employees": ("从业人员数", "employees"),
            "party_members": ("正式党员数", "full members"),
            "probationary_members": ("预备党员数", "probationary members"),
            "operation": ("经营运行情况", "operation"),
            "workforce": ("职工队伍情况", "workforce"),
            "party_status": ("党员队伍情况", "party members' status"),
            "investor": ("出资人或责任人情况", "investor"),
            "no_org_reason": ("未建党组织原因", "why no organisation"),
            "street": ("所属街道", "street"),
            "carrier": ("所在楼宇/商圈/园区", "carrier"),
            "association": ("所属行业协会商会", "association"),
            "supervisor": ("业务主管单位", "supervisor"),
            "party_org": ("所在党组织", "party organisation"),
            "level": ("组织类别", "level"),
            "form": ("组建方式", "form"),
            "members": ("党员数", "members"),
            "term_ends": ("届满时间", "term ends"),
            "demo_level": ("示范点", "demonstration site"),
            "secretary": ("书记", "secretary"),
            "base": ("依托载体或部门", "base"),
            "parent": ("上级党组织", "parent"),
            "party_office_staff": ("党建专干人数", "party-office staff"),
            "required_staff": ("应配专干人数", "required staff"),
            "guidance_station": ("指导站", "guidance station"),
            "sent_by": ("派出单位", "sent by"),
            "phone": ("联系电话", "phone"),
            "department": ("所属部门", "department"),
            "since": ("结对时间", "since"),
            "brand": ("特色品牌", "brand"),
            "plan": ("清晰思路", "plan"),
            "vehicle": ("管用载体", "vehicle"),
            "rules": ("规范制度", "rules"),
            "atmosphere": ("浓厚氛围", "atmosphere"),
            "area": ("面积", "area"),
            "host": ("依托载体或党组织", "host"),
            "used_by": ("使用党组织", "used by"),
            "has_site": ("有场所", "has a site"),
            "has_facilities": ("有设施", "has facilities"),
            "has_sign": ("有标志", "has a sign"),
            "has_flag": ("有党旗", "has a flag"),
            "has_reading": ("有书报", "has reading"),
            "has_rules": ("有制度", "has rules"),
        },
        "compare.lag": {
            "org_coverage_below": ("组织覆盖率低于全区", "organisational coverage below the district's"),
            "work_coverage_below": ("工作覆盖率低于全区", "work coverage below the district's"),
            "open_errors": ("有错误类问题未解决", "open error findings"),
            "coverage_fell": ("覆盖率较上期下降", "a rate fell since the snapshot before"),
        },
    }
)

TEXT.update(
    {
        "monthly.title": ("两新组织党建工作月报", "Monthly party-building report"),
        "monthly.month": ("{year}年{month}月", "{year}-{month:02d}"),
        "monthly.day": ("{year}年{month}月{day}日", "{year}-{month:02d}-{day:02d}"),
        "monthly.period": ("{first} 至 {last}，共 {n} 期", "{first} to {last}, {n} snapshots"),
        "monthly.district": ("全区合计", "District total"),
        "monthly.no_street": ("（无街道）", "(no street)"),
        "monthly.streets": ("各街道情况", "By street"),
        "monthly.trend": ("各街道覆盖率走势", "Rates by street over time"),
        "monthly.bulletin": ("通报：各街道排名（{month}）", "Bulletin: streets ranked ({month})"),
        "monthly.bulletin_help": (
            "按三项名次之和排序（名次 1 为最落后，并列取最好名次）：组织覆盖率由低到高、"
            "错误类问题由多到少、三项覆盖率中较上期最大降幅由大到小；和相同时组织覆盖率、工作覆盖率低者在前。",
            "Ranked by the sum of three places (1 lags most; ties share the best place): organisational "
            "coverage, lowest first; open error findings, most first; the biggest drop of the three rates "
            "since the snapshot before, largest first. Ties go to the lower organisational, then work "
            "coverage.",
        ),
        "monthly.change_help": (
            "“较上期”为与上一期快照相比的变化；组织生活、走访、培训为本月（月初至快照日期）的记录数，"
            "挂牌为快照日期有效的党员经营户挂牌数；空白表示该期台账没有这张表（尚未记录）。",
            "“Change” is against the snapshot before; activities, visits and training are this month's "
            "records (from the first of the month to the snapshot date), plaques the member plaques valid "
            "at the snapshot date; blank: that snapshot's ledger has no such table (not kept yet).",
        ),
        "monthly.moves": (
            "较上期：台账新增 {added} 行、删除 {removed} 行、变更 {changed} 项；覆盖状态变化 {moves} 家；"
            "问题新发现 {opened} 条、已解决 {resolved} 条、仍存在 {persisting} 条。",
            "Since the snapshot before: {added} ledger rows added, {removed} removed, {changed} values "
            "changed; {moves} units changed coverage status; findings {opened} opened, {resolved} resolved, "
            "{persisting} persisting.",
        ),
        "monthly.details": ("变化明细", "What changed"),
        "monthly.capped": (
            "仅显示前 {shown} 行，共 {total} 行；完整数据见 {file}。",
            "Showing the first {shown} of {total} rows; the full table is in {file}.",
        ),
        "monthly.none": ("无。", "None."),
        "compare.reading": (
            "读取并分析 {name}（截至 {date}）",
            "Reading and analysing {name} (as of {date})",
        ),
        "compare.head": ("已比较 {n} 期快照：{first} 至 {last}", "Compared {n} snapshots: {first} to {last}"),
        "compare.month": (
            "  {date}：单位 {units}　组织覆盖率 {org}　单独组建率 {own}　工作覆盖率 {work}",
            "  {date}: {units} units   organisational coverage {org}   own-organisation rate {own}   "
            "work coverage {work}",
        ),
        "compare.counts": (
            "台账变化 {changes} 条，覆盖状态变化 {moves} 家，问题新发现 {opened} 条、已解决 {resolved} 条",
            "{changes} ledger changes, {moves} status moves, {opened} findings opened, {resolved} resolved",
        ),
        "compare.out": ("输出已写入 {out}：{files}", "Outputs written to {out}: {files}"),
        "compare.too_few": ("至少需要两期快照，只给了 {n} 期", "needs at least two snapshots, got {n}"),
        "compare.no_date": (
            "{name}：文件名或文件夹名中没有月份（如 2026-10、2026年10月、202610），"
            "请改名或用 --dates 给出日期",
            "{name}: no month in its file or folder name (2026-10, 2026年10月, 202610); "
            "rename it or give --dates",
        ),
        "compare.dates_count": (
            "--dates 给出 {n} 个日期，但有 {m} 期快照",
            "--dates gives {n} dates for {m} snapshots",
        ),
        "compare.bad_date": (
            "--dates {value}：不是日期（YYYY-MM-DD）或月份（2026-10、2026年10月、202610）",
            "--dates {value}: not a date (YYYY-MM-DD) or a month (2026-10, 2026年10月, 202610)",
        ),
        "compare.same_date": (
            "{a} 与 {b} 的日期相同（{date}），每期快照须有自己的日期",
            "{a} and {b} are both dated {date}; give each snapshot its own date",
        ),
    }
)
del _table, _column, _pair

#: Chinese text of each relationship type, written along the lines of ego diagrams.
REL_LABELS = {
    "LOCATED_IN": "位于",
    "MEMBER_OF": "会员",
    "IN_STREET": "属地",
    "SUPERVISED_BY": "业务主管",
    "COVERED_BY": "覆盖",
    "BASED_AT": "依托",
    "REPORTS_TO": "隶属",
    "GUIDES": "指导",
    "SENT_BY": "派出",
    "LIAISES": "联络",
    "PAIRED_WITH": "结对共建",
    "BRANCH_OF": "机关支部",
    "SERVES": "服务",
}


# ----------------------------------------------- Neo4j Browser: captions
#: Chinese captions Browser draws on the relationship types the campaign tables add (the
#: graph's own types use :data:`REL_LABELS`, as the diagrams do).
BROWSER_REL_CAPTIONS: dict[str, str] = {
    "HOSTED_BY": "依托",
    "USED_BY": "使用",
    "HELD_BY": "组织生活",
    "FOR_ORG": "培训",
    "AWARDED_TO": "授予",
    "VISITED": "走访",
}


# ----------------------------------------------- Neo4j Browser: the campaign's favourites
#: Titles (zh, en) of the Browser favourites about the campaign tables
#: (:data:`graphkit.neo4j.browser_queries.CAMPAIGN_QUERIES`), by file stem.
BROWSER_CAMPAIGN_TITLES: dict[str, tuple[str, str]] = {
    "positions_below_standard": ("查看：“六有”缺项的阵地", "Positions missing a 六有 item"),
    "inactive_orgs": ("查看：近期未开展组织生活的党组织", "Organisations with no recent activity"),
    "untrained_secretaries": ("查看：未按期参加培训的党组织书记", "Secretaries not trained in time"),
    "unvisited_contacts": ("查看：指导员未按期走访的联系对象", "Contacts instructors have not visited"),
    "honours_at_risk": ("查看：存在风险的荣誉挂牌", "Honours at risk"),
    "grades_by_street": ("统计：各街道党组织分类定级", "Grades of party organisations by street"),
}


# ==================================================================================================
# The campaign (issue 11): positions 阵地 (六有), activities, secretaries' training, visits,
# demonstration sites (四个一), honours and plaques, grades (分类定级). Labels, values, details.
# ==================================================================================================

#: The 六有 items of a position, as the detail of ``POSITION_BELOW_STANDARD`` names them.
SIX_HAVE_LABELS: dict[str, tuple[str, str]] = {
    "has_site": ("有场所", "a site"),
    "has_facilities": ("有设施", "facilities"),
    "has_sign": ("有标志", "a sign"),
    "has_flag": ("有党旗", "a party flag"),
    "has_reading": ("有书报", "reading matter"),
    "has_rules": ("有制度", "rules on the wall"),
}

#: The 四个一 items of a demonstration site.
FOUR_ONE_LABELS: dict[str, tuple[str, str]] = {
    "plan": ("清晰思路", "a clear plan"),
    "vehicle": ("管用载体", "a working vehicle"),
    "rules": ("规范制度", "sound rules"),
    "atmosphere": ("浓厚氛围", "a strong atmosphere"),
}

#: The seven grading criteria, as a failure reads in the detail of ``ORG_LAGGING``.
CRITERION_FAILED: dict[str, tuple[str, str]] = {
    "position_ok": ("无达到“六有”的阵地", "no position meeting the six haves"),
    "active": ("近期无组织生活", "no recent activity"),
    "secretary_trained": ("书记未培训", "secretary untrained"),
    "term_ok": ("到期未换届", "term expired"),
    "instructor_reached": ("无党建指导员联系", "no instructor"),
    "paired": ("未结对共建", "not paired"),
    "level_ok": ("组织类别与党员数不符", "level does not fit members"),
}

COLUMNS.update(
    {
        # grades.csv
        "position_ok": ("阵地达标", "Position meets the six haves"),
        "active": ("组织生活正常", "Active"),
        "secretary_trained": ("书记已培训", "Secretary trained"),
        "term_ok": ("按期换届", "Term not expired"),
        "instructor_reached": ("有指导员联系", "Reached by an instructor"),
        "paired": ("已结对共建", "Paired"),
        "level_ok": ("组织类别相符", "Level fits members"),
        "fails": ("未达标项数", "Criteria failed"),
        "grade": ("分类定级", "Grade"),
        "grades.name": ("党组织名称", "Party organisation"),
        "grades.party_org_id": ("党组织编号", "Party organisation id"),
        # grades by street
        "party_orgs": ("党组织数", "Party organisations"),
        "advanced": ("先进", "Advanced"),
        "good": ("较好", "Good"),
        "fair": ("一般", "Fair"),
        "lagging": ("后进", "Lagging"),
        "ungraded": ("未定级", "Not graded"),
    }
)

VALUES["subject_kind"]["Position"] = ("阵地", "position")
VALUES["grade"] = {
    "advanced": ("先进", "advanced"),
    "good": ("较好", "good"),
    "fair": ("一般", "fair"),
    "lagging": ("后进", "lagging"),
}
VALUES["honour_type"] = {
    "member_plaque": ("党员经营户挂牌", "party-member business plaque"),
    "model_shop": ("党员示范店", "party-member model shop"),
    "five_star": ("五星文明商户", "five-star civilised business"),
    "civilised": ("文明诚信企业", "civilised and honest enterprise"),
    "demo_site": ("非公企业党建示范点", "party-building demonstration site"),
    "advanced_org": ("先进基层党组织", "advanced party organisation"),
}

TEXT.update(
    {
        "analyze.grades": (
            "分类定级（{n}个党组织）：先进{advanced}个　较好{good}个　一般{fair}个　后进{lagging}个",
            "Grades of {n} party organisations: {advanced} advanced, {good} good, {fair} fair, "
            "{lagging} lagging",
        ),
        "honour_at_risk.graded_lagging": ("分类定级为后进", "graded lagging"),
    }
)

DETAILS.update(
    {
        "NO_POSITION": (
            "没有阵地为其服务（无其依托、使用或所在载体的党建阵地）",
            "No position serves it (none hosted by it, used by it or at its base carrier)",
        ),
        "POSITION_BELOW_STANDARD": (
            "未达到“六有”标准，缺少：{missing}",
            "Below the six-haves standard; missing: {missing}",
        ),
        "INACTIVE_ORG": (
            "近{days}天内无组织生活记录（最近一次：{last}）",
            "No activity recorded in the last {days} days (last: {last})",
        ),
        "INACTIVE_ORG:never": (
            "近{days}天内无组织生活记录（从未记录）",
            "No activity recorded in the last {days} days (none ever)",
        ),
        "SECRETARY_UNTRAINED": (
            "书记{secretary}近{days}天内无培训记录",
            "Secretary {secretary} has no training recorded in the last {days} days",
        ),
        "UNVISITED_CONTACT": (
            "近{days}天内未走访联系对象“{target}”（最近一次：{last}）",
            "Has not visited contact {target} in the last {days} days (last: {last})",
        ),
        "UNVISITED_CONTACT:never": (
            "近{days}天内未走访联系对象“{target}”（从未走访）",
            "Has not visited contact {target} in the last {days} days (never)",
        ),
        "DEMO_SITE_BELOW_STANDARD": (
            "示范点未达标准：{problems}",
            "Demonstration site below standard: {problems}",
        ),
        "DEMO_SITE_BELOW_STANDARD:four_ones": (
            "缺少“四个一”中的{missing}",
            "missing {missing} of the four ones",
        ),
        "HONOUR_AT_RISK": (
            "持有{honours}，但党建工作不到位：{reasons}",
            "Holds {honours}, but its party building falls short: {reasons}",
        ),
        "PLAQUE_WITHOUT_MEMBER": (
            "挂有党员经营户牌，但没有正式党员",
            "Holds a party-member business plaque but has no full member",
        ),
        "ORG_LAGGING": (
            "分类定级为后进：{fails}项未达标（{failed}）",
            "Graded lagging: {fails} criteria failed ({failed})",
        ),
    }
)


#: How :func:`listed` joins the words of a list: (zh, en).
LIST_JOIN: tuple[str, str] = ("、", ", ")


def listed(flags: pd.DataFrame, words: dict[str, tuple[str, str]], *, lang: str = "zh") -> pd.Series:
    """For each row of ``flags``, the words of its true columns, joined (by ``、``; in English ``, ``).

    Column by column, not row by row: O(rows × columns). Columns of
    ``flags`` not in ``words`` are ignored; a row with no true column gives ``""``.

    Parameters
    ----------
    flags
        Boolean columns (missing values count as false).
    words
        Column -> (zh, en) word, in the order to list them.
    lang
        ``"zh"`` or ``"en"``.

    Examples
    --------
    >>> flags = pd.DataFrame({"has_flag": [True, False], "has_sign": [True, False]})
    >>> listed(flags, SIX_HAVE_LABELS).tolist()
    ['有标志、有党旗', '']
    >>> listed(flags, SIX_HAVE_LABELS, lang="en").tolist()
    ['a sign, a party flag', '']

    """
    sep = _pick(LIST_JOIN, lang)
    out = pd.Series("", index=flags.index, dtype="string")
    for column, pair in words.items():
        if column not in flags.columns:
            continue
        on = flags[column].fillna(False).to_numpy(dtype=bool)
        word = _pick(pair, lang)
        joined = out.where(out.eq(""), out + sep) + word
        out = out.where(~on, joined)
    return out


# ==================================================================================================
# The report's campaign sections (issue 11 item 7): positions, activity, training, honours, grades
# in report.xlsx (sheets 党建工作 and 分类定级) and report.html (graphkit.report.campaign).
# Keys under "campaign.*" and table-specific column labels, so nothing here relabels another table.
# ==================================================================================================

SHEETS.update({"campaign": ("党建工作", "Party work"), "grades": ("分类定级", "Grades")})

TEXT.update(
    {
        "campaign.positions": ("阵地建设", "Positions"),
        "campaign.activity": ("组织生活", "Organisational life"),
        "campaign.training": ("书记培训", "Training"),
        "campaign.honours": ("评选挂牌", "Honours and plaques"),
        "campaign.grades": ("分类定级", "Grades"),
        "campaign.table.positions": ("阵地", "positions"),
        "campaign.table.activities": ("组织生活", "activities"),
        "campaign.table.trainings": ("培训记录", "trainings"),
        "campaign.table.honours": ("评选挂牌", "honours"),
        "campaign.not_kept": (
            "台账没有{table}表（尚未记录），此项未统计。",
            "The ledger has no {table} table (not kept yet): not counted.",
        ),
        "campaign.not_graded": (
            "未定级：台账缺少 {missing}，定级所需的检查未运行（grades.csv 列出已能评估的项目）。",
            "Not graded: the ledger lacks {missing}, which grading needs (grades.csv lists the criteria "
            "that could be assessed).",
        ),
        "campaign.count": ("数量", "Count"),
        "campaign.of": ("总数", "Of"),
        "campaign.share_of": ("占 {total} 的 {share}", "{share} of {total}"),
        "campaign.share": ("占比", "Share"),
        "campaign.metric.positions": ("阵地数", "Positions"),
        "campaign.metric.positions_six_haves": ("达到“六有”的阵地", "Positions meeting all six haves"),
        "campaign.metric.orgs_served": ("有阵地服务的党组织", "Organisations served by a position"),
        "campaign.metric.orgs_position_ok": (
            "有“六有”阵地服务的党组织",
            "Organisations served by a position meeting the six haves",
        ),
        "campaign.metric.no_position": ("无阵地的党组织", "Organisations with no position"),
        "campaign.metric.orgs_active": (
            "近{days}天开展组织生活的党组织",
            "Organisations active in the last {days} days",
        ),
        "campaign.metric.activities_12m": (
            "近{months}个月组织生活（次）",
            "Activities in the last {months} months",
        ),
        "campaign.metric.inactive": ("组织生活不经常的党组织", "Inactive organisations"),
        "campaign.metric.secretaries_trained": (
            "书记近{days}天内参加培训的党组织",
            "Organisations whose secretary was trained in the last {days} days",
        ),
        "campaign.metric.no_secretary": ("未配备书记的党组织", "Organisations with no secretary"),
        "campaign.metric.district_batches": ("区级培训（批次）", "District training batches"),
        "campaign.metric.street_sessions": ("街道级培训（期）", "Street training sessions"),
        "campaign.metric.person_times": ("培训人次", "Person-times trained"),
        "campaign.metric.honours_valid": ("有效荣誉与挂牌", "Valid honours and plaques"),
        "campaign.metric.member_plaques": ("党员经营户挂牌（户）", "Party-member business plaques"),
        "campaign.metric.honours_at_risk": ("存在风险的荣誉", "Honours at risk"),
        "campaign.metric.plaque_without_member": (
            "挂牌户无正式党员",
            "Plaques on a unit with no full member",
        ),
        "campaign.six_have.has_site": ("有场所", "Site"),
        "campaign.six_have.has_facilities": ("有设施", "Facilities"),
        "campaign.six_have.has_sign": ("有标志", "Sign"),
        "campaign.six_have.has_flag": ("有党旗", "Party flag"),
        "campaign.six_have.has_reading": ("有书报", "Reading matter"),
        "campaign.six_have.has_rules": ("有制度", "Rules on the wall"),
        "campaign.six_haves": ("“六有”各项缺项的阵地数", "Positions missing each of the six haves"),
        "campaign.activity_months": ("近{months}个月组织生活", "Activities in the last {months} months"),
        "campaign.activity_months_note": ("本月统计至 {as_of}。", "This month counts up to {as_of}."),
        "campaign.training_levels": (
            "近{days}天的培训（按主办层级）",
            "Training in the last {days} days, by level",
        ),
        "campaign.level.district": ("区级", "District"),
        "campaign.level.street": ("街道级", "Street"),
        "campaign.level.no_level": ("未注明", "Not stated"),
        "campaign.honours_by_type": (
            "有效荣誉与挂牌（按类别、级别）",
            "Valid honours and plaques by type and level",
        ),
        "campaign.grades_by_street": ("各街道分类定级", "Grades by street"),
        "campaign.criteria_failed": ("各项标准未达标的党组织数", "Organisations failing each criterion"),
        "chart_grades": ("各街道党组织分类定级", "Grades of party organisations by street"),
        "chart_grades_axis": ("党组织数", "Party organisations"),
        "chart_grades_lagging": ("后进 {n}", "{n} lagging"),
        "chart_grades_note": (
            "有后进党组织的街道排在最前（按后进、一般的数量）。",
            "Streets with lagging organisations come first (by lagging, then fair).",
        ),
        "chart_activity": ("近12个月组织生活次数", "Activities per month, last 12 months"),
        "chart_activity_axis": ("组织生活（次）", "Activities"),
    }
)

COLUMNS.update(
    {
        "six_haves.item": ("“六有”项目", "Item"),
        "six_haves.positions": ("缺少该项的阵地数", "Positions missing it"),
        "activity_months.month": ("月份", "Month"),
        "activity_months.activities": ("组织生活（次）", "Activities"),
        "activity_months.party_orgs": ("开展的党组织数", "Organisations holding one"),
        "activity_months.attendees": ("参加人次", "Attendees"),
        "training_levels.level": ("主办层级", "Level"),
        "training_levels.batches": ("批次（期）", "Batches (sessions)"),
        "training_levels.person_times": ("人次", "Person-times"),
        "training_levels.people": ("人数", "People"),
        "honours_by_type.honour_type": ("类别", "Type"),
        "honours_by_type.province": ("省级", "Province"),
        "honours_by_type.city": ("市级", "City"),
        "honours_by_type.district": ("区级", "District"),
        "honours_by_type.street": ("街道级", "Street"),
        "honours_by_type.no_level": ("未注明", "Not stated"),
        "honours_by_type.total": ("合计", "Total"),
        "grades_by_street.street": ("街道", "Street"),
        "criteria_failed.criterion": ("未达标项", "Failing"),
        "criteria_failed.party_orgs": ("未达标的党组织数", "Organisations failing it"),
    }
)


# ==================================================================================================
# The interactive page (graphkit.draw.interactive, issue 13): the headline of its first view, its
# controls, panels and notes. Kept in one block so that edits elsewhere in this file do not meet it.
# ==================================================================================================
TEXT.update(
    {
        "page.headline": (
            "{streets:,}个街道共{units:,}家单位：未覆盖{uncovered:,}家，仅工作覆盖{work_only:,}家",
            "{units:,} units in {streets:,} streets: {uncovered:,} uncovered, "
            "{work_only:,} work coverage only",
        ),
        "page.headline_worst": (
            "；问题最多的是{name}（未覆盖{uncovered:,}家、仅工作覆盖{work_only:,}家）",
            "; most in {name} ({uncovered:,} uncovered, {work_only:,} work only)",
        ),
        "page.how_to": (
            "每个圆饼是一个街道（面积与单位数成正比，按覆盖状态分色），红色、橙色角标为未覆盖、仅工作覆盖的单位数；"
            "点击街道或搜索单位即展开",
            "Each pie is a street (area by units, slices by coverage status); red and orange badges "
            "count its uncovered and work-only units; click a street or search a unit to open it",
        ),
        "page.nodes_note": ("共{total:,}个节点（{units:,}家单位）", "{total:,} nodes ({units:,} units)"),
        "page.merged_note": (
            "；为保持流畅，已将{merged}家单位合并为汇总节点（按街道和覆盖状态，单独组建的先合并）",
            "; to stay fluid, {merged} units are merged into summary nodes (by street and status, own "
            "organisations first)",
        ),
        "page.search_all": ("，搜索仍可找到每一家", ", search still finds each of them"),
        "page.search_drawn": ("，搜索仅限图中节点", ", search finds drawn nodes only"),
        "page.left_out_note": (
            "；另有{left_out}个联系较少的组织、载体等节点未画出",
            "; {left_out} less linked organisations, carriers and other nodes are not drawn",
        ),
        "page.part_street": ("仅画出{names}及其相邻节点", "Only {names} and their neighbours are drawn"),
        "page.part_focus": (
            "仅画出{names}及其{radius}步以内的节点",
            "Only {names} and the nodes within {radius} steps are drawn",
        ),
        "page.search_placeholder": ("按名称搜索…", "Search by name…"),
        "page.search": ("搜索", "Search"),
        "page.street": ("街道", "Street"),
        "page.all_streets": ("全部街道", "All streets"),
        "page.overview": ("总览", "Overview"),
        "page.expand_all": ("展开全部", "Open all"),
        "page.collapse": ("收起该街道", "Close this street"),
        "page.ranking": ("街道（按未覆盖、仅工作覆盖排序）", "Streets (by uncovered, then work only)"),
        "page.ranking_row": (
            "未覆盖{uncovered} · 仅工作{work_only} / {units}家",
            "{uncovered} · {work_only} / {units}",
        ),
        "page.results": ("搜索结果", "Search results"),
        "page.results_hint": ("输入名称后回车", "Type a name and press Enter"),
        "page.not_found": ("未找到", "Nothing found"),
        "page.more": ("……共{n}项", "… {n} in all"),
        "page.details": ("节点详情", "Details"),
        "page.details_hint": ("点击图中节点查看详情", "Click a node for its details"),
        "page.neighbours": ("相邻节点", "Neighbours"),
        "page.kind": ("节点类型", "Kind"),
        "page.id": ("编号", "Id"),
        "page.status": ("覆盖状态", "Coverage status"),
        "page.at": ("图中位置", "Drawn as"),
        "page.not_drawn": ("未画出", "not drawn"),
        "page.units": ("{n}家", "{n} units"),
        "page.nodes": ("{n}个节点", "{n} nodes"),
        "page.no_street": ("未归属街道", "No street"),
        "page.summary": ("汇总节点", "Summary node"),
        "page.badges": ("角标：", "Badges: "),
        "page.no_inflate": (
            "此浏览器无法解压内嵌的页面数据；请用 save() 保存后在新版浏览器中打开",
            "This browser cannot unpack the embedded page; save() it and open it in a recent browser",
        ),
    }
)


# ---------------------------------------------------------------- provenance (issue 12)
# Where each finding comes from, the console's "first problems" and graphkit annotate.
COLUMNS.update(
    {
        "source_file": ("来源文件", "Source file"),
        "source_sheet": ("来源工作表", "Source sheet"),
        "source_row": ("来源行号", "Source row"),
        "source_column": ("来源列", "Source column"),
        "where": ("台账位置", "Where in the ledger"),
    }
)
TEXT.update(
    {
        "first_problems": ("前 {n} 个问题及其台账位置：", "The first {n} problems and where they are:"),
        "annotate.list_sheet": ("问题清单", "Problems"),
        "annotate.rejected": ("该行未使用：{reason}", "row not used: {reason}"),
        "annotate.expects": ("要求：{rule}", "The rule: {rule}"),
        "annotate.written": (
            "已写出标注台账 {path}：{cells} 处标注，{findings} 个问题，{rejects} 行未使用",
            "Annotated ledger written to {path}: {cells} marked places, {findings} findings, "
            "{rejects} rows not used",
        ),
    }
)

#: code -> what the rule expects, for the comments of ``graphkit annotate`` (DESIGN §5 in words).
RULE_TEXTS: dict[str, tuple[str, str]] = {
    "UNCOVERED": (
        "单位应有组织覆盖或工作覆盖（党组织、指导员或联络员）",
        "a unit needs a party organisation or party work reaching it",
    ),
    "MEMBERS_WITHOUT_ORG": (
        "有正式党员的单位应纳入党组织覆盖",
        "a unit with full members should be covered by a party organisation",
    ),
    "SHOULD_FORM_OWN": (
        "正式党员3人以上的单位应单独组建党组织",
        "a unit with 3 or more full members should form its own organisation",
    ),
    "JOINT_ORG_TOO_LARGE": ("联合党支部覆盖单位一般不超过5家", "a joint branch should cover at most 5 units"),
    "ORG_LEVEL_MISMATCH": (
        "党支部不超过50人，党总支50人以上，党委100人以上",
        "a branch has at most 50 members, a general branch 50 or more, a committee 100 or more",
    ),
    "TERM_EXPIRED": ("党组织应按期换届", "an organisation should hold its election when its term ends"),
    "TERM_EXPIRING": ("届满前应做好换届准备", "prepare the election before the term ends"),
    "OVERLOADED_INSTRUCTOR": (
        "每名党建指导员联系对象一般不超过8个",
        "an instructor should have at most 8 contacts",
    ),
    "IDLE_INSTRUCTOR": ("党建指导员应有联系对象", "an instructor should be assigned contacts"),
    "NO_INSTRUCTOR": (
        "党组织和有党员的单位应有党建指导员联系",
        "organisations and units with members should be reached by an instructor",
    ),
    "UNPAIRED_ORG": ("党组织应与机关党支部结对共建", "an organisation should be paired with an organ branch"),
    "IDLE_ORGAN_BRANCH": ("机关党支部应结对共建", "an organ branch should have a pairing"),
    "OVERPAIRED_ORGAN_BRANCH": (
        "每个机关党支部结对一般不超过3个",
        "an organ branch should have at most 3 pairings",
    ),
    "ATTRIBUTION_MISMATCH": (
        "谁主管、谁负责：社会组织党组织应隶属其业务主管单位",
        "a social organisation's party organisation belongs under its supervising department",
    ),
    "UNDERSTAFFED_DEPARTMENT": (
        "党建专干人数应达到应配人数",
        "party-office staff should reach the required number",
    ),
    "STREET_WITHOUT_DEMO": ("每个街道应有示范点", "each street should have a demonstration site"),
    "STREET_WITHOUT_STATION": ("每个街道应有党建指导站", "each street should have a guidance station"),
    "NO_POSITION": ("党组织应有党建阵地", "an organisation should be served by a position"),
    "POSITION_BELOW_STANDARD": (
        "阵地应达到“六有”：有场所、有设施、有标志、有党旗、有书报、有制度",
        "a position should have all six haves",
    ),
    "INACTIVE_ORG": ("90天内应有组织生活记录", "an organisation should hold an activity within 90 days"),
    "NO_SECRETARY": ("党组织应配备书记", "an organisation should have a secretary"),
    "SECRETARY_UNTRAINED": ("书记一年内应参加培训", "the secretary should be trained within a year"),
    "UNVISITED_CONTACT": (
        "指导员90天内应走访联系对象",
        "an instructor should visit each contact within 90 days",
    ),
    "DEMO_SITE_BELOW_STANDARD": (
        "示范点应达到“四个一”并有阵地、组织生活、按期换届",
        "a demonstration site should meet the four-ones and the basic standards",
    ),
    "HONOUR_AT_RISK": ("评选挂牌应以党建工作到位为前提", "an honour presumes party work in order"),
    "PLAQUE_WITHOUT_MEMBER": ("党员经营户挂牌的单位应有正式党员", "a member plaque needs a full member"),
    "ORG_LAGGING": ("分类定级为后进的党组织应整改提升", "a lagging organisation should improve"),
    "BAD_CREDIT_CODE": (
        "统一社会信用代码应为18位且校验位正确",
        "a credit code has 18 characters and a valid check character",
    ),
    "DUPLICATE_ID": ("编号在全部表中应唯一", "ids must be unique across all tables"),
    "UNKNOWN_REFERENCE": (
        "引用应为台账中已有的编号或准确名称",
        "a reference must be an id or exact name in the ledger",
    ),
    "MISSING_FIVE_CLEARS": (
        "“五个清”各项应填写，未建组织的应写明原因",
        "fill in the five clears, and the reason when there is no organisation",
    ),
    "PARENT_CYCLE": ("上级党组织关系不能成环", "parent links must not form a loop"),
}


# ---------------------------------------------------------------- data-quality details (validate)
# The sentences of graphkit.validate, as templates, so that every finding sentence has one (the
# Browser favourites compute them in Cypher from these). A MISSING_FIVE_CLEARS detail is its
# "missing" part and its "no_reason" part, those present, joined by PARTS_JOIN.
DETAILS.update(
    {
        "BAD_CREDIT_CODE:length": (
            "“{code}”不是有效的统一社会信用代码：应为18位（实为{length}位）",
            '"{code}" is not a valid unified social credit code: should have 18 characters (has {length})',
        ),
        "BAD_CREDIT_CODE:characters": (
            "“{code}”不是有效的统一社会信用代码：含有不允许的字符（或第3—8位不是数字）",
            '"{code}" is not a valid unified social credit code: has a character outside 0-9 and A-Y '
            "without I, O, S, V, Z (or a letter in positions 3-8)",
        ),
        "BAD_CREDIT_CODE:check": (
            "“{code}”不是有效的统一社会信用代码：校验码错误（应为{check}）",
            '"{code}" is not a valid unified social credit code: wrong check character (should be {check})',
        ),
        "MISSING_FIVE_CLEARS:missing": ("缺少{missing}", "missing: {missing}"),
        "MISSING_FIVE_CLEARS:no_reason": (
            "未建党组织且未填写原因",
            "no party organisation and no reason given",
        ),
    }
)

#: How the parts of a detail are joined (``MISSING_FIVE_CLEARS``, ``DEMO_SITE_BELOW_STANDARD``): (zh, en).
PARTS_JOIN: tuple[str, str] = ("；", "; ")
