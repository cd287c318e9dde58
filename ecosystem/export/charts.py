"""Charts of the gap report: the prospective matrix and the feasibility of each chantier.

Drawn with matplotlib's object API (:class:`matplotlib.figure.Figure`, no pyplot: no window, no
global backend switch, safe next to other code using matplotlib). Every chart comes as SVG (text
kept as ``<text>``, so names stay searchable and are XML-escaped by matplotlib) and as PNG.
Output is deterministic: fixed ``svg.hashsalt``, no creation date, no software stamp, fonts
from DejaVu Sans (shipped with matplotlib, so the same on every laptop). Labels use
:func:`ecosystem.i18n.tr`, French by default.

* :func:`matrix_chart` — the step-3 matrix: enjeux placed by impact (rows) × maîtrise (columns)
  on the 4 × 4 grid, the four quadrants named as in :mod:`ecosystem.analysis.matrix`;
* :func:`feasibility_chart` — one chantier: per scored category, how many links are operational
  and how many known ones are waiting to be activated, "manquant" when there is none, the
  governance (pilote, qui fait) and the score against the potential score;
* :func:`scores_chart` — every chantier's score next to its potential score.
"""

from __future__ import annotations

import html
import io
import re
import textwrap
from collections.abc import Sequence

import matplotlib
import matplotlib.ticker
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..analysis.common import SCORED_CATEGORIES
from ..analysis.feasibility import MISSING, OPERATIONAL, ChantierFeasibility
from ..analysis.matrix import HIGH, EnjeuPlacement
from ..i18n import tr

__all__ = ["CHART_FORMATS", "matrix_chart", "feasibility_chart", "scores_chart", "inline_svg"]

CHART_FORMATS = ("svg", "png")

# Colours readable in grey too (printers) and by people with a red–green deficiency.
GREEN, ORANGE, RED, GREY, INK = "#1b7837", "#e08214", "#b2182b", "#bababa", "#222222"
QUADRANT_COLOURS = {"act": "#d9f0d3", "partner": "#d1e5f0", "quick_win": "#fee0b6", "watch": "#eeeeee"}

_RC = {
    "svg.hashsalt": "ecosystem-report",
    "svg.fonttype": "none",  # <text> elements: small, searchable, escaped
    # Drawn with DejaVu Sans (ships with matplotlib); an SVG shown where it is not installed
    # falls back to Verdana (same metrics family), then any sans-serif.
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Verdana", "Arial"],
    "font.size": 9,
    "axes.titlesize": 10,
    "path.simplify": True,
}
_PNG_DPI = 150
_LABEL_BOX = {"facecolor": "white", "edgecolor": "none", "pad": 1.5}


def _render(figure: Figure, fmt: str) -> bytes:
    if fmt not in CHART_FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}; expected one of {CHART_FORMATS}")
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    with matplotlib.rc_context(_RC):
        figure.savefig(buffer, format=fmt, dpi=_PNG_DPI, metadata=metadata, facecolor="white")
    return buffer.getvalue()


def _figure(width: float, height: float) -> Figure:
    with matplotlib.rc_context(_RC):
        return Figure(figsize=(width, height), layout="constrained")


def _text(value: object) -> str:
    """Data text as matplotlib must draw it: one line, no mathtext (``$`` is literal)."""
    flat = " ".join(str(value).split())
    return flat.replace("$", r"\$")


def _wrap(value: object, width: int, lines: int = 3) -> str:
    parts = textwrap.wrap(_text(value), width, break_long_words=True) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: max(1, width - 1)].rstrip() + "…"
    return "\n".join(parts)


def _short(value: object, width: int) -> str:
    text = _text(value)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# --- the prospective matrix ------------------------------------------------------------------


def _enjeu_label(placement: EnjeuPlacement) -> str:
    return f"{placement.code} · {placement.name}" if placement.code else placement.name


def matrix_chart(placements: Sequence[EnjeuPlacement], fmt: str = "svg") -> bytes:
    """The enjeux on the impact × maîtrise grid (levels 1–4), quadrants shaded and named."""
    with matplotlib.rc_context(_RC):
        figure = _figure(7.2, 7.0)
        ax = figure.add_subplot()
        ax.set_xlim(0.5, 4.5)
        ax.set_ylim(0.5, 4.5)
        ax.set_aspect("equal")
        low, high = 0.5, HIGH - 0.5
        spans = {  # quadrant -> (x0, y0): maîtrise on x, impact on y
            "act": (high, high), "partner": (low, high), "quick_win": (high, low), "watch": (low, low),
        }
        for quadrant, (x0, y0) in spans.items():
            ax.add_patch(Rectangle((x0, y0), 2, 2, facecolor=QUADRANT_COLOURS[quadrant], edgecolor="none", zorder=0))
            title = tr(f"matrix.{quadrant}.title").split(" (")[0]
            ax.text(x0 + 1, y0 + 1.97, _wrap(title, 26, 2), ha="center", va="top", fontsize=8.5,
                    fontweight="bold", color="#444444", zorder=1)
        for level in range(1, 5):
            ax.axhline(level + 0.5, color="white", linewidth=1.5, zorder=1)
            ax.axvline(level + 0.5, color="white", linewidth=1.5, zorder=1)
        ax.axhline(high, color="#777777", linewidth=1.2, zorder=2)
        ax.axvline(high, color="#777777", linewidth=1.2, zorder=2)
        cells: dict[tuple[int, int], list[EnjeuPlacement]] = {}
        for p in placements:
            if p.impact is not None and p.maitrise is not None:
                cells.setdefault((int(p.maitrise), int(p.impact)), []).append(p)
        for (x, y), members in sorted(cells.items()):
            shown = members[:3]
            lines = 3 if len(shown) == 1 else 2
            labels = [_wrap(_enjeu_label(p), 22, lines) for p in shown]
            if len(members) > len(shown):
                labels.append(tr("chart.more", count=len(members) - len(shown)))
            ax.plot([x], [y + 0.14], marker="o", markersize=7, color=INK, zorder=3)
            ax.text(x, y + 0.02, "\n".join(labels), ha="center", va="top", fontsize=6.5, color=INK,
                    linespacing=1.1, zorder=3)
        ax.set_xticks(range(1, 5), [tr(f"chart.level.{n}") for n in range(1, 5)])
        ax.set_yticks(range(1, 5), [tr(f"chart.level.{n}") for n in range(1, 5)])
        ax.set_xlabel(tr("chart.matrix.maitrise"))
        ax.set_ylabel(tr("chart.matrix.impact"))
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        unrated = sum(1 for p in placements if p.impact is None or p.maitrise is None)
        title = tr("chart.matrix.title")
        if unrated:
            title += "\n" + tr("chart.matrix.unrated", count=unrated)
        ax.set_title(title)
        return _render(figure, fmt)


# --- feasibility of one chantier -------------------------------------------------------------


def feasibility_chart(chantier: ChantierFeasibility, fmt: str = "svg") -> bytes:
    """Per category: operational links (green), known ones to activate (orange), or missing (red);
    then governance, and the score against the potential score."""
    with matplotlib.rc_context(_RC):
        figure = _figure(7.2, 3.6)
        grid = figure.add_gridspec(2, 1, height_ratios=[4.2, 1.3])
        ax = figure.add_subplot(grid[0])
        rows = list(SCORED_CATEGORIES)
        labels = [tr(f"category.{c}").capitalize() for c in rows] + [tr("chart.pilote"), tr("chart.fait")]
        most = max([len(chantier.operational[c]) + len(chantier.to_activate[c]) for c in rows] + [1])
        y_positions = list(range(len(labels)))[::-1]
        for y, category in zip(y_positions, rows, strict=False):
            done, known = len(chantier.operational[category]), len(chantier.to_activate[category])
            if chantier.categories[category] == MISSING:
                ax.barh(y, most, color="white", edgecolor=RED, hatch="///", linewidth=1)
                ax.text(most / 2, y, tr("chart.state.missing"), ha="center", va="center", color=RED, fontweight="bold", bbox=_LABEL_BOX)
                continue
            ax.barh(y, done, color=GREEN)
            ax.barh(y, known, left=done, color=ORANGE)
            state = tr("chart.state.operational") if chantier.categories[category] == OPERATIONAL else tr("chart.state.to_activate")
            ax.text(done + known + most * 0.02, y, f"{state} ({done} + {known})", va="center", fontsize=8)
        for y, people in ((y_positions[-2], chantier.pilotes), (y_positions[-1], chantier.operateurs)):
            if people:
                ax.barh(y, most, color="#f0f0f0")
                ax.text(most * 0.01, y, _short(", ".join(people), 70), va="center", fontsize=8)
            else:
                ax.barh(y, most, color="white", edgecolor=RED, hatch="///", linewidth=1)
                ax.text(most / 2, y, tr("chart.state.nobody"), ha="center", va="center", color=RED, fontweight="bold", bbox=_LABEL_BOX)
        ax.set_yticks(y_positions, labels)
        ax.set_xlim(0, most * 1.45)
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
        ax.set_xlabel(tr("chart.feasibility.count"))
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.legend(
            handles=[Rectangle((0, 0), 1, 1, color=GREEN), Rectangle((0, 0), 1, 1, color=ORANGE),
                     Rectangle((0, 0), 1, 1, facecolor="white", edgecolor=RED, hatch="///")],
            labels=[tr("chart.state.operational"), tr("chart.state.to_activate"), tr("chart.state.missing")],
            loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False,
        )
        ax.set_title(_wrap(chantier.name, 80, 2), loc="left")
        score_ax = figure.add_subplot(grid[1])
        _score_bars(score_ax, [chantier], label_width=0)
        return _render(figure, fmt)


def _score_bars(ax, chantiers: Sequence[ChantierFeasibility], label_width: int) -> None:
    y_positions = list(range(len(chantiers)))[::-1]
    for y, c in zip(y_positions, chantiers, strict=False):
        ax.barh(y, c.potential_score, color="#fdb863", height=0.6)
        ax.barh(y, c.score, color=GREEN, height=0.6)
        ax.text(min(c.potential_score, 100) + 1.5, y, f"{c.score} → {c.potential_score}", va="center", fontsize=8)
    ax.set_xlim(0, 112)
    ax.set_xticks([0, 25, 50, 75, 100])
    if label_width:
        ax.set_yticks(y_positions, [_short(c.code or c.name, label_width) for c in chantiers])
    else:
        ax.set_yticks(y_positions, [tr("chart.score")])
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel(tr("chart.score.axis"))


def scores_chart(chantiers: Sequence[ChantierFeasibility], fmt: str = "svg") -> bytes:
    """Every chantier: its score (green) and its potential score (orange) on 0–100."""
    chantiers = list(chantiers)
    with matplotlib.rc_context(_RC):
        figure = _figure(7.2, 1.2 + 0.32 * max(1, len(chantiers)))
        ax = figure.add_subplot()
        _score_bars(ax, chantiers, label_width=40)
        figure.legend(
            handles=[Rectangle((0, 0), 1, 1, color=GREEN), Rectangle((0, 0), 1, 1, color="#fdb863")],
            labels=[tr("chart.score.now"), tr("chart.score.potential")],
            loc="outside lower center", ncols=2, fontsize=7.5, frameon=False,
        )
        ax.set_title(tr("chart.scores.title"), loc="left")
        return _render(figure, fmt)


# --- embedding -------------------------------------------------------------------------------

_PROLOG = re.compile(r"\A\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)
_ID = re.compile(r'\bid="([A-Za-z_][\w.-]*)"')
_XMLNS = re.compile(r'\s+xmlns(:\w+)?="[^"]*"')


def inline_svg(svg: bytes, title: str, prefix: str) -> str:
    """An SVG chart ready to sit inside an HTML page: no XML prolog, no DOCTYPE or metadata
    (they name external URLs), no namespace declarations (HTML5 knows ``<svg>``), ids prefixed
    with ``prefix`` (several charts share one page), a ``role``, an escaped ``aria-label`` and a
    fluid width."""
    text = svg.decode("utf-8")
    for old in sorted(set(_ID.findall(text)), key=len, reverse=True):
        new = f"{prefix}-{old}"
        text = text.replace(f'id="{old}"', f'id="{new}"').replace(f"#{old})", f"#{new})").replace(f'"#{old}"', f'"#{new}"')
    text = _PROLOG.sub("", text, count=1)
    text = _METADATA.sub("", text)
    head_end = text.index(">")
    head = _XMLNS.sub("", text[:head_end])
    head = re.sub(r'\s(width|height)="[^"]*"', "", head)
    attributes = f' role="img" aria-label="{html.escape(title, quote=True)}" style="width:100%;height:auto"'
    return head + attributes + text[head_end:]
