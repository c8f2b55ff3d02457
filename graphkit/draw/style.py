"""The look shared by every diagram: colours, labels, the Chinese font, legends and saving.

Colours follow one scheme everywhere: coverage status for units
(:data:`STATUS_COLORS`) and node kind for everything else (:data:`KIND_COLORS`).
Chinese text is drawn with :func:`graphkit.fonts.use_cjk_font`'s family inside
:func:`cjk_style` (an ``rc_context``), never through global ``rcParams``, so
figures save correctly anywhere.

Examples
--------
>>> STATUS_LABELS["uncovered"], KIND_LABELS["Instructor"], REL_LABELS["GUIDES"]
('未覆盖', '党建指导员', '指导')
>>> with cjk_style() as family:
...     fig, ax = new_axes(None, (4, 3), family)
>>> close(fig)

"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit import i18n
from graphkit.analysis.coverage import STATUSES
from graphkit.exceptions import GraphkitError
from graphkit.fonts import cjk_rc, use_cjk_font
from graphkit.i18n import REL_LABELS
from graphkit.palette import KIND_COLORS, STATUS_COLORS

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

__all__ = [
    "KIND_COLORS",
    "KIND_LABELS",
    "REL_LABELS",
    "STATUSES",
    "STATUS_COLORS",
    "STATUS_LABELS",
    "cjk_style",
    "close",
    "legend",
    "new_axes",
    "save",
    "status_patches",
]

#: Chinese legend text of each status (the labels of :mod:`graphkit.i18n`).
STATUS_LABELS = {s: str(i18n.value_label("status", s)) for s in STATUSES}
#: Chinese legend text of each node kind.
KIND_LABELS = {
    "Unit": "单位",
    "Carrier": "载体",
    "PartyOrg": "党组织",
    "Department": "部门",
    "Street": "街道",
    "GuidanceStation": "指导站",
    "Instructor": "党建指导员",
    "Liaison": "联络员",
    "OrganBranch": "机关党支部",
    "Position": "阵地",
}
_SAVE_FORMATS = {".png", ".svg", ".pdf"}


@contextlib.contextmanager
def cjk_style() -> Iterator[str]:
    """An ``rc_context`` drawing Chinese text; yields the CJK font family by name.

    The family is named (not the generic ``"sans-serif"``), so text drawn inside
    keeps its glyphs when the figure is saved outside the context.
    """
    import matplotlib

    family = use_cjk_font()
    rc = cjk_rc() | {"font.family": [family, "DejaVu Sans"]}
    with matplotlib.rc_context(rc):
        yield family
        # pyplot loads its backend at the first figure, here; Jupyter's inline backend
        # then turns interactive mode on, which the rc_context would undo on exit, and
        # no later figure of the session would display. Keep what the backend set.
        interactive = matplotlib.is_interactive()
    matplotlib.interactive(interactive)


def new_axes(ax: Axes | None, figsize: tuple[float, float], family: str) -> tuple[Figure, Axes]:
    """``ax`` and its figure, or a new constrained-layout figure of ``figsize``; tick labels in ``family``."""
    import matplotlib.pyplot as plt

    if ax is None:
        fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    else:
        fig = ax.figure
    ax.tick_params(labelfontfamily=family)
    return fig, ax


def status_patches(statuses: Sequence[str] = STATUSES) -> list[Patch]:
    """Legend patches of ``statuses``, coloured and labelled as everywhere else.

    Examples
    --------
    >>> [p.get_label() for p in status_patches(["own_org", "uncovered"])]
    ['单独组建', '未覆盖']

    """
    from matplotlib.patches import Patch

    return [Patch(facecolor=STATUS_COLORS[s], label=STATUS_LABELS[s]) for s in statuses]


def legend(ax: Axes, handles: list[Any], family: str, *, title: str | None = None, **kwargs: Any) -> None:
    """A frameless legend of ``handles`` right of ``ax``, its text and title in ``family``.

    ``kwargs`` go to :meth:`matplotlib.axes.Axes.legend` (``loc`` and
    ``bbox_to_anchor`` override the placement).
    """
    kwargs = {"loc": "upper left", "bbox_to_anchor": (1.0, 1.0), "frameon": False} | kwargs
    leg = ax.legend(handles=handles, title=title, prop={"family": family, "size": 9}, **kwargs)
    if leg.get_title():
        leg.get_title().set_fontfamily(family)


def close(fig: Figure) -> None:
    """Close ``fig`` and free its memory (useful in loops and tests)."""
    import matplotlib.pyplot as plt

    plt.close(fig)


def save(fig: Figure, path: str | Path, *, dpi: int = 150) -> Path:
    """Save ``fig`` as PNG, SVG or PDF, chosen by the suffix of ``path``.

    The file carries no creation date, so the same figure saves to the same bytes.

    Parameters
    ----------
    fig
        The figure, e.g. from a ``plot_*`` function.
    path
        Target file; parent folders are created.
    dpi
        Resolution of PNG files.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    GraphkitError
        When the suffix is not ``.png``, ``.svg`` or ``.pdf``.

    Examples
    --------
    >>> import tempfile
    >>> with cjk_style() as family:
    ...     fig, ax = new_axes(None, (4, 3), family)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     save(fig, Path(tmp) / "reach.svg").suffix
    '.svg'
    >>> close(fig)

    """
    path = Path(path)
    if path.suffix.lower() not in _SAVE_FORMATS:
        what = path.suffix or "a file without suffix"
        msg = f"{path.name}: cannot save a diagram as {what}; use .png, .svg or .pdf"
        raise GraphkitError(msg)
    path.parent.mkdir(parents=True, exist_ok=True)
    with cjk_style():
        fig.savefig(path, dpi=dpi, metadata=_metadata(path))
    return path


def _metadata(path: Path) -> dict[str, Any] | None:
    """File metadata naming graphkit and no date, by the suffix of ``path``."""
    suffix = path.suffix.lower()
    if suffix == ".png":
        return {"Software": "graphkit"}
    if suffix == ".svg":
        return {"Creator": "graphkit", "Date": None}
    return {"Creator": "graphkit", "CreationDate": None}
