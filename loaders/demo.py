"""A synthetic 郑州市中原区 built from the figures of the district's own report.

:func:`demo_district` makes a deterministic district (or, with ``units=N``, a
city of several districts) whose counts are those the district published:
793 ledger enterprises and 126 social organisations (919 ledger units), 26
building party organisations covering 2,257 units, 158 instructors, 100
liaisons, 13 guidance stations for 14 streets, 17 social-organisation party
organisations under the education, health and civil-affairs departments, and
6 district-level plus 29 street-level demonstration sites.

Small units outside the 919-unit ledger (fewer than 8 employees and no party
members) are included because the building organisations cover them; the
extra unit column ``in_ledger`` says which are in the ledger: ``"是"`` (yes)
or ``"否"`` (no), a string so it reads back from a ledger unchanged.

A few problems of every finding code are planted on purpose, kept few (under
2 % of units for the coverage ones) so the district still looks like the one
described. ``net.meta["planted"]`` maps each code to the sorted subject ids
that DESIGN §5's definitions, with the default settings, flag.

Every kind of proposal has something to answer: besides the instructors
overloaded through one whole building (which nobody has the spare reach to
take), two are overloaded through 20–25 units assigned one by one, which
others of their street can take; and small groups of ledger enterprises with
1–2 full members and no organisation share a building or market (work
coverage through its organisation), candidates for a 联合党支部.

Examples
--------
>>> net = demo_district()
>>> figures = demo_summary(net)
>>> figures["ledger_enterprises"], figures["ledger_social_orgs"], figures["building_orgs"]
(793, 126, 26)
>>> figures["units_covered_by_building_orgs"], figures["instructors"], figures["stations"]
(2257, 158, 13)
>>> sorted(net.meta["planted"]["STREET_WITHOUT_STATION"])
['410102014']

"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphkit.creditcode import ALPHABET
from graphkit.model import Network

__all__ = ["DEFAULT_AS_OF", "SEED_FIGURES", "demo_district", "demo_summary", "with_file_errors"]

#: The as-of date the demo's terms are written against, fixed so the demo never changes.
DEFAULT_AS_OF = dt.date(2026, 11, 27)

#: The figures of the source report that :func:`demo_district` reproduces by default.
SEED_FIGURES: dict[str, int] = {
    "ledger_enterprises": 793,
    "ledger_social_orgs": 126,
    "ledger_units": 919,
    "building_orgs": 26,
    "units_covered_by_building_orgs": 2257,
    "instructors": 158,
    "liaisons": 100,
    "streets": 14,
    "stations": 13,
    "social_org_party_orgs": 17,
    "district_demo_sites": 6,
    "street_demo_sites": 29,
}

# ----------------------------------------------------------------- vocabulary
_STREETS = [
    "林山寨",
    "建设路",
    "棉纺路",
    "秦岭路",
    "桐柏路",
    "三官庙",
    "绿东村",
    "汝河路",
    "航海西路",
    "中原西路",
    "西流湖",
    "须水",
    "莲湖",
    "柳湖",
]
_NO_STATION = 13  # 柳湖: the street without a guidance station
_NO_DEMO = 11  # 须水: the street without a demonstration site
_DISTRICTS = [
    ("410102", "中原区"),
    ("410103", "二七区"),
    ("410104", "管城回族区"),
    ("410105", "金水区"),
    ("410106", "上街区"),
    ("410108", "惠济区"),
    ("410122", "中牟县"),
    ("410181", "巩义市"),
    ("410182", "荥阳市"),
    ("410183", "新密市"),
    ("410184", "新郑市"),
    ("410185", "登封市"),
]
_DEPARTMENTS = [
    "区委办公室",
    "区政府办公室",
    "区委组织部",
    "区委宣传部",
    "区委统战部",
    "区纪委监委",
    "区发展和改革委员会",
    "区教育局",
    "区科技工业和信息化局",
    "区民政局",
    "区财政局",
    "区人力资源和社会保障局",
    "区住房和城乡建设局",
    "区商务局",
    "区文化广电和旅游体育局",
    "区卫生健康委员会",
    "区市场监督管理局",
    "区残疾人联合会",
    "区工商业联合会",
    "区城市管理局",
    "区应急管理局",
    "区审计局",
]
_EDU, _CIVIL, _HR, _CULTURE, _HEALTH, _DISABLED = 7, 9, 11, 14, 15, 17
_BRAND = list(
    dict.fromkeys(
        "华鑫隆瑞泰丰盛嘉宏兴恒达源通联汇德信诚安康锦程博远中天正弘昌明晨光新蒲豫龙凯悦佳和美润祥合金"
        "鼎科创智云海启航宇星辰东方九州百川立邦众卓越富豪雅轩泽楚翔腾耀"
    )
)
_INDUSTRY = [
    "科技",
    "商贸",
    "建筑工程",
    "物流",
    "餐饮管理",
    "信息技术",
    "电子商务",
    "物业服务",
    "文化传媒",
    "医药",
    "机械设备",
    "装饰工程",
    "网络科技",
    "环保科技",
    "食品",
    "服饰",
    "汽车服务",
    "广告",
    "房地产经纪",
    "教育咨询",
]
_REGION = ["郑州", "河南", "郑州市中原区", "郑州"]
_SMALL_KIND = ["商行", "工作室", "经营部", "贸易商行", "设计工作室", "咨询服务部"]
_SURNAME = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石"
)
_GIVEN = list(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉鹏飞宇浩然子轩欣怡晨阳俊峰志国海燕"
)
_MOBILE = ["138", "139", "137", "136", "135", "186", "187", "188", "150", "151", "152", "158", "159", "189"]
_BUILDINGS = ["锦艺城", "中原万达广场", "绿都广场", "中原新区总部大厦"]
_BUILDING_SUFFIX = ["科技大厦", "商务中心", "金融大厦", "创业大厦", "财富中心", "国际大厦", "电商大厦"]
_MARKETS = [
    "郑州华中食品城",
    "中原区汽配大市场",
    "陇海西路建材市场",
    "棉纺路商业街",
    "郑州西郊茶城",
    "中原区农副产品批发市场",
    "须水家居建材城",
    "中原电子商城",
]
_PARKS = ["中原区电子商务产业园", "中原新区科技产业园", "须水都市工业园", "西流湖文化创意产业园"]
_ASSOCIATIONS = [
    "中原区个体劳动者协会",
    "中原区物流商会",
    "中原区餐饮行业协会",
    "中原区建筑业协会",
    "中原区电子商务协会",
    "中原区商贸流通协会",
    "中原区民营企业商会",
    "中原区家政服务协会",
    "中原区汽车服务商会",
    "中原区文化创意产业协会",
]
_OPERATION = ["正常经营", "经营稳定", "经营良好", "规模扩大中", "经营困难"]
_WORKFORCE = ["职工队伍稳定", "以青年职工为主", "流动性较大", "技术骨干为主", "外来务工人员较多"]
_PARTY_STATUS = ["党员组织关系已转入", "有流动党员", "党员作用发挥较好", "党员组织关系在原籍"]
_INVESTOR = ["出资人为党员", "出资人非党员", "责任人为党员", "出资人为入党积极分子", "外地投资人"]
_REASON_NONE = ["无正式党员", "暂无党员，已确定入党积极分子", "新成立单位，尚无党员"]
_REASON_FEW = ["正式党员不足3名，待联合组建", "党员组织关系未转入"]
_NUMERALS = "一二三四五六七八九十"

# default (seed) sizes; units=N scales them by N / 2757
_SEGMENTS = {
    "own_ent": 140,  # enterprises with ≥3 members and their own organisation
    "bldg_member": 150,  # ledger enterprises with 1–2 members in a building
    "bldg_zero": 230,  # ledger enterprises without members in a building
    "joint_ent": 130,  # enterprises in joint branches of markets, parks, associations
    "work_ent": 143,  # enterprises without organisation, reached by party work
    "soc_own": 8,  # social organisations with their own organisation
    "soc_joint": 36,  # social organisations in 9 joint branches of 4
    "soc_bldg": 39,  # social organisations in a building
    "soc_work": 43,  # social organisations without organisation
}
_BASE_UNITS = 2757  # 919 ledger units + 1,838 small units in buildings
_STRUCTURE = {
    "buildings": 26,
    "markets": 8,
    "parks": 4,
    "associations": 10,
    "instructors": 158,
    "liaisons": 100,
    "soc_joint_orgs": 9,
    "district_demo": 6,
    "street_demo": 29,
    "own_in_buildings": 20,
}
_PLANTED = {
    "UNCOVERED": 6,
    "MEMBERS_WITHOUT_ORG": 4,  # reached by an instructor
    "NO_INSTRUCTOR_UNIT": 2,  # members, no organisation, only a liaison
    "NO_INSTRUCTOR_ORG": 3,
    "SHOULD_FORM_OWN": 5,
    "JOINT_ORG_TOO_LARGE": 2,
    "ORG_LEVEL_MISMATCH": 3,
    "TERM_EXPIRED": 4,
    "TERM_EXPIRING": 8,
    "OVERLOADED_INSTRUCTOR": 3,  # through one whole building each
    "OVERLOADED_DIRECT": 2,  # through 20–25 units assigned one by one
    "JOINT_CANDIDATES": 2,  # groups of units with 1–2 members sharing a carrier (at least 2)
    "IDLE_INSTRUCTOR": 3,
    "UNPAIRED_ORG": 6,
    "IDLE_ORGAN_BRANCH": 3,
    "OVERPAIRED_ORGAN_BRANCH": 2,
    "ATTRIBUTION_MISMATCH": 2,
    "BAD_CREDIT_CODE": 3,
    "FIVE_CLEARS_BLANK": 8,
    "FIVE_CLEARS_REASON": 2,
}
_MIN_UNITS = 500


def _scaled(base: int, f: float) -> int:
    return max(1, round(base * f))


def _pick(rng: np.random.Generator, pool: list[str], n: int) -> np.ndarray:
    return np.asarray(pool, dtype=object)[rng.integers(0, len(pool), n)]


def _cat(*parts: Any) -> pd.Series:
    """Concatenate string arrays/scalars element-wise (vectorised, in Arrow)."""
    n = max(len(p) for p in parts if not isinstance(p, str))
    arrays: list[Any] = []
    for p in parts:
        if isinstance(p, str):
            arrays.append(p)
            continue
        arr = p.to_numpy() if isinstance(p, pd.Series | pd.Index) else np.asarray(p)
        if arr.dtype.kind in "iub":
            arrays.append(pa.array(arr).cast(pa.string()))
        else:
            arrays.append(pa.array(arr, type=pa.string(), from_pandas=True))
    if all(isinstance(a, str) for a in arrays):  # pragma: no cover - always called with an array
        return pd.Series(["".join(arrays)] * n, dtype="string")
    joined = pc.binary_join_element_wise(*arrays, "")
    return pd.Series(pd.arrays.ArrowStringArray(joined))


def _ids(prefix: str, n: int, start: int = 1, width: int = 4) -> np.ndarray:
    width = max(width, len(str(start + n)))
    return np.asarray([f"{prefix}{i:0{width}d}" for i in range(start, start + n)], dtype=object)


def _people(rng: np.random.Generator, n: int) -> tuple[pd.Series, pd.Series]:
    two = rng.random(n) < 0.7
    given = _cat(_pick(rng, _GIVEN, n), np.where(two, _pick(rng, _GIVEN, n), ""))
    names = _cat(_pick(rng, _SURNAME, n), given)
    digits = pd.Series(rng.integers(0, 10**8, n)).astype(str).str.zfill(8)
    phones = _cat(_pick(rng, _MOBILE, n), digits)
    return names, phones


def _brands(rng: np.random.Generator, n: int, offset: int) -> np.ndarray:
    """Distinct two-character brand names (with a number once the pool runs out)."""
    b = len(_BRAND)
    grid = np.arange(b * b)
    grid = grid[grid // b != grid % b]  # no brand of one character twice
    k = np.arange(offset, offset + n)
    pair = grid[rng.permutation(len(grid))][k % len(grid)]
    brand = _cat(np.asarray(_BRAND, dtype=object)[pair // b], np.asarray(_BRAND, dtype=object)[pair % b])
    lap = k // len(grid)
    return np.where(lap > 0, brand + pd.Series(lap).astype(str), brand)


def _credit_codes(prefix: np.ndarray, division: np.ndarray, serial: np.ndarray) -> np.ndarray:
    """Valid 统一社会信用代码 (GB 32100, with a GB 11714 organisation-code check)."""
    body = (serial.astype(np.int64) * 48271 + 10_000_019) % 10**8  # a bijection on 0..10⁸-1
    digits = (body[:, None] // 10 ** np.arange(7, -1, -1)) % 10
    c9 = 11 - (digits * np.array([3, 7, 9, 10, 5, 8, 4, 2])).sum(axis=1) % 11
    value = {ch: i for i, ch in enumerate(ALPHABET)}
    v9 = np.where(c9 == 10, value["X"], np.where(c9 == 11, 0, c9))
    head = pd.Series(np.asarray(prefix, dtype=object) + np.asarray(division, dtype=object))
    uniq = head.unique()
    table = np.array([[value[ch] for ch in h] for h in uniq], dtype=np.int64).reshape(-1, 8)
    values = np.column_stack([table[pd.Index(uniq).get_indexer(head)], digits, v9])
    weights = np.array([pow(3, i, 31) for i in range(17)], dtype=np.int64)
    check = (31 - (values * weights).sum(axis=1) % 31) % 31
    chars = np.asarray(list(ALPHABET), dtype=object)
    padded = pc.utf8_lpad(pa.array(body).cast(pa.string()), 8, "0")
    return _cat(head, padded.to_numpy(zero_copy_only=False), chars[v9], chars[check]).to_numpy(dtype=object)


def _renamed(values: Any, rename: dict[str, str]) -> np.ndarray:
    """``values`` with the ids in ``rename`` replaced (a dict lookup, not a per-key replace)."""
    arr = np.asarray(values, dtype=object)
    new = pd.Series(arr).map(rename).to_numpy(dtype=object)
    return np.where(pd.isna(new), arr, new)


def _kind_of(ids: pd.Series) -> np.ndarray:
    """Node kind of each demo id, told from its shape (no lookup in a million-row index)."""
    s = ids.astype("string")
    return np.select(
        [
            (s.str.len() == 18).to_numpy(dtype=bool),
            s.str.startswith("GS:").to_numpy(dtype=bool),
            s.str.startswith("OB").to_numpy(dtype=bool),
            s.str.startswith("P").to_numpy(dtype=bool),
            s.str.startswith("C").to_numpy(dtype=bool),
            s.str.startswith("D").to_numpy(dtype=bool),
            s.str.startswith("I").to_numpy(dtype=bool),
            s.str.startswith("L").to_numpy(dtype=bool),
        ],
        [
            "Unit",
            "GuidanceStation",
            "OrganBranch",
            "PartyOrg",
            "Carrier",
            "Department",
            "Instructor",
            "Liaison",
        ],
        default="Street",
    ).astype(object)


def _rel(source: Any, target: Any) -> pd.DataFrame:
    return pd.DataFrame(
        {"source": np.asarray(source, dtype=object), "target": np.asarray(target, dtype=object)}
    )


class _Builder:
    """Holds the random generator and the frames while the district is made."""

    def __init__(self, units: int | None, seed: int, as_of: dt.date) -> None:
        self.rng = np.random.default_rng(seed)
        self.as_of = pd.Timestamp(as_of)
        n = _BASE_UNITS if units is None else int(units)
        if n < _MIN_UNITS:
            msg = f"demo_district: units must be at least {_MIN_UNITS}, got {units}"
            raise ValueError(msg)
        f = n / _BASE_UNITS
        self.n_units = n
        self.seg = {k: (v if units is None else _scaled(v, f)) for k, v in _SEGMENTS.items()}
        self.st = {k: (v if units is None else _scaled(v, f)) for k, v in _STRUCTURE.items()}
        self.pl = {k: (v if units is None else _scaled(v, f)) for k, v in _PLANTED.items()}
        self.pl["JOINT_CANDIDATES"] = max(2, self.pl["JOINT_CANDIDATES"])
        self.seg["soc_joint"] = 4 * self.st["soc_joint_orgs"]
        self.seg["small"] = n - sum(self.seg.values())
        self.districts = 1 if n < 100_000 else math.ceil(n / 50_000)
        self.planted: dict[str, list[str]] = {}
        self.rels: dict[str, list[pd.DataFrame]] = {}

    def add(self, rel_type: str, frame: pd.DataFrame) -> None:
        self.rels.setdefault(rel_type, []).append(frame)

    # ------------------------------------------------------------- geography
    def streets(self) -> None:
        codes, names, division = [], [], []
        for d in range(self.districts):
            if d < len(_DISTRICTS):
                div, dname = _DISTRICTS[d]
            else:
                div, dname = str(410190 + d), f"郑州第{d + 1}片区"
            for k, base in enumerate(_STREETS, start=1):
                codes.append(f"{div}{k:03d}")
                names.append(f"{base}街道" if d == 0 else f"{dname}{base}街道")
                division.append(div)
        self.street = pd.DataFrame({"name": names, "division": division}, index=pd.Index(codes, name="id"))
        self.street_short = np.asarray([n.removesuffix("街道") for n in names], dtype=object)
        pos = np.arange(len(codes)) % len(_STREETS)
        with_station = pos != _NO_STATION
        sid = self.street.index.to_numpy()[with_station]
        self.station = pd.DataFrame(
            {"name": self.street["name"].to_numpy()[with_station] + "非公党建工作指导站"},
            index=pd.Index("GS:" + pd.Series(sid), name="id"),
        )
        self.add("SERVES", _rel(self.station.index, sid))
        self.planted["STREET_WITHOUT_STATION"] = self.street.index[~with_station].tolist()

    def departments(self) -> None:
        n = len(_DEPARTMENTS)
        ids = _ids("D", n, width=2)
        staff = pd.array([pd.NA] * n, dtype="Int64")
        required = pd.array([pd.NA] * n, dtype="Int64")
        for i in (_EDU, _CIVIL, _HEALTH):
            required[i], staff[i] = 2, 2 + (i == _EDU)
        for i in (_CULTURE, _HR, _DISABLED):
            required[i], staff[i] = 1, 1 + (i == _HR)
        staff[_HEALTH] = 1  # planted: the health commission has one specialist where two are required
        self.dept = pd.DataFrame(
            {"name": _DEPARTMENTS, "party_office_staff": staff, "required_staff": required},
            index=pd.Index(ids, name="id"),
        )
        self.planted["UNDERSTAFFED_DEPARTMENT"] = [ids[_HEALTH]]

    def carriers(self) -> None:
        rng, st = self.rng, self.st
        ns = len(self.street)
        frames = []
        start = 1
        for kind, count, names in (
            ("building", st["buildings"], None),
            ("market", st["markets"], _MARKETS),
            ("park", st["parks"], _PARKS),
            ("association", st["associations"], _ASSOCIATIONS),
        ):
            street = (
                (np.arange(count) * 5 + len(frames)) % ns if kind != "building" else np.arange(count) % ns
            )
            if names is None:
                # buildings of one street get different suffixes (k and k + ns differ by one)
                k = np.arange(count)
                nsuf = len(_BUILDING_SUFFIX)
                suffix = np.asarray(_BUILDING_SUFFIX, dtype=object)[
                    (k + k // ns + rng.integers(0, nsuf)) % nsuf
                ]
                label = _cat(self.street_short[street], suffix).to_numpy(dtype=object)
                label[: min(count, len(_BUILDINGS))] = _BUILDINGS[: min(count, len(_BUILDINGS))]
                lap = k // (nsuf * ns)
                label = _cat(label, np.where(lap > 0, pd.Series(lap + 1).astype(str) + "号楼", ""))
            else:
                k = np.arange(count)
                label = _cat(
                    np.asarray(names, dtype=object)[k % len(names)],
                    np.where(k >= len(names), pd.Series(k // len(names) + 1).astype(str) + "号", ""),
                )
            frames.append(
                pd.DataFrame(
                    {
                        "id": _ids("C", count, start=start),
                        "name": label.to_numpy(dtype=object),
                        "kind": kind,
                        "street": self.street.index.to_numpy()[street],
                    }
                )
            )
            start += count
        width = len(str(start))
        car = pd.concat(frames, ignore_index=True)
        car["id"] = "C" + (pd.Series(np.arange(1, len(car) + 1))).astype(str).str.zfill(max(3, width))
        self.carrier = car.set_index("id")
        self.add("IN_STREET", _rel(self.carrier.index, self.carrier["street"]))

    # ------------------------------------------------------------------ units
    def units(self) -> None:
        rng, seg = self.rng, self.seg
        car = self.carrier
        buildings = car.index[car["kind"] == "building"].to_numpy()
        nb = len(buildings)
        mpa = car.index[car["kind"] != "building"].to_numpy()
        self.mpa = mpa
        ns = len(self.street)
        parts = []

        def part(name: str, n: int, **cols: Any) -> None:
            frame = pd.DataFrame({"seg": [name] * n})
            for k, v in cols.items():
                frame[k] = v
            parts.append(frame)

        # buildings: members, no members, social orgs without supervisor, small units
        n_b = seg["bldg_member"] + seg["bldg_zero"] + seg["soc_bldg"] + seg["small"]
        w = rng.gamma(2.0, 1.0, nb)
        w[0] *= 2.5
        where = np.concatenate([np.arange(nb), rng.choice(nb, n_b - nb, p=w / w.sum())])
        where = rng.permutation(where)
        # the busiest buildings (after 锦艺城) get the instructors who guide a whole building
        busiest = np.argsort(-np.bincount(where, minlength=nb)[1:], kind="stable") + 1
        self.overloaded_buildings = buildings[np.sort(busiest[: self.pl["OVERLOADED_INSTRUCTOR"]])]
        cuts = np.cumsum([seg["bldg_member"], seg["bldg_zero"], seg["soc_bldg"]])
        for name, lo, hi in (
            ("bldg_member", 0, cuts[0]),
            ("bldg_zero", cuts[0], cuts[1]),
            ("soc_bldg", cuts[1], cuts[2]),
            ("small", cuts[2], n_b),
        ):
            part(name, hi - lo, carrier=buildings[where[lo:hi]])
        # own-organisation enterprises, some of them in buildings without an overloaded instructor
        n_own = seg["own_ent"]
        calm = np.setdiff1d(buildings, self.overloaded_buildings)
        own_car = np.full(n_own, None, dtype=object)
        k_in = min(self.st["own_in_buildings"], n_own - 1 - self.pl["NO_INSTRUCTOR_ORG"])
        own_car[n_own - k_in :] = calm[rng.integers(0, len(calm), k_in)]
        part("own_ent", n_own, carrier=own_car)
        # joint branches of markets, parks and associations
        too_large = np.resize([7, 6], self.pl["JOINT_ORG_TOO_LARGE"])
        rest = seg["joint_ent"] - too_large.sum()
        sizes = rng.integers(2, 6, rest)
        sizes = sizes[: np.searchsorted(np.cumsum(sizes), rest) + 1]
        sizes[-1] = rest - sizes[:-1].sum()
        sizes = np.concatenate([too_large, sizes])
        self.joint_sizes = sizes
        branch_of = np.repeat(np.arange(len(sizes)), sizes)
        base = mpa[np.arange(len(sizes)) % len(mpa)]
        self.joint_base = base
        part("joint_ent", len(branch_of), branch=branch_of, carrier=base[branch_of])
        # enterprises reached by party work only (and the planted gaps)
        n_work = seg["work_ent"]
        pl = self.pl
        k_unc, k_mwo, k_noi = pl["UNCOVERED"], pl["MEMBERS_WITHOUT_ORG"], pl["NO_INSTRUCTOR_UNIT"]
        role = np.array(["uncovered"] * k_unc + ["mwo"] * k_mwo + ["noi"] * k_noi, dtype=object)
        role = np.concatenate(
            [role, np.resize(["carrier", "liaison", "instructor", "carrier", "liaison"], n_work - len(role))]
        )
        markets_with_org = np.intersect1d(base, car.index[car["kind"].isin(["market", "park"])])
        work_car = np.full(n_work, None, dtype=object)
        is_car = role == "carrier"
        if len(markets_with_org):
            work_car[is_car] = markets_with_org[rng.integers(0, len(markets_with_org), is_car.sum())]
        else:  # pragma: no cover - every scale has markets with a branch
            role[is_car] = "liaison"
        # candidate joint branches: ledger enterprises with 1–2 members and no organisation,
        # sharing a carrier whose organisation does not cover them (work coverage only) —
        # alternately an overloaded building (its instructor reaches them) and a market or
        # park (no instructor does); taken from the liaison-only enterprises
        k_jb = pl["JOINT_CANDIDATES"]
        jb_size = np.resize([2, 3], k_jb)
        liaison_pos = np.flatnonzero(role == "liaison")
        jb_pos = liaison_pos[len(liaison_pos) - jb_size.sum() :]
        g = np.repeat(np.arange(k_jb), jb_size)
        ob = self.overloaded_buildings
        mk = markets_with_org if len(markets_with_org) else ob
        role[jb_pos] = "jb"
        work_car[jb_pos] = np.where(g % 2 == 0, ob[(g // 2) % len(ob)], mk[(g // 2) % len(mk)])
        # members: 1 + 2 in a group of two, 1 + 1 + 1 in a group of three
        within = np.arange(len(g)) - np.repeat(np.cumsum(jb_size) - jb_size, jb_size)
        self.jb_members = np.where(jb_size[g] == 2, 1 + within, 1)
        part("work_ent", n_work, carrier=work_car, role=role)
        # social organisations
        n_so = seg["soc_own"]
        own_dept = np.resize([_CIVIL, _EDU, _HEALTH, _EDU, _CIVIL, _HEALTH, _EDU, _CIVIL], n_so)
        part("soc_own", n_so, dept=own_dept)
        n_sj = self.st["soc_joint_orgs"]
        joint_dept = np.resize([_EDU, _HEALTH, _CIVIL], n_sj)
        part("soc_joint", 4 * n_sj, branch=np.repeat(np.arange(n_sj), 4), dept=np.repeat(joint_dept, 4))
        n_sw = seg["soc_work"]
        work_dept = np.resize([_CULTURE, _HR, _DISABLED, _EDU, _HEALTH, _CIVIL, -1], n_sw)
        part("soc_work", n_sw, dept=work_dept, role=np.resize(["liaison", "instructor"], n_sw))

        u = pd.concat(parts, ignore_index=True)
        n = len(u)
        for col, default in (("carrier", None), ("branch", -1), ("dept", -1), ("role", None)):
            if col not in u:
                u[col] = default
            u[col] = u[col].where(u[col].notna(), default)
        u["dept"] = u["dept"].astype(int)
        u["branch"] = u["branch"].astype(int)
        seg_col = u["seg"].to_numpy()
        social = np.char.startswith(seg_col.astype(str), "soc_")
        u["kind"] = np.where(social, "social_org", "enterprise")
        u["in_ledger"] = np.where(seg_col == "small", "否", "是")
        # streets: carriers' streets, else random
        car_street = u["carrier"].map(car["street"])
        rand_street = self.street.index.to_numpy()[rng.integers(0, ns, n)]
        u["street"] = car_street.where(car_street.notna(), pd.Series(rand_street)).astype(object)
        # members
        full = np.zeros(n, dtype=np.int64)
        m = seg_col == "bldg_member"
        full[m] = rng.integers(1, 3, m.sum())
        m = seg_col == "own_ent"
        r = rng.random(m.sum())
        full[m] = np.where(
            r < 0.9,
            rng.integers(3, 46, m.sum()),
            np.where(r < 0.96, rng.integers(50, 100, m.sum()), rng.integers(100, 261, m.sum())),
        )
        m = seg_col == "joint_ent"
        full[m] = rng.integers(1, 3, m.sum())
        m = np.isin(u["role"].to_numpy(), ["mwo", "noi"])
        full[m] = rng.integers(1, 3, m.sum())
        full[u["role"].to_numpy() == "jb"] = self.jb_members
        m = seg_col == "soc_own"
        full[m] = rng.integers(3, 26, m.sum())
        m = seg_col == "soc_joint"
        full[m] = rng.integers(1, 3, m.sum())
        m = seg_col == "soc_bldg"
        full[m] = np.where(rng.random(m.sum()) < 0.3, 1, 0)
        self.first_own = int(np.flatnonzero(seg_col == "own_ent")[0])
        full[self.first_own] = 186  # 新蒲建设集团: a committee
        # planted: units in buildings that should form their own organisation
        bm = np.flatnonzero(seg_col == "bldg_member")
        sfo = bm[: self.pl["SHOULD_FORM_OWN"]]
        full[sfo] = rng.integers(3, 7, len(sfo))
        prob = np.where(rng.random(n) < 0.12, rng.integers(1, 3, n), 0)
        prob[sfo] = 0
        # a few units with two full and two probationary members: probationary never count
        twin = bm[len(sfo) : len(sfo) + max(1, len(bm) // 30)]
        full[twin], prob[twin] = 2, 2
        employees = np.where(
            seg_col == "small",
            rng.integers(1, 8, n),
            np.maximum(8, np.round(rng.lognormal(3.3, 0.9, n)).astype(np.int64)),
        )
        employees = np.maximum(employees, full + prob)
        u["party_members"] = full
        u["probationary_members"] = prob
        u["employees"] = employees
        # ids: credit codes with the street's district division code
        prefix = np.where(social, "52", "91").astype(object)
        prefix[social & (u["dept"].to_numpy() == -1)] = "51"
        civil_work = (seg_col == "soc_work") & (u["dept"].to_numpy() == _CIVIL)
        foundation = civil_work & (np.cumsum(civil_work) % 2 == 0)
        prefix[foundation] = "53"
        division = u["street"].map(self.street["division"]).to_numpy(dtype=object)
        serial = rng.permutation(n) + 1
        ids = _credit_codes(prefix, division, serial)
        u.index = pd.Index(ids, name="id")
        self.unit = u
        self.planted["SHOULD_FORM_OWN"] = sorted(u.index[sfo].tolist())
        self._names(prefix, foundation)
        self._five_clears()

    def _names(self, prefix: np.ndarray, foundation: np.ndarray) -> None:
        rng, u = self.rng, self.unit
        n = len(u)
        seg_col = u["seg"].to_numpy()
        brand = _brands(rng, n, 0)
        ent = _cat(
            _pick(rng, _REGION, n),
            brand,
            _pick(rng, _INDUSTRY, n),
            np.where(rng.random(n) < 0.9, "有限公司", "有限责任公司"),
        )
        small = _cat("郑州市中原区", brand, _pick(rng, _SMALL_KIND, n))
        dept = u["dept"].to_numpy()
        kind_word = np.full(n, "科技促进会", dtype=object)
        for d, words in (
            (_EDU, ["培训学校", "幼儿园", "艺术培训学校"]),
            (_HEALTH, ["诊所", "门诊部", "中医诊所"]),
            (_CIVIL, ["养老院", "社会工作服务中心", "颐养中心"]),
            (_CULTURE, ["体育俱乐部", "艺术团", "书画院"]),
            (_HR, ["职业技能培训学校", "职业培训学校"]),
            (_DISABLED, ["康复中心", "残疾人托养中心"]),
            (-1, ["商会", "科技促进会", "志愿者协会", "文化交流协会"]),
        ):
            m = dept == d
            kind_word[m] = _pick(rng, words, m.sum())
        kind_word[foundation] = "慈善基金会"
        soc = _cat(np.where(prefix == "51", "中原区", "郑州市中原区"), brand, kind_word)
        name = np.where(seg_col == "small", small, ent)
        name = np.where(u["kind"].to_numpy() == "social_org", soc, name)
        name[self.first_own] = "新蒲建设集团有限公司"
        first_soc = int(np.flatnonzero(seg_col == "soc_own")[0])
        name[first_soc] = "郑州市中原区瑞阳养老院"
        self.first_soc = first_soc
        u["name"] = name

    def _five_clears(self) -> None:
        rng, u = self.rng, self.unit
        n = len(u)
        full = u["party_members"].to_numpy()
        u["operation"] = _pick(rng, _OPERATION, n)
        u["workforce"] = _pick(rng, _WORKFORCE, n)
        u["party_status"] = np.where(
            full + u["probationary_members"].to_numpy() == 0, "无党员", _pick(rng, _PARTY_STATUS, n)
        )
        u["investor"] = _pick(rng, _INVESTOR, n)
        no_org = np.isin(u["seg"].to_numpy(), ["work_ent", "soc_work"])
        reason = np.where(full == 0, _pick(rng, _REASON_NONE, n), _pick(rng, _REASON_FEW, n))
        u["no_org_reason"] = np.where(no_org, reason, None)
        u.loc[u["role"].to_numpy() == "jb", "no_org_reason"] = _REASON_FEW[0]

    # ------------------------------------------------------------ party orgs
    def party_orgs(self) -> None:
        rng, u, car = self.rng, self.unit, self.carrier
        seg_col = u["seg"].to_numpy()
        frames = []
        covered = []  # (unit id, org position)

        # building organisations
        buildings = car.index[car["kind"] == "building"]
        nb = len(buildings)
        members = rng.integers(52, 170, nb)
        members[0] = 168
        level = np.where(members >= 100, "committee", "general_branch")
        bname = car.loc[buildings, "name"].to_numpy(dtype=object)
        names = _cat(
            "郑州" if nb else "", bname, np.where(level == "committee", "非公联合党委", "非公联合党总支")
        )
        names = names.to_numpy(dtype=object)
        names[1:] = (
            pd.Series(bname[1:])
            + pd.Series(np.where(level[1:] == "committee", "非公联合党委", "非公联合党总支"))
        ).to_numpy()
        frames.append(
            pd.DataFrame(
                {
                    "kind": "building",
                    "name": names,
                    "level": level,
                    "form": "joint",
                    "members": members,
                    "base": buildings.to_numpy(),
                    "parent": car.loc[buildings, "street"].to_numpy(),
                    "street": car.loc[buildings, "street"].to_numpy(),
                }
            )
        )
        in_b = np.isin(seg_col, ["bldg_member", "bldg_zero", "soc_bldg", "small"])
        covered.append(
            pd.DataFrame({"unit": u.index[in_b], "org": pd.Index(buildings).get_indexer(u["carrier"][in_b])})
        )
        offset = nb

        # joint branches of markets, parks and associations
        nj = len(self.joint_sizes)
        m = seg_col == "joint_ent"
        jm = (
            pd.Series(u["party_members"].to_numpy()[m])
            .groupby(u["branch"].to_numpy()[m])
            .sum()
            .reindex(range(nj))
            .to_numpy()
        )
        base = self.joint_base
        nth = pd.Series(base).groupby(base).cumcount().to_numpy()
        nth_word = np.where(
            nth == 0,
            "",
            "第" + pd.Series(np.asarray(list(_NUMERALS), dtype=object)[nth % 10]).to_numpy(dtype=object),
        )
        nth_word = np.where(nth >= 10, "第" + pd.Series(nth + 1).astype(str).to_numpy(dtype=object), nth_word)
        frames.append(
            pd.DataFrame(
                {
                    "kind": "joint",
                    "name": _cat(car.loc[base, "name"].to_numpy(), nth_word, "联合党支部").to_numpy(),
                    "level": "branch",
                    "form": "joint",
                    "members": jm,
                    "base": base,
                    "parent": car.loc[base, "street"].to_numpy(),
                    "street": car.loc[base, "street"].to_numpy(),
                }
            )
        )
        covered.append(pd.DataFrame({"unit": u.index[m], "org": offset + u["branch"].to_numpy()[m]}))
        self.joint_range = (offset, offset + nj)
        offset += nj

        # social-organisation party organisations: own ones, then joint ones under the department
        dept_ids = self.dept.index.to_numpy()
        m = seg_col == "soc_own"
        so = u[m]
        so_parent = dept_ids[so["dept"].to_numpy()]
        frames.append(
            pd.DataFrame(
                {
                    "kind": "social",
                    "name": (so["name"] + "党支部").to_numpy(),
                    "level": "branch",
                    "form": "own",
                    "members": so["party_members"].to_numpy(),
                    "base": None,
                    "parent": so_parent,
                    "street": so["street"].to_numpy(),
                }
            )
        )
        frames[-1].loc[0, "name"] = "瑞阳养老院党支部"
        covered.append(pd.DataFrame({"unit": so.index, "org": offset + np.arange(len(so))}))
        self.soc_own_range = (offset, offset + len(so))
        offset += len(so)
        m = seg_col == "soc_joint"
        sj = u[m]
        n_sj = self.st["soc_joint_orgs"]
        first = sj.groupby("branch", sort=True).head(1)
        sj_dept = first["dept"].to_numpy()
        short = np.asarray([_DEPARTMENTS[d] for d in sj_dept], dtype=object)
        nth = pd.Series(sj_dept).groupby(sj_dept).cumcount().to_numpy() + 1
        frames.append(
            pd.DataFrame(
                {
                    "kind": "social",
                    "name": _cat(short, "社会组织第", nth, "联合党支部").to_numpy(),
                    "level": "branch",
                    "form": "joint",
                    "members": sj.groupby("branch", sort=True)["party_members"].sum().to_numpy(),
                    "base": dept_ids[sj_dept],
                    "parent": dept_ids[sj_dept],
                    "street": first["street"].to_numpy(),
                }
            )
        )
        covered.append(pd.DataFrame({"unit": sj.index, "org": offset + sj["branch"].to_numpy()}))
        self.soc_joint_range = (offset, offset + n_sj)
        offset += n_sj

        # enterprises' own organisations
        m = seg_col == "own_ent"
        oe = u[m]
        om = oe["party_members"].to_numpy().copy()
        olevel = np.where(om >= 100, "committee", np.where(om >= 50, "general_branch", "branch"))
        # planted: levels that do not fit the members (never the first, 新蒲建设集团)
        k = self.pl["ORG_LEVEL_MISMATCH"]
        mis = 1 + np.arange(k)
        wrong = np.resize([(58, "branch"), (42, "general_branch"), (85, "committee")], (k, 2))
        om[mis] = wrong[:, 0].astype(int)
        olevel[mis] = wrong[:, 1]
        u.loc[oe.index[mis], "party_members"] = om[mis]
        suffix = np.where(
            olevel == "committee", "委员会", np.where(olevel == "general_branch", "党总支", "党支部")
        )
        oname = (oe["name"] + pd.Series(suffix, index=oe.index)).to_numpy(dtype=object)
        oname[0] = "新蒲建设集团党委"
        frames.append(
            pd.DataFrame(
                {
                    "kind": "own",
                    "name": oname,
                    "level": olevel,
                    "form": "own",
                    "members": om,
                    "base": None,
                    "parent": oe["street"].to_numpy(),
                    "street": oe["street"].to_numpy(),
                }
            )
        )
        covered.append(pd.DataFrame({"unit": oe.index, "org": offset + np.arange(len(oe))}))
        self.own_range = (offset, offset + len(oe))
        offset += len(oe)

        org = pd.concat(frames, ignore_index=True)
        org.index = pd.Index(_ids("P", len(org)), name="id")
        pid = org.index.to_numpy()
        cov = pd.concat(covered, ignore_index=True)
        cov["org_id"] = pid[cov["org"].to_numpy()]
        self.org, self.cov = org, cov
        self.planted["ORG_LEVEL_MISMATCH"] = pid[self.own_range[0] + mis].tolist()
        self.planted["JOINT_ORG_TOO_LARGE"] = pid[
            self.joint_range[0] : self.joint_range[0] + self.pl["JOINT_ORG_TOO_LARGE"]
        ].tolist()
        # planted: one own and one joint social organisation filed under the civil-affairs department
        # although their units are supervised by another department
        k = self.pl["ATTRIBUTION_MISMATCH"]
        so_own = np.arange(*self.soc_own_range)
        cand_own = so_own[(so_parent != dept_ids[_CIVIL])][-math.ceil(k / 2) :]
        sj_pos = np.arange(*self.soc_joint_range)
        cand_joint = sj_pos[org["parent"].to_numpy()[sj_pos] != dept_ids[_CIVIL]]
        rest = k - len(cand_own)
        cand_joint = cand_joint[len(cand_joint) - rest :] if rest > 0 else cand_joint[:0]
        mism = np.concatenate([cand_own, cand_joint]).tolist()
        mism = np.asarray(mism[: self.pl["ATTRIBUTION_MISMATCH"]], dtype=int)
        org.loc[pid[mism], "parent"] = dept_ids[_CIVIL]
        self.planted["ATTRIBUTION_MISMATCH"] = sorted(pid[mism].tolist())
        # terms: 3 years for branches and general branches, 5 for committees
        n_org = len(org)
        span = np.where(org["level"].to_numpy() == "committee", 5 * 365, 3 * 365)
        days = rng.integers(200, span)
        ordinary = np.setdiff1d(np.arange(n_org), [0, self.soc_own_range[0], self.own_range[0]])
        chosen = rng.choice(ordinary, self.pl["TERM_EXPIRED"] + self.pl["TERM_EXPIRING"], replace=False)
        expired, expiring = chosen[: self.pl["TERM_EXPIRED"]], chosen[self.pl["TERM_EXPIRED"] :]
        days[expired] = -rng.integers(1, 400, len(expired))
        days[expiring] = rng.integers(5, 170, len(expiring))
        org["term_ends"] = self.as_of + pd.to_timedelta(days, unit="D")
        self.planted["TERM_EXPIRED"] = sorted(pid[expired].tolist())
        self.planted["TERM_EXPIRING"] = sorted(pid[expiring].tolist())

    def demo_sites(self) -> None:
        rng, org = self.rng, self.org
        n = len(org)
        pos = self.street.index.get_indexer(org["street"]) % len(_STREETS)
        allowed = np.flatnonzero(pos != _NO_DEMO)
        # one site in every street that has one, then the rest at random
        streets_allowed = org["street"].to_numpy()[allowed]
        first = allowed[pd.Series(np.arange(len(allowed))).groupby(streets_allowed).first().to_numpy()]
        k_d, k_s = self.st["district_demo"], self.st["street_demo"]
        flavour = [0, self.soc_own_range[0], self.own_range[0]]  # 锦艺城, 瑞阳养老院, 新蒲建设集团
        rest = rng.permutation(np.setdiff1d(allowed, np.concatenate([first, flavour])))
        district = np.asarray(flavour + rest[: max(0, k_d - 3)].tolist(), dtype=int)[:k_d]
        first = np.setdiff1d(first, district)
        rest = rest[max(0, k_d - 3) :]
        street = np.concatenate([first, rest[: max(0, k_s - len(first))]])[: max(k_s, len(first))]
        level = np.full(n, None, dtype=object)
        level[district] = "district"
        level[street] = "street"
        org["demo_level"] = level
        has = set(org["street"].to_numpy()[level != None])  # noqa: E711 - element-wise
        self.planted["STREET_WITHOUT_DEMO"] = [s for s in self.street.index if s not in has]

    # ------------------------------------------------------- people and links
    def people(self) -> None:
        rng, u, org, pl = self.rng, self.unit, self.org, self.pl
        pid = org.index.to_numpy()
        cov = self.cov
        reach_of = cov.groupby("org_id").size()
        seg_col = u["seg"].to_numpy()
        role = u["role"].to_numpy()
        # organisations nobody reaches: own enterprise organisations outside buildings
        own = np.arange(*self.own_range)
        own_units = cov.set_index("org_id").loc[pid[own], "unit"].to_numpy()
        outside = own[pd.isna(u.loc[own_units, "carrier"].to_numpy())]
        outside = outside[
            ~np.isin(pid[outside], self.planted["ORG_LEVEL_MISMATCH"] + [pid[self.own_range[0]]])
        ]
        lonely = outside[-pl["NO_INSTRUCTOR_ORG"] :]
        self.planted["NO_INSTRUCTOR"] = pid[lonely].tolist()
        # targets: each organisation (or one unit it covers) once
        targets, reach = [], []
        for lo, hi in (self.own_range, self.soc_own_range, self.joint_range, self.soc_joint_range):
            pos = np.setdiff1d(np.arange(lo, hi), lonely)
            ids = pid[pos]
            if (lo, hi) == self.own_range:  # alternate: the organisation or its unit
                unit_of = cov.drop_duplicates("org_id").set_index("org_id")["unit"]
                ids = np.where(np.arange(len(ids)) % 2 == 0, ids, unit_of.reindex(ids).to_numpy())
            targets.append(ids)
            reach.append(reach_of.reindex(pid[pos]).fillna(1).to_numpy())
        nb = (self.org["kind"] == "building").sum()
        calm = ~np.isin(org["base"].to_numpy()[:nb], self.overloaded_buildings)
        first_unit = cov[cov["org"] < nb].drop_duplicates("org").set_index("org")["unit"]
        targets.append(first_unit.reindex(np.flatnonzero(calm)).to_numpy())
        reach.append(np.ones(calm.sum()))
        direct = u.index[(role == "instructor") | (role == "mwo")].to_numpy()
        targets.append(direct)
        reach.append(np.ones(len(direct)))
        targets = np.concatenate(targets)
        reach = np.concatenate(reach)
        order = np.argsort(-reach, kind="stable")
        targets = targets[order]
        n_i = self.st["instructors"]
        k_over, k_idle, k_direct = pl["OVERLOADED_INSTRUCTOR"], pl["IDLE_INSTRUCTOR"], pl["OVERLOADED_DIRECT"]
        regular = n_i - k_over - k_direct - k_idle
        if regular > len(targets):  # more instructors than work: they take units in buildings
            spare = u.index[seg_col == "bldg_zero"].to_numpy()
            targets = np.concatenate([targets, spare[: regular - len(targets)]])
        regular = max(regular, math.ceil(len(targets) / 2))
        n_i = regular + k_over + k_direct + k_idle
        iid = _ids("I", n_i, width=3)
        names, phones = _people(rng, n_i)
        self.instructor = pd.DataFrame(
            {"name": names.to_numpy(), "phone": phones.to_numpy()}, index=pd.Index(iid, name="id")
        )
        guides = [_rel(iid[np.arange(len(targets)) % regular], targets)]
        over = iid[regular : regular + k_over]
        guides.append(_rel(over, self.overloaded_buildings[: len(over)]))
        # instructors overloaded through 20–25 units assigned one by one: small units of calm
        # buildings, a block of the units sorted by building for each, so others can take some
        direct_over = iid[regular + k_over : regular + k_over + k_direct]
        pool = np.flatnonzero(
            (seg_col == "small") & ~np.isin(u["carrier"].to_numpy(), self.overloaded_buildings)
        )
        pool = pool[np.argsort(u["carrier"].to_numpy()[pool], kind="stable")]
        size = np.resize([23, 21, 25, 20, 24, 22], k_direct)
        start = np.arange(k_direct) * (len(pool) // k_direct)
        take = np.repeat(start, size) + np.arange(size.sum()) - np.repeat(np.cumsum(size) - size, size)
        guides.append(_rel(np.repeat(direct_over, size), u.index[pool[take]]))
        self.add("GUIDES", pd.concat(guides, ignore_index=True))
        self.planted["OVERLOADED_INSTRUCTOR"] = over.tolist() + direct_over.tolist()
        self.planted["IDLE_INSTRUCTOR"] = iid[regular + k_over + k_direct :].tolist()
        # sent by departments and streets
        sent = np.where(
            np.arange(n_i) % 3 == 0,
            self.dept.index.to_numpy()[np.arange(n_i) % len(self.dept)],
            self.street.index.to_numpy()[np.arange(n_i) % len(self.street)],
        )
        # liaisons: the units they serve, then enterprises with organisations so nobody is idle
        n_l = self.st["liaisons"]
        lid = _ids("L", n_l, width=3)
        lnames, lphones = _people(rng, n_l)
        self.liaison = pd.DataFrame(
            {"name": lnames.to_numpy(), "phone": lphones.to_numpy()}, index=pd.Index(lid, name="id")
        )
        served = u.index[(role == "liaison") | (role == "noi")].to_numpy()
        extra = max(0, n_l - len(served)) + n_l // 2
        fill = u.index[seg_col == "own_ent"].to_numpy()
        served = np.concatenate([served, fill[rng.permutation(len(fill))[: min(extra, len(fill))]]])
        self.add("LIAISES", _rel(lid[np.arange(len(served)) % n_l], served))
        lsent = self.dept.index.to_numpy()[np.arange(n_l) % len(self.dept)]
        sent[regular + k_over : regular + k_over + k_direct] = u["street"].to_numpy()[pool[start]]
        self.add("SENT_BY", _rel(np.concatenate([iid, lid]), np.concatenate([sent, lsent])))
        mwo = u.index[np.isin(role, ["mwo", "noi", "jb"])].tolist()
        self.planted["MEMBERS_WITHOUT_ORG"] = sorted(mwo)
        # candidate joint-branch units in a market or park: no instructor reaches them
        jb_alone = (role == "jb") & ~np.isin(u["carrier"].to_numpy(), self.overloaded_buildings)
        self.planted["NO_INSTRUCTOR"] = sorted(
            self.planted["NO_INSTRUCTOR"] + u.index[(role == "noi") | jb_alone].tolist()
        )
        self.planted["UNCOVERED"] = sorted(u.index[role == "uncovered"].tolist())

    def pairings(self) -> None:
        rng, org, pl = self.rng, self.org, self.pl
        pid = org.index.to_numpy()
        special = [0, self.soc_own_range[0], self.own_range[0]]
        unpaired = rng.choice(np.setdiff1d(np.arange(len(org)), special), pl["UNPAIRED_ORG"], replace=False)
        paired = np.setdiff1d(np.arange(len(org)), unpaired)
        paired = rng.permutation(paired)
        regular = math.ceil(len(paired) / 2.5)
        k_idle, k_over = pl["IDLE_ORGAN_BRANCH"], pl["OVERPAIRED_ORGAN_BRANCH"]
        n_ob = regular + k_idle + k_over
        dept_of = np.arange(n_ob) % len(self.dept)
        nth = np.arange(n_ob) // len(self.dept)
        word = np.where(
            nth < 10,
            np.asarray(list(_NUMERALS), dtype=object)[np.minimum(nth, 9)],
            pd.Series(nth + 1).astype(str),
        )
        obid = _ids("OB", n_ob, width=3)
        self.organ = pd.DataFrame(
            {"name": _cat(self.dept["name"].to_numpy()[dept_of], "机关第", word, "党支部").to_numpy()},
            index=pd.Index(obid, name="id"),
        )
        self.add("BRANCH_OF", _rel(obid, self.dept.index.to_numpy()[dept_of]))
        src = [obid[np.arange(len(paired)) % regular]]
        dst = [pid[paired]]
        over = obid[regular : regular + k_over]
        counts = np.resize([4, 5], k_over)
        src.append(np.repeat(over, counts))
        dst.append(pid[rng.choice(paired, counts.sum(), replace=False)])
        rel = _rel(np.concatenate(src), np.concatenate(dst))
        rel["since"] = self.as_of - pd.to_timedelta(rng.integers(30, 1500, len(rel)), unit="D")
        self.add("PAIRED_WITH", rel)
        self.planted["UNPAIRED_ORG"] = sorted(pid[unpaired].tolist())
        self.planted["IDLE_ORGAN_BRANCH"] = obid[regular + k_over :].tolist()
        self.planted["OVERPAIRED_ORGAN_BRANCH"] = over.tolist()

    def data_quality(self) -> None:
        rng, u, pl = self.rng, self.unit, self.pl
        seg_col = u["seg"].to_numpy()
        zero = np.flatnonzero(seg_col == "bldg_zero")
        bad = zero[-pl["BAD_CREDIT_CODE"] :]
        ids = u.index.to_numpy(dtype=object).copy()
        last = pd.Series(ids[bad]).str[-1].map(ALPHABET.index).to_numpy()
        ids[bad] = (
            pd.Series(ids[bad]).str[:-1] + pd.Series(np.asarray(list(ALPHABET))[(last + 7) % 31])
        ).to_numpy()
        self.rename = dict(zip(u.index[bad], ids[bad], strict=True))
        self.planted["BAD_CREDIT_CODE"] = sorted(ids[bad].tolist())
        # five-clears: a blank field in covered ledger units, a blank reason in uncovered ones
        pool = np.flatnonzero(np.isin(seg_col, ["bldg_zero", "own_ent"]))
        pool = np.setdiff1d(pool, np.concatenate([bad, [self.first_own]]))
        blank = rng.choice(pool, pl["FIVE_CLEARS_BLANK"], replace=False)
        fields = np.resize(["operation", "workforce", "party_status", "investor"], len(blank))
        for field in dict.fromkeys(fields):
            u.loc[u.index[blank[fields == field]], field] = None
        noreason = np.flatnonzero(seg_col == "soc_work")[-pl["FIVE_CLEARS_REASON"] :]
        u.loc[u.index[noreason], "no_org_reason"] = None
        five = np.concatenate([blank, noreason])
        ids_five = pd.Series(_renamed(u.index[five], self.rename))
        self.planted["MISSING_FIVE_CLEARS"] = sorted(ids_five.tolist())

    # ---------------------------------------------------------------- network
    def network(self, *, as_of: dt.date, seed: int, units: int | None) -> Network:
        u, org, rename = self.unit, self.org, self.rename
        uid = _renamed(u.index, rename)
        u = u.set_axis(pd.Index(uid, name="id"))
        self.add("IN_STREET", _rel(u.index, u["street"]))
        self.add("IN_STREET", _rel(org.index, org["street"]))
        located = u["carrier"].notna() & ~u["carrier"].isin(
            self.carrier.index[self.carrier["kind"] == "association"]
        )
        self.add("LOCATED_IN", _rel(u.index[located], u["carrier"][located]))
        member = u["carrier"].isin(self.carrier.index[self.carrier["kind"] == "association"])
        self.add("MEMBER_OF", _rel(u.index[member], u["carrier"][member]))
        sup = u["dept"] >= 0
        self.add("SUPERVISED_BY", _rel(u.index[sup], self.dept.index.to_numpy()[u["dept"][sup].to_numpy()]))
        cov_unit = _renamed(self.cov["unit"], rename)
        self.add("COVERED_BY", _rel(cov_unit, self.cov["org_id"]))
        based = org["base"].notna()
        self.add("BASED_AT", _rel(org.index[based], org["base"][based]))
        self.add("REPORTS_TO", _rel(org.index, org["parent"]))
        guides = pd.concat(self.rels["GUIDES"], ignore_index=True)
        guides["target"] = _renamed(guides["target"], rename)
        self.rels["GUIDES"] = [guides]
        liaises = pd.concat(self.rels["LIAISES"], ignore_index=True)
        liaises["target"] = _renamed(liaises["target"], rename)
        self.rels["LIAISES"] = [liaises]
        unit_cols = [
            "name",
            "kind",
            "employees",
            "party_members",
            "probationary_members",
            "operation",
            "workforce",
            "party_status",
            "investor",
            "no_org_reason",
            "in_ledger",
        ]
        units_frame = u[unit_cols].copy()
        units_frame["in_ledger"] = units_frame["in_ledger"].astype("string")
        nodes = {
            "Unit": units_frame,
            "Carrier": self.carrier[["name", "kind"]],
            "PartyOrg": org[["name", "level", "form", "members", "term_ends", "demo_level"]],
            "Department": self.dept,
            "Street": self.street[["name"]],
            "GuidanceStation": self.station,
            "Instructor": self.instructor,
            "Liaison": self.liaison,
            "OrganBranch": self.organ,
        }
        rels = {t: pd.concat(f, ignore_index=True) for t, f in self.rels.items()}
        for frame in rels.values():
            frame["source_kind"] = _kind_of(frame["source"])
            frame["target_kind"] = _kind_of(frame["target"])
        meta = {
            "name": "demo",
            "created_with": "graphkit demo_district",
            "seed": seed,
            "as_of": as_of.isoformat(),
            "units_requested": units,
            "districts": self.districts,
            "planted": {k: sorted(v) for k, v in sorted(self.planted.items())},
        }
        return Network(nodes, rels, meta=meta)


def demo_district(
    *,
    units: int | None = None,
    seed: int = 20191,
    as_of: dt.date | str | None = None,
    planted_file_errors: bool = False,
) -> Network:
    """A deterministic synthetic 郑州市中原区 with a few planted problems of every kind.

    Parameters
    ----------
    units
        ``None`` for exactly the source report's figures (2,757 units: the 919
        ledger units plus the small units the building organisations cover).
        A number (at least 500) scales every count by ``units / 2757`` and makes
        exactly that many units; from 100,000 units the streets are scaled too
        (one district of 14 streets per 50,000 units).
    seed
        Seed of the random generator: the same seed gives the same network.
    as_of
        The date term ends are written against (default :data:`DEFAULT_AS_OF`,
        2026-11-27, so the demo does not change with today's date). Analyse
        with the same ``as_of`` to see exactly the planted term findings.
    planted_file_errors
        Also plant the two problems only files can have: one unit row written
        twice (``DUPLICATE_ID``) and one 所在党组织 cell naming no organisation
        (``UNKNOWN_REFERENCE``). The network then has a duplicate unit id and a
        dangling ``COVERED_BY`` row: write it with
        :func:`loaders.write_ledger` and read it back, do not analyse it directly.

    Returns
    -------
    Network
        With ``meta["planted"]`` = {finding code: sorted subject ids} for every
        code of :data:`graphkit.findings.CODES` (the two file-only codes only
        when ``planted_file_errors``), and ``meta["seed"]``, ``meta["as_of"]``.

    Raises
    ------
    ValueError
        If ``units`` is below 500.

    Notes
    -----
    Fully vectorised: under 1 s for the default district and about 17 s of
    CPU (2.4 GB peak) for a million units. Planted subjects are chosen so each satisfies exactly one
    finding's definition where possible (``NO_INSTRUCTOR`` units also have
    members without an organisation, so they are ``MEMBERS_WITHOUT_ORG`` too).

    Examples
    --------
    >>> net = demo_district()
    >>> net
    <Network: ...>
    >>> int((net.units["in_ledger"] == "是").sum()), len(net.units)
    (919, 2757)
    >>> demo_district(units=5000).units.shape[0]
    5000

    """
    if as_of is None:
        as_of = DEFAULT_AS_OF
    elif isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    b = _Builder(units, seed, as_of)
    b.streets()
    b.departments()
    b.carriers()
    b.units()
    b.party_orgs()
    b.demo_sites()
    b.people()
    b.pairings()
    b.data_quality()
    net = b.network(as_of=as_of, seed=seed, units=units)
    if planted_file_errors:
        net = with_file_errors(net)
    return net


def with_file_errors(net: Network) -> Network:
    """A copy of a demo network with the two problems only files can have.

    One unit row appears twice (the copy's name marked 重复录入), planted as
    ``DUPLICATE_ID``; one unit's 所在党组织 names ``P9999``, which does not
    exist, planted as ``UNKNOWN_REFERENCE``. Both units are ordinary units
    without an organisation that no other planted problem touches, so reading
    the written ledger back changes no other finding.

    Examples
    --------
    >>> net = with_file_errors(demo_district())
    >>> len(net.units), net.meta["planted"]["UNKNOWN_REFERENCE"] == net.meta["planted"]["DUPLICATE_ID"]
    (2758, False)

    """
    units = net.units
    no_org = units.index[~units.index.isin(net.rel("COVERED_BY")["source"]) & units["no_org_reason"].notna()]
    planted = set().union(*map(set, net.meta["planted"].values()))
    work = no_org[~no_org.isin(list(planted))]
    dup_id, dangling = str(work[0]), str(work[1])
    dup = units.loc[[dup_id]].copy()
    dup["name"] = dup["name"] + "（重复录入）"
    nodes = dict(net.nodes)
    nodes["Unit"] = pd.concat([units, dup])
    rels = dict(net.rels)
    rels["COVERED_BY"] = pd.concat(
        [
            net.rel("COVERED_BY"),
            pd.DataFrame({"source": [dangling], "target": ["P9999"], "source_kind": ["Unit"]}),
        ],
        ignore_index=True,
    )
    meta = dict(net.meta)
    meta["planted"] = dict(meta["planted"]) | {"DUPLICATE_ID": [dup_id], "UNKNOWN_REFERENCE": [dangling]}
    return Network(nodes, rels, meta=meta)


def demo_summary(net: Network) -> dict[str, int]:
    """The counts the source report gives, measured on a network (demo or read back).

    Building organisations are party organisations based at a carrier of kind
    building; social-organisation party organisations are those reporting to a
    department; ledger units are units whose ``in_ledger`` is ``"是"`` (all
    units when the column is missing).

    Examples
    --------
    >>> s = demo_summary(demo_district())
    >>> s["social_org_party_orgs"], s["district_demo_sites"], s["street_demo_sites"], s["streets"]
    (17, 6, 29, 14)

    """
    units = net.units
    ledger = units["in_ledger"] == "是" if "in_ledger" in units else pd.Series(True, index=units.index)
    ledger = ledger.fillna(False).astype(bool)
    based = net.rel("BASED_AT")
    buildings = net.carriers.index[net.carriers["kind"] == "building"]
    building_orgs = based.loc[based["target"].isin(buildings), "source"].unique()
    cov = net.rel("COVERED_BY")
    reports = net.rel("REPORTS_TO")
    demo = net.party_orgs["demo_level"]
    return {
        "units": len(units),
        "ledger_units": int(ledger.sum()),
        "ledger_enterprises": int((ledger & (units["kind"] == "enterprise")).sum()),
        "ledger_social_orgs": int((ledger & (units["kind"] == "social_org")).sum()),
        "small_units_outside_ledger": int((~ledger).sum()),
        "party_orgs": len(net.party_orgs),
        "building_orgs": len(building_orgs),
        "units_covered_by_building_orgs": int(cov.loc[cov["target"].isin(building_orgs), "source"].nunique()),
        "social_org_party_orgs": int(reports.loc[reports["target_kind"] == "Department", "source"].nunique()),
        "instructors": len(net.instructors),
        "liaisons": len(net.liaisons),
        "streets": len(net.streets),
        "stations": len(net.stations),
        "district_demo_sites": int((demo == "district").sum()),
        "street_demo_sites": int((demo == "street").sum()),
        "departments": len(net.departments),
        "organ_branches": len(net.organ_branches),
        "pairings": len(net.rel("PAIRED_WITH")),
        "carriers": len(net.carriers),
    }
