"""A Chinese-capable font for matplotlib, from pip alone.

Chinese labels drawn with matplotlib's default font come out as empty boxes
with "Glyph missing" warnings. :func:`use_cjk_font` finds a font that has the
glyphs — a CJK font installed on the system when there is one, otherwise the
Noto Sans SC that the ``zhplot`` wheel ships — registers it with matplotlib and
returns its family name. :func:`cjk_rc` gives the matching ``rcParams`` for a
``matplotlib.rc_context``, so drawing never changes global state.

For HTML pages, :func:`font_face` embeds just the glyphs a page uses from the
bundled font, so Chinese shows offline on machines without a Chinese font.

Examples
--------
>>> family = use_cjk_font()
>>> isinstance(family, str) and len(family) > 0
True
>>> cjk_rc()["axes.unicode_minus"]
False

"""

from __future__ import annotations

import base64
import functools
import importlib.util
from pathlib import Path
from typing import Any

__all__ = [
    "SYSTEM_CJK_FAMILIES",
    "bundled_font_path",
    "cjk_rc",
    "font_chars",
    "font_face",
    "font_subset",
    "use_cjk_font",
]

#: System font families preferred over the bundled one, best first.
SYSTEM_CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
    "Droid Sans Fallback",
)

_PROBE = "两新组织党建覆盖"
#: Printable ASCII, always embedded by :func:`font_face`.
_ASCII = "".join(chr(c) for c in range(0x20, 0x7F))


def bundled_font_path() -> Path | None:
    """Path of the Noto Sans SC font shipped by ``zhplot``, or ``None`` when absent.

    Examples
    --------
    >>> p = bundled_font_path()
    >>> p is None or p.suffix == ".ttf"
    True

    """
    # Found without importing zhplot: its import changes matplotlib's global rcParams.
    spec = importlib.util.find_spec("zhplot")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a dependency
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "NotoSansSC-Regular.ttf"
    return path if path.is_file() else None


def _has_glyphs(path: str) -> bool:
    """True when the font file at ``path`` has a glyph for every probe character."""
    from matplotlib.ft2font import FT2Font

    try:
        font = FT2Font(path)
    except (OSError, RuntimeError):
        return False
    charmap = font.get_charmap()
    return all(ord(ch) in charmap for ch in _PROBE)


@functools.cache
def use_cjk_font() -> str:
    """Register a font with Chinese glyphs with matplotlib and return its family.

    A system CJK font (see :data:`SYSTEM_CJK_FAMILIES`) is preferred; otherwise
    the Noto Sans SC bundled with ``zhplot`` is added to matplotlib's font
    manager. ``rcParams`` are not changed: use :func:`cjk_rc` in an
    ``rc_context``. The answer is cached for the process.

    Returns
    -------
    str
        The font family name, e.g. ``"Noto Sans CJK SC"`` or ``"Noto Sans SC"``.
        ``"DejaVu Sans"`` when no CJK font can be found at all (labels then show
        boxes).

    Examples
    --------
    >>> use_cjk_font() in (*SYSTEM_CJK_FAMILIES, "DejaVu Sans")
    True

    """
    from matplotlib import font_manager

    by_name = {f.name: f.fname for f in font_manager.fontManager.ttflist}
    for family in SYSTEM_CJK_FAMILIES:
        fname = by_name.get(family)
        if fname and _has_glyphs(fname):
            return family
    path = bundled_font_path()
    if path is None:  # pragma: no cover - zhplot is a dependency
        return "DejaVu Sans"
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def cjk_rc() -> dict[str, Any]:
    """``rcParams`` that draw Chinese text with :func:`use_cjk_font`'s family.

    Examples
    --------
    >>> import matplotlib
    >>> with matplotlib.rc_context(cjk_rc()):
    ...     matplotlib.rcParams["font.sans-serif"][0] == use_cjk_font()
    True

    """
    family = use_cjk_font()
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [family, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "svg.fonttype": "path",
        "pdf.fonttype": 42,
    }


@functools.cache
def _bundled_face() -> Any:
    """The bundled font as a HarfBuzz face, read once per process."""
    import uharfbuzz as hb

    path = bundled_font_path()
    return None if path is None else hb.Face(hb.Blob.from_file_path(str(path)))


@functools.cache
def font_subset(chars: str) -> str:
    """Base64 TrueType subset of the bundled Noto Sans SC with the glyphs of ``chars``.

    Made by HarfBuzz's subsetter (through ``uharfbuzz``), without hinting or
    layout features: the glyphs, their metrics and the character map. The
    subset keeps the bundled font's own modification time, so the same
    characters give the same bytes. Cached per ``chars``; empty when the font
    is unavailable. Costs O(glyphs kept) after reading the font: milliseconds
    for the few thousand characters of a city's report.

    Examples
    --------
    >>> import base64
    >>> data = base64.b64decode(font_subset("党建"))
    >>> data == b"" or data.startswith(bytes([0, 1, 0, 0]))  # a TrueType file, or no font
    True

    """
    face = _bundled_face()
    if face is None:  # pragma: no cover - zhplot is a dependency
        return ""
    import uharfbuzz as hb

    wanted = hb.SubsetInput()
    wanted.unicode_set.update(map(ord, chars))
    wanted.layout_feature_tag_set.clear()  # no ligatures, no vertical forms: the page sets text plainly
    wanted.flags = hb.SubsetFlags.NO_HINTING
    return base64.b64encode(hb.subset(face, wanted).blob.data).decode("ascii")


def font_chars(text: str) -> str:
    """The characters a page of ``text`` needs from the bundled font: printable ASCII and those above U+2000.

    Sorted, so the same text gives the same subset (:func:`font_subset`).
    O(len(text)).

    Examples
    --------
    >>> font_chars("党建 AB")[-2:], len(font_chars(""))
    ('党建', 95)

    """
    # set() first: the text is megabytes, its distinct characters a few thousand
    return "".join(sorted({ch for ch in set(text) if ord(ch) > 0x2000} | set(_ASCII)))


def font_face(text: str, *, family: str = "graphkit-cjk") -> str:
    """A CSS ``@font-face`` rule embedding exactly the glyphs ``text`` needs, as a data URL.

    The characters of :func:`font_chars` are kept; the rule names no external
    URL. Empty when the bundled font is unavailable. O(len(text)) to collect
    the characters, then :func:`font_subset`.

    Examples
    --------
    >>> rule = font_face("两新组织")
    >>> rule == "" or rule.startswith('@font-face { font-family: "graphkit-cjk"; src: url(data:font/ttf;')
    True

    """
    data = font_subset(font_chars(text))
    if not data:  # pragma: no cover
        return ""
    src = f'url(data:font/ttf;base64,{data}) format("truetype")'
    return f'@font-face {{ font-family: "{family}"; src: {src}; }}'
