"""The offline interactive page: content checks, then a real headless Chromium with the network blocked."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit import Network
from graphkit.draw.interactive import InteractiveDiagram, interactive_html

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def net(two_street_net) -> Network:
    return two_street_net


@pytest.fixture(scope="module")
def page_html(net) -> str:
    return interactive_html(net, title="林山寨测试")


def test_page_references_no_external_url(page_html):
    assert page_html.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page_html, re.IGNORECASE)
    assert not re.search(r"url\(\s*(?!['\"]?data:)", page_html)
    assert "@import" not in page_html
    assert "<script src" not in page_html and "<link" not in page_html


def test_page_masks_phones_unless_asked(net, page_html):
    assert "138****5678" in page_html and "13812345678" not in page_html
    assert "13812345678" in interactive_html(net, show_contacts=True, embed_font=False)


def test_cap_merges_units_and_says_so(net):
    page = interactive_html(net, max_nodes=7, embed_font=False)
    # 6 other nodes leave room for 1 unit: the uncovered one stays, the 3 others are merged
    assert "已将3家单位合并为汇总节点" in page
    assert '"id":"agg:S1:own_org"' in page and '"id":"U4"' in page


def test_too_many_organisations_are_left_out(net):
    page = interactive_html(net, max_nodes=5, embed_font=False)
    # 6 non-unit nodes for 5 places: streets, the instructor, then the most linked (C1, then P1
    # before P2 by id) stay; every unit is merged
    assert "另有1个联系较少的组织、载体等节点未画出" in page and "已将4家单位合并为汇总节点" in page
    assert '"id":"P2","name":"金融大厦联合党支部","at":null' in page


def _digest(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


@pytest.mark.parametrize(
    ("dataset", "max_nodes", "counts", "digest"),
    [
        ("tiny", 6, (10, 11, 10), "d7fae4c1ea79e1f7726319404accc37daf9194d929c0e3b09360fe16f93509c7"),
        ("demo", 300, (2943, 580, 342), "a07b272a8768930f960b2744382b3b4191f13abf498351c2eac34d36bd288b9f"),
    ],
)
def test_page_data_is_pinned(dataset, max_nodes, counts, digest):
    # the whole page data (merged units, left-out nodes, streets, layout, details) exactly as
    # the row-by-row version made it; the integer-position version must not change a byte
    # (re-pinned once for issue 13's kind colours: mapping them back gives the old digests; and once
    # for issue 13's first view, which adds "groups" and cuts place and legal form from unit labels:
    # without "groups" and with full labels the tiny digest is the old one, and the demo's is what
    # b872579 already gave, 45b96042…, its pin and counts having gone stale with the demo data;
    # re-pinned for graphkit.model.short_names, which also cuts a bare 郑州/河南 before the trade
    # name: with the old cut the demo digest is 168ab041…, and only 23 unit labels differ; and
    # for positions (阵地), drawn but without a Chinese kind label or legend colour: without the
    # Position entries of "kinds" and "kindLabels" the digests are 9df5c56a… and 0fd9b9c3…; and
    # for the label of individual businesses, 个体工商户: shown as "individual" the demo's is cd9ad846…)
    from graphkit import datasets
    from graphkit.draw import coverage_of
    from graphkit.draw.interactive.data import page_data
    from loaders.demo import demo_district

    net = datasets.tiny() if dataset == "tiny" else demo_district()
    data = page_data(net, coverage_of(net), show_contacts=False, max_nodes=max_nodes)
    assert (data["merged"], data["leftOut"], data["drawn"]) == counts
    assert _digest(data) == digest


def test_jupyter_repr_and_save(net, tmp_path):
    d = InteractiveDiagram(net, height=500, embed_font=False)
    frame = d._repr_html_()
    assert frame.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;') and "height:500px" in frame
    # scripts only: no forms, no same origin (the page cannot reach the notebook)
    assert re.findall(r'sandbox="([^"]*)"', frame) == ["allow-scripts"]
    # packed: library and data are gzip + base64, so no JSON quote is escaped in the notebook
    assert 'type="application/gzip-base64" id="vis-library"' in d.html
    assert 'type="application/gzip-base64" id="graph-data"' in d.html and "甲科技公司" not in d.html
    assert d.save(tmp_path / "d.html").read_text(encoding="utf-8") == d.html


def test_street_groups_count_every_unit_by_status(net):
    from graphkit.draw import coverage_of
    from graphkit.draw.interactive.data import page_data

    # max_nodes=7 merges 3 units into summaries: the groups still count all 4
    groups = page_data(net, coverage_of(net), show_contacts=False, max_nodes=7)["groups"]
    assert [
        (g["id"], g["label"], g["units"], g["own_org"], g["joint_org"], g["work_only"], g["uncovered"])
        for g in groups
    ] == [("grp:S2", "建设路街道", 1, 0, 0, 0, 1), ("grp:S1", "林山寨街道", 3, 1, 1, 1, 0)]


def test_first_view_headline_and_opening(net):
    page = interactive_html(net, embed_font=False)
    headline = (
        "2个街道共4家单位：未覆盖1家，仅工作覆盖1家；问题最多的是建设路街道（未覆盖1家、仅工作覆盖0家）"
    )
    assert f'<div id="headline">{headline}</div>' in page
    assert '"startExpanded":true' in page  # 10 nodes: small pages open fully
    assert "<title>林山寨测试</title>" not in page and "<title>两新组织党建网络</title>" in page
    en = interactive_html(net, embed_font=False, lang="en", title="Demo")
    assert "4 units in 2 streets: 1 uncovered, 1 work coverage only" in en and "Search by name" in en


def test_demo_first_view_is_streets(tmp_path):
    from graphkit.draw import coverage_of
    from graphkit.draw.interactive.data import page_data
    from loaders.demo import demo_district

    net = demo_district()
    data = page_data(net, coverage_of(net), show_contacts=False, max_nodes=3000)
    groups = data["groups"]
    assert len(groups) == 15 and groups[-1]["id"] == "grp:—"  # 14 streets and the nodes without one
    assert sum(g["units"] for g in groups) == data["units"] == 2973
    assert sum(g["uncovered"] for g in groups) == 6 and sum(g["work_only"] for g in groups) == 180
    units = [n["label"] for n in data["nodes"] if n["kind"] == "Unit"]
    assert "航豪物流" in units and not any(u.endswith("有限公司") for u in units)


def test_street_and_focus_draw_a_part(net):
    from graphkit.exceptions import GraphkitError

    def drawn(page):
        data = json.loads(re.search(r'id="graph-data">(.*?)</script>', page).group(1))
        return sorted(n["id"] for n in data["nodes"])

    # a street: its nodes and those linked to them (the instructor guides its building)
    assert drawn(interactive_html(net, street="建设路街道", embed_font=False)) == ["S2", "U4"]
    assert drawn(interactive_html(net, street=["S1"], embed_font=False)) == [
        "C1",
        "I1",
        "P1",
        "P2",
        "S1",
        "U1",
        "U2",
        "U3",
    ]
    # a focus: one step, then two (the second not through the street)
    assert drawn(interactive_html(net, focus="I1", embed_font=False)) == ["C1", "I1"]
    assert drawn(interactive_html(net, focus="张伟", radius=2, embed_font=False)) == [
        "C1",
        "I1",
        "S1",
        "U1",
        "U2",
        "U3",
    ]
    assert "仅画出张伟及其2步以内的节点" in interactive_html(net, focus="I1", radius=2, embed_font=False)
    with pytest.raises(GraphkitError, match="street='无此街道'"):
        interactive_html(net, street="无此街道")
    with pytest.raises(ValueError, match="radius"):
        interactive_html(net, focus="I1", radius=3)


def test_inline_footprint_is_capped():
    # the whole demo district inline was 5.2 MB of notebook per display (b872579): packed and
    # capped at 1,000 nodes it is under 0.8 MB, and the same every time
    import graphkit as gk
    from loaders.demo import demo_district

    result = gk.analyze(demo_district())
    first = InteractiveDiagram(result)._repr_html_()
    assert len(first.encode()) < 800_000
    assert '"drawn":' not in first  # packed
    assert (
        hashlib.sha256(first.encode()).digest()
        == hashlib.sha256(InteractiveDiagram(result)._repr_html_().encode()).digest()
    )


# ----------------------------------------------------------------- browser
def no_browser(reason: str) -> None:
    """Skip, or fail when GRAPHKIT_REQUIRE_BROWSER=1 (CI, where the browser must be there)."""
    if os.environ.get("GRAPHKIT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (GRAPHKIT_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        no_browser("needs Debian chromium at /usr/bin/chromium (apt-get install chromium)")
    try:
        from playwright import sync_api
    except ImportError:
        no_browser("needs playwright-python (the dev extra; never run `playwright install`)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


def open_page(browser, html: str, tmp_path: Path):
    """Open ``html`` from a file with every non-file request aborted; return (page, requests, errors)."""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    requests: list[str] = []
    errors: list[str] = []

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']", timeout=20000)
    return page, requests, errors


@pytest.mark.browser
def test_graph_renders_offline(browser, page_html, tmp_path):
    from PIL import Image

    page, requests, errors = open_page(browser, page_html, tmp_path)
    shot = Image.open(io.BytesIO(page.locator("#graph canvas").screenshot())).convert("RGB")
    colours = shot.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # nodes, labels and lines, not a blank canvas
    assert page.title() == "林山寨测试"
    assert requests == [] and errors == []
    page.close()


@pytest.mark.browser
def test_search_click_and_filters(browser, page_html, tmp_path):
    page, requests, errors = open_page(browser, page_html, tmp_path)
    page.fill("#search", "商贸")
    page.press("#search", "Enter")
    page.wait_for_selector("body[data-selected='U2']")
    details = page.inner_text("#details")
    assert "乙商贸公司" in details and "联合组建" in details and "林山寨街道" in details
    assert page.inner_text("#results").strip() == "乙商贸公司（单位）"
    # a click on the instructor shows its masked phone
    box = page.locator("#graph").bounding_box()
    xy = page.evaluate(
        "() => { const n = graphkit.network; return n.canvasToDOM(n.getPositions(['I1']).I1); }"
    )
    page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])
    page.wait_for_selector("body[data-selected='I1']")
    assert "138****5678" in page.inner_text("#details")
    # street filter: 建设路街道 holds U4 and its street node
    page.select_option("#street", "S2")
    assert page.evaluate("() => document.body.dataset.visible") == "2"
    page.select_option("#street", "")
    page.uncheck(".status-filter[value='own_org']")
    assert page.evaluate("() => document.body.dataset.visible") == "9"  # all but U1
    assert requests == [] and errors == []
    page.close()


@pytest.mark.browser
def test_inline_search_works_in_the_sandboxed_frame(browser, net, tmp_path):
    # the notebook's view: the packed page in <iframe srcdoc sandbox="allow-scripts">; Enter searches
    outer = (
        "<!DOCTYPE html><html><body>"
        + InteractiveDiagram(net, embed_font=False)._repr_html_()
        + "</body></html>"
    )
    path = tmp_path / "notebook.html"
    path.write_text(outer, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path.as_uri())
    frame = page.frame_locator("iframe")
    frame.locator("body[data-ready='1']").wait_for(timeout=20000)
    frame.locator("#search").fill("商贸")
    frame.locator("#search").press("Enter")
    frame.locator("body[data-selected='U2']").wait_for(timeout=5000)
    assert "乙商贸公司" in frame.locator("#details").inner_text()
    assert errors == []
    page.close()


@pytest.mark.browser
def test_demo_opens_on_street_pies_and_a_click_opens_one(browser, tmp_path):
    from loaders.demo import demo_district

    page, requests, errors = open_page(browser, interactive_html(demo_district(), embed_font=False), tmp_path)
    assert page.evaluate("() => document.body.dataset.visible") == "15"  # one pie per street, nothing else
    assert page.inner_text("#ranking").startswith("莲湖街道")  # most uncovered first
    page.click(".street-row[data-street='410102013']")
    assert page.evaluate("() => document.body.dataset.expanded") == "1"
    assert int(page.evaluate("() => document.body.dataset.visible")) > 100
    page.click("#overview")
    assert page.evaluate("() => document.body.dataset.visible") == "15"
    assert requests == [] and errors == []
    page.close()


@pytest.mark.browser
def test_search_finds_a_merged_unit(browser, net, tmp_path):
    page, _, errors = open_page(browser, interactive_html(net, max_nodes=7, embed_font=False), tmp_path)
    page.fill("#search", "甲科技公司")
    page.press("#search", "Enter")
    page.wait_for_selector("body[data-selected='U1']")
    details = page.inner_text("#details")
    assert "甲科技公司" in details and "林山寨街道·单独组建 1家" in details
    assert errors == []
    page.close()


def test_page_after_an_analysis_reuses_its_positions_and_is_the_same():
    # the network caches the node positions of relationship columns the analyses looked up;
    # the page data of an analysed network equals that of a fresh copy, which looks every id up
    from graphkit import datasets
    from graphkit.analysis import analyze
    from graphkit.draw import coverage_of
    from graphkit.draw.interactive.data import page_data
    from graphkit.draw.interactive.positions import NodePositions

    analysed, fresh = datasets.tiny(), datasets.tiny()
    analyze(analysed)
    a, b = NodePositions(analysed), NodePositions(fresh)
    assert np.array_equal(a.src, b.src) and np.array_equal(a.tgt, b.tgt)
    pages = [page_data(n, coverage_of(n), show_contacts=False, max_nodes=6) for n in (analysed, fresh)]
    assert _digest(pages[0]) == _digest(pages[1])


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(-3, 0), st.sampled_from(["a", "b", "B", "c1", "c"])),
        min_size=2,
    ),
    st.data(),
)
def test_first_ranked_equals_a_full_sort(rows, data):
    from graphkit.draw.interactive.data import first_ranked

    cap = data.draw(st.integers(1, len(rows) - 1))
    frame = pd.DataFrame(rows, columns=["prio", "degree", "id"]).assign(pos=np.arange(len(rows)) * 3)
    ranked = frame.sort_values(["prio", "degree", "id"], kind="stable")["pos"].to_numpy()
    kept, rest = first_ranked(
        frame["prio"].to_numpy(dtype=float),
        frame["degree"].to_numpy(),
        frame["id"].to_numpy(dtype=object),
        frame["pos"].to_numpy(),
        cap,
    )
    assert kept.tolist() == sorted(ranked[:cap]) and rest.tolist() == sorted(ranked[cap:])


def test_street_filter_orders_same_named_streets_by_id():
    # by name, then id: two streets with one name once came out in set order, which changes per process
    from graphkit.draw import coverage_of
    from graphkit.draw.interactive.data import page_data

    net = Network.from_records(
        nodes={
            "Unit": [{"id": f"U{i}", "street_id": s} for i, s in enumerate(["S3", "S1", "S2"])],
            "Street": [
                {"id": "S3", "name": "建设路街道"},
                {"id": "S1", "name": "建设路街道"},
                {"id": "S2", "name": "桐柏路街道"},
            ],
        },
    )
    data = page_data(net, coverage_of(net), show_contacts=False, max_nodes=50)
    assert data["streets"] == [["S1", "建设路街道"], ["S3", "建设路街道"], ["S2", "桐柏路街道"]]


def test_summary_ids_number_street_and_status_pairs_as_their_sorted_texts():
    """The counting pass gives each merged unit the rank of its "agg:<street>:<status>" text."""
    from graphkit.draw.interactive.data import NO_STREET, summary_ids
    from graphkit.draw.interactive.positions import NodePositions

    net = Network.from_records(
        nodes={"Street": [{"id": "S2"}, {"id": "S10"}, {"id": "S1"}], "Unit": [{"id": "U1"}]}
    )
    p = NodePositions(net)
    street_pos = np.array([1, -1, 0, 1, 2, 0, -1])
    status = np.array(["uncovered", "own_org", "uncovered", "own_org", "work_only", "uncovered", "own_org"])
    codes, ids = summary_ids(p, street_pos, status)
    text = [f"agg:{p.ids[s] if s >= 0 else NO_STREET}:{t}" for s, t in zip(street_pos, status, strict=True)]
    assert ids.tolist() == sorted(set(text))
    assert ids[codes].tolist() == text
    assert codes.tolist() == [2, 4, 3, 1, 0, 3, 4]  # "—" (no street) sorts after the ids


def test_node_streets_take_the_most_voted_street_and_ties_go_to_the_smaller_id():
    from graphkit.draw.interactive.positions import NodePositions, node_streets

    net = Network.from_records(
        nodes={
            "Street": [{"id": "S2"}, {"id": "S1"}],  # listed out of id order
            "Unit": [{"id": "U1"}, {"id": "U2"}, {"id": "U3"}],
            "Instructor": [{"id": "I1"}, {"id": "I2"}, {"id": "I3"}],
        },
        rels={
            "IN_STREET": [("U1", "S2"), ("U2", "S1"), ("U3", "S2")],
            "GUIDES": [("I1", "U1"), ("I1", "U2"), ("I2", "U1"), ("I2", "U2"), ("I2", "U3")],
        },
    )
    p = NodePositions(net)
    street = node_streets(p)
    got = {str(p.ids[i]): (str(p.ids[s]) if s >= 0 else None) for i, s in enumerate(street)}
    assert got == {
        "S2": "S2",
        "S1": "S1",
        "U1": "S2",
        "U2": "S1",
        "U3": "S2",
        "I1": "S1",  # one vote each: the smaller id
        "I2": "S2",  # two votes to one
        "I3": None,  # no neighbour with a street
    }
