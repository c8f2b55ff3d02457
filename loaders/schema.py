"""The ledger contract (DESIGN §4): tables, columns, header aliases, value words.

This module is the single place that says how a ledger looks. The reader
(:mod:`loaders.ledger`) and the writer (:func:`loaders.write_ledger`) both use it,
so what one writes the other reads.

Headers and sheet names are compared after Traditional→Simplified conversion,
with spaces, full-width/half-width forms, ``*`` markers and bracketed notes
removed; see :func:`loaders.ledger.normalise_header`.
"""

from __future__ import annotations

import dataclasses

__all__ = ["BOOL_WORDS", "TABLES", "VALUE_WORDS", "ColumnSpec", "TableSpec"]


@dataclasses.dataclass(frozen=True)
class ColumnSpec:
    """One ledger column.

    ``type`` is one of ``id``, ``text``, ``int``, ``number`` (a decimal),
    ``bool`` (是/否, mapped by :data:`BOOL_WORDS`), ``date``, ``enum`` (mapped by
    :data:`VALUE_WORDS`), ``ref`` (a reference by id or exact name to nodes of
    ``ref_kinds``) or ``refs`` (several references separated by 、,，;；).
    ``rel`` names the relationship a reference becomes.
    """

    name: str
    zh: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    type: str = "text"
    ref_kinds: tuple[str, ...] = ()
    rel: str | None = None


@dataclasses.dataclass(frozen=True)
class TableSpec:
    """One ledger table: canonical name, Chinese names, node kind and columns.

    A table with a node ``kind`` gives a node per row; one without gives
    relationships (assignments, pairings) or, when ``event`` is set, rows of
    an event table (activities, visits, trainings, honours: a row per dated
    record, see :data:`graphkit.model.EVENT_TABLES`).
    """

    name: str
    zh: str
    aliases: tuple[str, ...]
    kind: str | None
    columns: tuple[ColumnSpec, ...]
    event: bool = False

    def column(self, name: str) -> ColumnSpec:
        """Return the column spec called ``name``."""
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


_ID = ("编号", "代码", "ID", "id")
_NAME = (
    "名称",
    "单位名称",
    "企业名称",
    "组织名称",
    "党组织名称",
    "部门名称",
    "街道名称",
    "支部名称",
    "载体名称",
    "姓名",
)
_STREET = ("所属街道", "所在街道", "街道")
_PHONE = ("联系电话", "电话", "手机")


def _c(name: str, zh: str, *aliases: str, **kw: object) -> ColumnSpec:
    return ColumnSpec(name, zh, tuple(aliases), **kw)  # type: ignore[arg-type]


TABLES: dict[str, TableSpec] = {
    t.name: t
    for t in [
        TableSpec(
            "units",
            "单位台账",
            ("单位", "两新组织台账", "非公企业和社会组织台账", "企业台账"),
            "Unit",
            (
                _c("id", "统一社会信用代码", *_ID, "信用代码", required=True, type="id"),
                _c("name", "单位名称", *_NAME, required=True),
                _c("kind", "单位类型", "类型", type="enum"),
                _c(
                    "street",
                    "所属街道",
                    *_STREET,
                    required=True,
                    type="ref",
                    ref_kinds=("Street",),
                    rel="IN_STREET",
                ),
                _c("employees", "从业人员数", "职工人数", "从业人数", type="int"),
                _c("party_members", "正式党员数", "党员数", "党员人数", type="int"),
                _c("probationary_members", "预备党员数", type="int"),
                _c(
                    "carrier",
                    "所在楼宇/商圈/园区",
                    "所在楼宇",
                    "所在载体",
                    "载体",
                    type="ref",
                    ref_kinds=("Carrier",),
                    rel="LOCATED_IN",
                ),
                _c(
                    "association",
                    "所属行业协会商会",
                    "行业协会商会",
                    "所属协会",
                    type="refs",
                    ref_kinds=("Carrier",),
                    rel="MEMBER_OF",
                ),
                _c(
                    "supervisor",
                    "业务主管单位",
                    "主管单位",
                    "业务主管(指导)单位",
                    type="ref",
                    ref_kinds=("Department",),
                    rel="SUPERVISED_BY",
                ),
                _c(
                    "party_org",
                    "所在党组织",
                    "党组织",
                    "隶属党组织",
                    type="ref",
                    ref_kinds=("PartyOrg",),
                    rel="COVERED_BY",
                ),
                _c("operation", "经营运行情况"),
                _c("workforce", "职工队伍情况"),
                _c("party_status", "党员队伍情况"),
                _c("investor", "出资人或责任人情况"),
                _c("no_org_reason", "未建党组织原因"),
            ),
        ),
        TableSpec(
            "carriers",
            "载体",
            ("楼宇商圈", "载体台账", "楼宇", "商圈市场"),
            "Carrier",
            (
                _c("id", "编号", *_ID, required=True, type="id"),
                _c("name", "载体名称", *_NAME, required=True),
                _c("kind", "载体类型", "类型", required=True, type="enum"),
                _c("street", "所属街道", *_STREET, type="ref", ref_kinds=("Street",), rel="IN_STREET"),
            ),
        ),
        TableSpec(
            "party_orgs",
            "党组织",
            ("党组织台账", "两新党组织"),
            "PartyOrg",
            (
                _c("id", "编号", *_ID, required=True, type="id"),
                _c("name", "党组织名称", *_NAME, required=True),
                _c("level", "党组织类别", "组织类别", "级别", required=True, type="enum"),
                _c("form", "组建方式", "组建形式", required=True, type="enum"),
                _c(
                    "base",
                    "依托载体或部门",
                    "依托单位",
                    "依托载体",
                    type="ref",
                    ref_kinds=("Carrier", "Department"),
                    rel="BASED_AT",
                ),
                _c(
                    "parent",
                    "上级党组织",
                    "隶属关系",
                    type="ref",
                    ref_kinds=("PartyOrg", "Department", "Street"),
                    rel="REPORTS_TO",
                ),
                _c("street", "所属街道", *_STREET, type="ref", ref_kinds=("Street",), rel="IN_STREET"),
                _c("members", "党员数", "党员人数", type="int"),
                _c("term_ends", "届满时间", "任期届满时间", type="date"),
                _c("demo_level", "示范点", "示范点级别", type="enum"),
                _c("secretary", "书记", "党组织书记", "支部书记"),
                _c("plan", "清晰思路", "有清晰思路", type="bool"),
                _c("vehicle", "管用载体", "有管用载体", type="bool"),
                _c("rules", "规范制度", "有规范制度", type="bool"),
                _c("atmosphere", "浓厚氛围", "有浓厚氛围", type="bool"),
                _c("brand", "特色品牌", "党建品牌"),
            ),
        ),
        TableSpec(
            "departments",
            "部门",
            ("部门台账", "主管部门"),
            "Department",
            (
                _c("id", "编号", *_ID, required=True, type="id"),
                _c("name", "部门名称", *_NAME, required=True),
                _c("party_office_staff", "党建专干人数", "党建专干", type="int"),
                _c("required_staff", "应配专干人数", "应配党建专干人数", type="int"),
            ),
        ),
        TableSpec(
            "streets",
            "街道",
            ("街道台账", "街道办事处"),
            "Street",
            (
                _c("id", "编号", *_ID, required=True, type="id"),
                _c("name", "街道名称", *_NAME, required=True),
                _c("guidance_station", "指导站", "党建指导站", "非公党建指导站"),
            ),
        ),
        TableSpec(
            "instructors",
            "党建指导员",
            ("指导员",),
            "Instructor",
            (
                _c("id", "编号", *_ID, required=True, type="id"),
                _c("name", "姓名", *_NAME, required=True),
                _c(
                    "sent_by",
                    "派出单位",
                    "选派单位",
                    type="ref",
                    ref_kinds=("Department", "Street"),
                    rel="SENT_BY",
                ),
                _c("phone", "联系电话", *_PHONE),
            ),
        ),
        TableSpec(
            "liaisons",
            "企业联络员",
            ("联络员",),
            "Liaison",
            (
                _c("id", "编号", *_ID, required=True, type="id"),
                _c("name", "姓名", *_NAME, required=True),
                _c(
                    "sent_by",
                    "派出单位",
                    "选派单位",
                    type="ref",
                    ref_kinds=("Department", "Street"),
                    rel="SENT_BY",
                ),
                _c("phone", "联系电话", *_PHONE),
            ),
        ),
        TableSpec(
            "assignments",
            "联系对象",
            ("联系关系", "指导员联系对象"),
            None,
            (
                _c(
                    "person",
                    "指导员/联络员",
                    "指导员",
                    "联络员",
                    "人员",
                    required=True,
                    type="ref",
                    ref_kinds=("Instructor", "Liaison"),
                ),
                _c(
                    "target",
                    "联系对象",
                    "联系单位",
                    required=True,
                    type="refs",
                    ref_kinds=("Unit", "PartyOrg", "Carrier"),
                ),
            ),
        ),
        TableSpec(
            "organ_branches",
            "机关党支部",
            ("机关支部",),
            "OrganBranch",
            (
                _c("id", "编号", *_ID, required=True, type="id"),
                _c("name", "支部名称", *_NAME, required=True),
                _c(
                    "department",
                    "所属部门",
                    "部门",
                    required=True,
                    type="ref",
                    ref_kinds=("Department",),
                    rel="BRANCH_OF",
                ),
            ),
        ),
        TableSpec(
            "pairings",
            "结对共建",
            ("结对", "结对共建台账"),
            None,
            (
                _c(
                    "organ_branch",
                    "机关党支部",
                    "机关支部",
                    required=True,
                    type="ref",
                    ref_kinds=("OrganBranch",),
                ),
                _c("party_org", "结对党组织", "党组织", required=True, type="refs", ref_kinds=("PartyOrg",)),
                _c("since", "结对时间", "开始时间", type="date"),
            ),
        ),
        TableSpec(
            "positions",
            "阵地",
            ("党建阵地", "阵地台账", "党群服务阵地"),
            "Position",
            (
                _c("id", "编号", *_ID, required=True, type="id"),
                _c("name", "阵地名称", *_NAME, required=True),
                _c(
                    "host",
                    "依托载体或党组织",
                    "依托载体",
                    "依托党组织",
                    "所在载体",
                    type="ref",
                    ref_kinds=("Carrier", "PartyOrg"),
                    rel="HOSTED_BY",
                ),
                _c(
                    "used_by",
                    "使用党组织",
                    "服务党组织",
                    "共用党组织",
                    type="refs",
                    ref_kinds=("PartyOrg",),
                    rel="USED_BY",
                ),
                _c("area", "面积", "面积（平方米）", "使用面积", type="number"),
                _c("has_site", "有场所", type="bool"),
                _c("has_facilities", "有设施", type="bool"),
                _c("has_sign", "有标志", "有标识", type="bool"),
                _c("has_flag", "有党旗", type="bool"),
                _c("has_reading", "有书报", "有书报刊", type="bool"),
                _c("has_rules", "有制度", type="bool"),
            ),
        ),
        TableSpec(
            "activities",
            "组织生活",
            ("党员活动", "活动记录", "组织生活记录", "主题党日"),
            None,
            (
                _c(
                    "party_org",
                    "党组织",
                    "所属党组织",
                    "党组织名称",
                    required=True,
                    type="ref",
                    ref_kinds=("PartyOrg",),
                ),
                _c("date", "日期", "活动日期", "活动时间", required=True, type="date"),
                _c("type", "活动类型", "类型", "活动形式", type="enum"),
                _c("attendees", "参加人数", "参加党员数", "人数", type="int"),
            ),
            event=True,
        ),
        TableSpec(
            "visits",
            "走访记录",
            ("走访", "走访台账", "联系走访记录"),
            None,
            (
                _c(
                    "person",
                    "指导员/联络员",
                    "指导员",
                    "联络员",
                    "人员",
                    "走访人",
                    required=True,
                    type="ref",
                    ref_kinds=("Instructor", "Liaison"),
                ),
                _c(
                    "target",
                    "走访对象",
                    "联系对象",
                    "对象",
                    required=True,
                    type="ref",
                    ref_kinds=("Unit", "PartyOrg", "Carrier"),
                ),
                _c("date", "走访日期", "日期", "走访时间", required=True, type="date"),
                _c("matter", "协调解决事项", "解决事项", "事项"),
            ),
            event=True,
        ),
        TableSpec(
            "trainings",
            "培训记录",
            ("培训", "培训台账", "书记培训"),
            None,
            (
                _c("person", "姓名", "人员", "参训人员", required=True),
                _c("role", "身份", "职务", type="enum"),
                _c(
                    "party_org",
                    "所属党组织",
                    "党组织",
                    type="ref",
                    ref_kinds=("PartyOrg",),
                ),
                _c("type", "培训类型", "类型", required=True, type="enum"),
                _c("date", "培训日期", "日期", "培训时间", required=True, type="date"),
                _c("batch", "批次", "期次"),
                _c("level", "主办层级", "层级", "主办单位层级", type="enum"),
                _c("hours", "学时", type="number"),
            ),
            event=True,
        ),
        TableSpec(
            "honours",
            "评选挂牌",
            ("荣誉", "挂牌", "评选表彰", "荣誉挂牌"),
            None,
            (
                _c(
                    "subject",
                    "对象",
                    "单位或党组织",
                    "获得者",
                    "挂牌对象",
                    required=True,
                    type="ref",
                    ref_kinds=("Unit", "PartyOrg"),
                ),
                _c("type", "类别", "荣誉类别", "类型", required=True, type="enum"),
                _c("level", "级别", type="enum"),
                _c("date", "授予时间", "时间", "日期", type="date"),
                _c("status", "状态", type="enum"),
            ),
            event=True,
        ),
    ]
}

#: For each enum column (table.column): canonical value -> words offices write.
#: The first word is the one the writer uses.
VALUE_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "units.kind": {
        "enterprise": ("企业", "非公企业", "非公有制企业", "enterprise"),
        "social_org": ("社会组织", "社会团体", "民办非企业单位", "基金会", "social_org"),
        "individual": ("个体工商户", "个体户", "个体", "individual"),
    },
    "carriers.kind": {
        "building": ("楼宇", "商务楼宇", "building"),
        "market": ("商圈市场", "商圈", "市场", "market"),
        "park": ("产业园区", "园区", "park"),
        "association": ("行业协会商会", "行业协会", "商会", "协会", "association"),
    },
    "party_orgs.level": {
        "committee": ("党委", "委员会", "committee"),
        "general_branch": ("党总支", "总支部", "general_branch"),
        "branch": ("党支部", "支部", "branch"),
    },
    "party_orgs.form": {
        "own": ("单独组建", "单建", "own"),
        "joint": ("联合组建", "联建", "joint"),
    },
    "party_orgs.demo_level": {
        "district": ("区级", "区级示范点", "district"),
        "street": ("街道级", "街道示范点", "街道级示范点", "street"),
    },
}
VALUE_WORDS |= {
    "activities.type": {
        "theme_day": ("主题党日", "theme_day"),
        "member_day": ("党员活动日", "member_day"),
        "general_meeting": ("支部党员大会", "党员大会", "general_meeting"),
        "committee_meeting": ("支委会", "支部委员会", "committee_meeting"),
        "group_meeting": ("党小组会", "group_meeting"),
        "lecture": ("党课", "lecture"),
    },
    "trainings.role": {
        "secretary": ("书记", "党组织书记", "支部书记", "secretary"),
        "party_worker": ("党务工作者", "党务干部", "party_worker"),
        "member": ("党员", "member"),
    },
    "trainings.type": {
        "induction": ("初任培训", "induction"),
        "rotation": ("集中轮训", "轮训", "rotation"),
        "topical": ("专题培训", "topical"),
    },
    "trainings.level": {
        "district": ("区级", "区委组织部", "district"),
        "street": ("街道级", "街道", "street"),
    },
    "honours.type": {
        "member_plaque": ("党员经营户挂牌", "党员经营户", "member_plaque"),
        "model_shop": ("党员示范店", "model_shop"),
        "five_star": ("五星文明商户", "five_star"),
        "civilised": ("文明诚信企业", "civilised"),
        "demo_site": ("非公企业党建示范点", "党建示范点", "demo_site"),
        "advanced_org": ("先进基层党组织", "advanced_org"),
    },
    "honours.level": {
        "province": ("省级", "province"),
        "city": ("市级", "city"),
        "district": ("区级", "district"),
        "street": ("街道级", "street"),
    },
    "honours.status": {
        "valid": ("有效", "valid"),
        "revoked": ("撤销", "已撤销", "revoked"),
    },
}

#: Yes/no cells (the 六有 and 四个一 items): value -> words offices write. The first is the writer's.
BOOL_WORDS: dict[bool, tuple[str, ...]] = {
    True: ("是", "有", "√", "✓", "Y", "yes", "true", "1", "已"),
    False: ("否", "无", "没有", "×", "✗", "N", "no", "false", "0", "未"),
}
