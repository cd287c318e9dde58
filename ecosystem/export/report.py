"""The gap report of a territory, for a funding call: Markdown, one self-contained HTML page, and
an Excel workbook.

:func:`build_report` runs the four analyses once (through their ``run_*`` functions, so it works
on the embedded store and on Neo4j alike); :func:`write_report` writes the report in the chosen
language (French by default) and formats:

* ``<out>/<territory>-rapport.md`` — Markdown, with the charts as PNG files next to it in
  ``<territory>-rapport-graphiques/`` (PNG and SVG);
* ``<out>/<territory>-rapport.html`` — one file, inline CSS, charts as inline SVG, no external
  URL: it opens offline and prints on A4;
* ``<out>/<territory>-rapport.xlsx`` — one sheet per section, header row frozen; no cell is a
  formula (text starting with ``=``, ``+``, ``-`` or ``@`` is stored as text).

Per chantier: the feasibility score and potential score, each category's state (operational, to
activate, missing) with names, what to activate and with whom (the providers and their e-mails and
phones when the map knows them), governance gaps and freins. Then the central actors and the
dependency risks, the coverage of the enjeux and the prospective matrix.

Every text that comes from the data is escaped for its format (``html.escape`` in HTML, backslash
escapes in Markdown). Files are written atomically (temporary file, then ``os.replace``): a
failed export leaves the previous one intact.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .. import i18n
from ..analysis.centrality import ActorCentrality, run_central
from ..analysis.common import SCORED_CATEGORIES, Scope
from ..analysis.feasibility import MISSING, OPERATIONAL, TO_ACTIVATE, ChantierFeasibility, EnjeuCoverage, run_gaps
from ..analysis.links import SUGGESTIONS_PER_CHANTIER, Activation, Contact, Suggestion, run_missing
from ..analysis.matrix import QUADRANTS, EnjeuPlacement, run_matrix
from ..i18n import tr
from . import charts
from .graphfiles import ExportError, _write_atomic, safe_filename

__all__ = ["REPORT_FORMATS", "Report", "build_report", "write_report", "report_path"]

REPORT_FORMATS = ("md", "html", "xlsx")
SUFFIXES = {"md": ".md", "html": ".html", "xlsx": ".xlsx"}
TOP_ACTORS = 20  # central actors shown in the text formats (all of them in the workbook)
TOP_SUGGESTIONS = 15


@dataclass(frozen=True)
class Report:
    """Everything the report says, computed once; rendering happens in :func:`write_report`."""

    territory_key: str
    territory_name: str
    generated: date
    chantiers: list[ChantierFeasibility]
    enjeux: list[EnjeuCoverage]
    activations: list[Activation]
    suggestions: list[Suggestion]
    actors: list[ActorCentrality]
    matrix: list[EnjeuPlacement]
    without: tuple[str, ...] = field(default=())

    def activations_for(self, chantier_uid: str) -> list[tuple[Activation, bool]]:
        """(activation, closes a gap here) for every known link of this chantier, gap-closing first."""
        found = []
        for activation in self.activations:
            for known in activation.chantiers:
                if known.uid == chantier_uid:
                    found.append((activation, known.closes_gap))
        found.sort(key=lambda pair: not pair[1])
        return found


def build_report(
    scope: Scope,
    *,
    today: date | None = None,
    without_names: Sequence[str] = (),
    per_chantier: int | None = SUGGESTIONS_PER_CHANTIER,
) -> Report:
    """Run the four analyses on ``scope`` once. ``without_names``: the actors left out with
    ``--without``, as the coordinator typed them (shown in the report). ``per_chantier``:
    suggested links kept per chantier, its best ones (0 or None: all)."""
    chantiers, enjeux = run_gaps(scope)
    activations, suggestions = run_missing(scope, per_chantier)
    return Report(
        territory_key=scope.territory_key,
        territory_name=scope.territory_name,
        generated=today or date.today(),
        chantiers=chantiers,
        enjeux=enjeux,
        activations=activations,
        suggestions=suggestions,
        actors=run_central(scope),
        matrix=run_matrix(scope),
        without=tuple(without_names) or tuple(scope.without_uids),
    )


def report_path(out_dir: str | Path, territory: str, fmt: str) -> Path:
    """``<out_dir>/<safe_filename(territory)>-rapport.<fmt>``."""
    return Path(out_dir) / f"{safe_filename(territory, 70)}-rapport{SUFFIXES[fmt]}"


def _capped_note(report: Report) -> str:
    """The sentence saying that suggestions were limited per chantier, or "" when none was left out."""
    omitted = getattr(report.suggestions, "omitted", {}) or {}
    if not omitted:
        return ""
    return tr(
        "report.suggestions_capped",
        per_chantier=report.suggestions.per_chantier,  # type: ignore[attr-defined]
        count=sum(omitted.values()),
        chantiers=len(omitted),
    )


def write_report(
    report: Report, out_dir: str | Path, formats: Sequence[str] = REPORT_FORMATS, language: str | None = None
) -> list[Path]:
    """Write ``report`` in ``formats`` to ``out_dir``; return the files written (charts included).

    ``language``: "fr" or "en"; None keeps the current language (French unless chosen otherwise).
    """
    chosen = []
    for fmt in formats:
        key = str(fmt).strip().lower().lstrip(".")
        if key not in REPORT_FORMATS:
            raise ExportError("export.unknown_format", format=fmt, accepted=", ".join(REPORT_FORMATS))
        if key not in chosen:
            chosen.append(key)
    out = Path(out_dir)
    written: list[Path] = []
    with i18n.speaking(language):
        rendered = _Charts(report, draw="md" in chosen or "html" in chosen)  # the workbook has no chart
        if rendered:
            folder = out / f"{safe_filename(report.territory_name, 70)}-rapport-graphiques"
            for name, chart in rendered.items():
                for fmt in charts.CHART_FORMATS:
                    path = folder / f"{name}.{fmt}"
                    _write_atomic(path, chart[fmt])
                    written.append(path)
            rendered.folder = folder.name
        writers = {"md": _markdown, "html": _html, "xlsx": _xlsx}
        for fmt in chosen:
            path = report_path(out, report.territory_name, fmt)
            _write_atomic(path, writers[fmt](report, rendered))
            written.append(path)
    return written


# --- shared wording ----------------------------------------------------------------------------


class _Charts(dict):
    """Chart name -> {"svg": bytes, "png": bytes}, in the report's language."""

    def __init__(self, report: Report, draw: bool = True) -> None:
        super().__init__()
        self.folder = ""
        self.titles: dict[str, str] = {}
        self.of_chantier: dict[str, str] = {}
        if not draw:
            return
        if report.chantiers:
            self["scores"] = {f: charts.scores_chart(report.chantiers, f) for f in charts.CHART_FORMATS}
            self.titles["scores"] = tr("chart.scores.title")
        for i, c in enumerate(report.chantiers, 1):
            name = f"chantier-{i:02d}-{safe_filename(c.code or c.name, 30)}"
            self[name] = {f: charts.feasibility_chart(c, f) for f in charts.CHART_FORMATS}
            self.titles[name] = tr("report.chart_chantier_title", name=c.name)
            self.of_chantier[c.uid] = name
        self["matrix"] = {f: charts.matrix_chart(report.matrix, f) for f in charts.CHART_FORMATS}
        self.titles["matrix"] = tr("chart.matrix.title")


def _date(day: date) -> str:
    months = tr("report.months").split(",")
    return tr("report.date", day=day.day, month=months[day.month - 1], year=day.year)


def _title(report: Report) -> str:
    return tr("report.title", territory=report.territory_name, date=_date(report.generated))


def _state(state: str) -> str:
    return tr(f"report.state.{state}")


def _contact(contact: Contact) -> str:
    return contact.describe()


def _providers(activation: Activation) -> str:
    parts = [_contact(p) for p in activation.providers]
    own = [*activation.emails, *activation.phones]
    if own:
        parts.append(tr("report.own_contact", contacts=", ".join(own)))
    return " ; ".join(parts)


def _dependencies(actor: ActorCentrality) -> str:
    return " ; ".join(f"{c} ({tr(f'category.{cat}')})" for c, cat in actor.dependencies)


def _decimal(value: float, digits: int = 1) -> str:
    """0.8 -> "0,8" in French, "0.8" in English."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if i18n.get_language() == "fr" else text


def _percent(share: float) -> str:
    return _decimal(share * 100).removesuffix(",0").removesuffix(".0") + " %"


def _governance(c: ChantierFeasibility) -> str:
    """"complète", or what is lacking: "pas de pilote", "personne ne fait"."""
    lacking = [tr("report.lacks.pilote")] if not c.pilotes else []
    lacking += [tr("report.lacks.fait")] if not c.operateurs else []
    return ", ".join(lacking) or tr("report.governance_complete")


def _yes(value: bool) -> str:
    return tr("report.yes") if value else tr("report.no")


def _central(report: Report) -> list[ActorCentrality]:
    return [a for a in report.actors if a.chantiers or a.dependencies or a.broker][:TOP_ACTORS]


def _risks(report: Report) -> list[ActorCentrality]:
    return [a for a in report.actors if a.dependencies or a.broker]


def _quadrant(quadrant: str) -> str:
    return tr(f"matrix.{quadrant}.title")


# --- Markdown ----------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~])")
_MD_LINE_START = re.compile(r"^(?:([-+#=>])|(\d+)([.)])(?=\s|$))")


def _md(value: object) -> str:
    """Text for Markdown: one line, every character that could start markup (``<script>``,
    links, emphasis, table pipes, a list or heading at the start) backslash-escaped."""
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))
    return _MD_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def _md_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    out = ["| " + " | ".join(_md(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(_md(c) if c != "" else " " for c in row) + " |" for row in rows]
    return out + [""]


def _markdown(report: Report, rendered: _Charts) -> bytes:
    lines = [f"# {_md(_title(report))}", "", _md(tr("report.intro")), ""]
    if report.without:
        lines += [_md(tr("report.without", actors=", ".join(report.without))), ""]

    lines += [f"## {_md(tr('report.section.summary'))}", ""]
    lines += _md_table(
        [tr("report.col.chantier"), tr("report.col.score"), tr("report.col.potential"),
         *[tr(f"category.{c}").capitalize() for c in SCORED_CATEGORIES], tr("report.col.governance")],
        [
            [c.name, c.score, c.potential_score, *[_state(c.categories[cat]) for cat in SCORED_CATEGORIES], _governance(c)]
            for c in report.chantiers
        ],
    )
    if "scores" in rendered:
        lines += [f"![{_md(rendered.titles['scores'])}]({rendered.folder}/scores.png)", ""]

    lines += [f"## {_md(tr('report.section.chantiers'))}", ""]
    if not report.chantiers:
        lines += [_md(tr("report.no_chantier")), ""]
    for c in report.chantiers:
        lines += [f"### {_md(c.name)}", ""]
        lines += [_md(tr("report.score_line", score=c.score, potential=c.potential_score)), ""]
        chart = rendered.of_chantier.get(c.uid)
        if chart:
            lines += [f"![{_md(rendered.titles[chart])}]({rendered.folder}/{chart}.png)", ""]
        lines += [f"**{_md(tr('report.findings'))}**", ""]
        lines += [f"- {_md(s)}" for s in c.sentences()] + [""]
        lines += _md_table(
            [tr("report.col.category"), tr("report.col.state"), tr("report.col.operational"), tr("report.col.to_activate")],
            [
                [tr(f"category.{cat}").capitalize(), _state(c.categories[cat]),
                 ", ".join(c.operational[cat]) or "—", ", ".join(c.to_activate[cat]) or "—"]
                for cat in SCORED_CATEGORIES
            ],
        )
        activations = report.activations_for(c.uid)
        if activations:
            lines += [f"**{_md(tr('report.to_activate_with'))}**", ""]
            for a, closes in activations:
                who = _providers(a)
                item = tr("report.activation_item", name=a.name, category=_category(a.category))
                effect = tr("report.closes_gap") if closes else tr("report.strengthens")
                line = f"- **{_md(item)}** — {_md(effect)}"
                if who:
                    line += f" — {_md(tr('report.with_whom'))} {_md(who)}"
                lines.append(line)
            lines.append("")
        missing = [tr(f"category.{cat}") for cat in SCORED_CATEGORIES if c.categories[cat] == MISSING]
        lines += [f"**{_md(tr('report.missing'))}** {_md(', '.join(missing) if missing else tr('report.nothing_missing'))}", ""]
        lines += [f"**{_md(tr('report.governance'))}**", ""]
        lines += [
            f"- {_md(tr('report.col.pilotes'))} : {_md(', '.join(c.pilotes) or tr('report.nobody'))}",
            f"- {_md(tr('report.col.operateurs'))} : {_md(', '.join(c.operateurs) or tr('report.nobody'))}",
            f"- {_md(tr('report.col.associes'))} : {_md(', '.join(c.associes) or '—')}",
            "",
        ]
        lines += [f"**{_md(tr('report.freins'))}**", ""]
        lines += [f"- {_md(f)}" for f in c.freins] or [f"- {_md(tr('report.no_frein'))}"]
        lines.append("")

    lines += [f"## {_md(tr('report.section.activations'))}", ""]
    lines += [f"- {_md(a.sentence())}" for a in report.activations] or [f"- {_md(tr('report.none'))}"]
    lines.append("")
    if report.suggestions:
        lines += [f"## {_md(tr('report.section.suggestions'))}", ""]
        lines += [f"- ({_decimal(s.score)}) {_md(s.sentence())}" for s in report.suggestions[:TOP_SUGGESTIONS]]
        if len(report.suggestions) > TOP_SUGGESTIONS:
            lines += ["", _md(tr("report.more_in_workbook", count=len(report.suggestions) - TOP_SUGGESTIONS))]
        if _capped_note(report):
            lines += ["", _md(_capped_note(report))]
        lines.append("")

    lines += [f"## {_md(tr('report.section.actors'))}", "", _md(tr("report.actors_intro")), ""]
    lines += _md_table(
        [tr("report.col.actor"), tr("report.col.degree"), tr("report.col.betweenness"), tr("report.col.broker"), tr("report.col.dependencies")],
        [[a.name, a.degree, _percent(a.betweenness), _yes(a.broker), _dependencies(a) or "—"] for a in _central(report)],
    )
    lines += [f"**{_md(tr('report.risks'))}**", ""]
    lines += [f"- {_md(a.sentence())}" for a in _risks(report)] or [f"- {_md(tr('report.no_risk'))}"]
    lines.append("")

    lines += [f"## {_md(tr('report.section.enjeux'))}", ""]
    lines += [f"- {_md(e.sentence())}" for e in report.enjeux] or [f"- {_md(tr('report.none'))}"]
    lines.append("")
    lines += [f"## {_md(tr('report.section.matrix'))}", ""]
    if "matrix" in rendered:
        lines += [f"![{_md(rendered.titles['matrix'])}]({rendered.folder}/matrix.png)", ""]
    for quadrant in QUADRANTS:
        placed = [p for p in report.matrix if p.quadrant == quadrant]
        if placed:
            lines += [f"### {_md(_quadrant(quadrant))}", ""]
            lines += [f"- {_md(p.sentence())}" for p in placed] + [""]
    lines += ["---", "", _md(tr("report.footer")), ""]
    return "\n".join(lines).encode("utf-8")


# --- HTML --------------------------------------------------------------------------------------

_CSS = """
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 10.5pt; line-height: 1.4;
       color: #222; max-width: 190mm; margin: 0 auto; padding: 8mm 4mm; }
h1 { font-size: 17pt; border-bottom: 2px solid #1b7837; padding-bottom: 4pt; }
h2 { font-size: 14pt; color: #1b4f72; margin-top: 18pt; border-bottom: 1px solid #ccc; }
h3 { font-size: 12pt; margin-top: 14pt; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 10pt; font-size: 8.5pt; }
th, td { border: 1px solid #bbb; padding: 3pt 5pt; text-align: left; vertical-align: top; overflow-wrap: break-word; hyphens: auto; }
th { background: #eef3f7; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
figure { margin: 8pt 0; break-inside: avoid; page-break-inside: avoid; }
.state-operational { color: #1b7837; font-weight: bold; }
.state-to_activate { color: #b35806; font-weight: bold; }
.state-missing { color: #b2182b; font-weight: bold; }
.chantier { break-before: auto; }
.chantier h3 { break-after: avoid; page-break-after: avoid; }
.note { color: #555; font-size: 9pt; }
ul { padding-left: 16pt; }
li { margin: 2pt 0; }
@media print { body { padding: 0; max-width: none; } h2 { break-after: avoid; page-break-after: avoid; } }
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _html_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """``rows`` cells are already HTML (escaped by the caller)."""
    out = ["<table>", "<thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in headers) + "</tr></thead>", "<tbody>"]
    out += ["<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows]
    return out + ["</tbody>", "</table>"]


def _html_state(state: str) -> str:
    return f'<span class="state-{_e(state)}">{_e(_state(state))}</span>'


def _html_list(items: Sequence[str]) -> list[str]:
    """``items`` are already HTML."""
    return ["<ul>", *[f"<li>{i}</li>" for i in items], "</ul>"]


def _figure(rendered: _Charts, name: str) -> list[str]:
    if name not in rendered:
        return []
    title = rendered.titles[name]
    svg = charts.inline_svg(rendered[name]["svg"], title, prefix=f"c{list(rendered).index(name)}")
    return ["<figure>", svg, "</figure>"]  # the chart carries its own title (and aria-label)


def _html(report: Report, rendered: _Charts) -> bytes:
    title = _title(report)
    body = [f"<h1>{_e(title)}</h1>", f"<p>{_e(tr('report.intro'))}</p>"]
    if report.without:
        body.append(f'<p class="note">{_e(tr("report.without", actors=", ".join(report.without)))}</p>')

    body.append(f"<h2>{_e(tr('report.section.summary'))}</h2>")
    body += _html_table(
        [tr("report.col.chantier"), tr("report.col.score"), tr("report.col.potential"),
         *[tr(f"category.{c}").capitalize() for c in SCORED_CATEGORIES], tr("report.col.governance")],
        [
            [_e(c.name), _e(c.score), _e(c.potential_score), *[_html_state(c.categories[cat]) for cat in SCORED_CATEGORIES],
             _e(_governance(c))]
            for c in report.chantiers
        ],
    )
    body += _figure(rendered, "scores")

    body.append(f"<h2>{_e(tr('report.section.chantiers'))}</h2>")
    if not report.chantiers:
        body.append(f"<p>{_e(tr('report.no_chantier'))}</p>")
    for c in report.chantiers:
        body += ['<section class="chantier">', f"<h3>{_e(c.name)}</h3>",
                 f"<p><strong>{_e(tr('report.score_line', score=c.score, potential=c.potential_score))}</strong></p>"]
        chart = rendered.of_chantier.get(c.uid)
        if chart:
            body += _figure(rendered, chart)
        body.append(f"<h4>{_e(tr('report.findings'))}</h4>")
        body += _html_list([_e(s) for s in c.sentences()])
        body += _html_table(
            [tr("report.col.category"), tr("report.col.state"), tr("report.col.operational"), tr("report.col.to_activate")],
            [
                [_e(tr(f"category.{cat}").capitalize()), _html_state(c.categories[cat]),
                 _e(", ".join(c.operational[cat]) or "—"), _e(", ".join(c.to_activate[cat]) or "—")]
                for cat in SCORED_CATEGORIES
            ],
        )
        activations = report.activations_for(c.uid)
        if activations:
            body.append(f"<h4>{_e(tr('report.to_activate_with'))}</h4>")
            items = []
            for a, closes in activations:
                item = f"<strong>{_e(tr('report.activation_item', name=a.name, category=_category(a.category)))}</strong> — "
                item += _e(tr("report.closes_gap") if closes else tr("report.strengthens"))
                who = _providers(a)
                if who:
                    item += f" — {_e(tr('report.with_whom'))} {_e(who)}"
                items.append(item)
            body += _html_list(items)
        missing = [tr(f"category.{cat}") for cat in SCORED_CATEGORIES if c.categories[cat] == MISSING]
        body.append(f"<p><strong>{_e(tr('report.missing'))}</strong> {_e(', '.join(missing) if missing else tr('report.nothing_missing'))}</p>")
        body.append(f"<h4>{_e(tr('report.governance'))}</h4>")
        body += _html_list([
            f"{_e(tr('report.col.pilotes'))} : {_e(', '.join(c.pilotes) or tr('report.nobody'))}",
            f"{_e(tr('report.col.operateurs'))} : {_e(', '.join(c.operateurs) or tr('report.nobody'))}",
            f"{_e(tr('report.col.associes'))} : {_e(', '.join(c.associes) or '—')}",
        ])
        body.append(f"<h4>{_e(tr('report.freins'))}</h4>")
        body += _html_list([_e(f) for f in c.freins] or [_e(tr("report.no_frein"))])
        body.append("</section>")

    body.append(f"<h2>{_e(tr('report.section.activations'))}</h2>")
    body += _html_list([_e(a.sentence()) for a in report.activations] or [_e(tr("report.none"))])
    if report.suggestions:
        body.append(f"<h2>{_e(tr('report.section.suggestions'))}</h2>")
        body += _html_list([f"({_e(_decimal(s.score))}) {_e(s.sentence())}" for s in report.suggestions[:TOP_SUGGESTIONS]])
        if len(report.suggestions) > TOP_SUGGESTIONS:
            body.append(f'<p class="note">{_e(tr("report.more_in_workbook", count=len(report.suggestions) - TOP_SUGGESTIONS))}</p>')
        if _capped_note(report):
            body.append(f'<p class="note">{_e(_capped_note(report))}</p>')

    body += [f"<h2>{_e(tr('report.section.actors'))}</h2>", f"<p>{_e(tr('report.actors_intro'))}</p>"]
    body += _html_table(
        [tr("report.col.actor"), tr("report.col.degree"), tr("report.col.betweenness"), tr("report.col.broker"), tr("report.col.dependencies")],
        [[_e(a.name), _e(a.degree), _e(_percent(a.betweenness)), _e(_yes(a.broker)), _e(_dependencies(a) or "—")] for a in _central(report)],
    )
    body.append(f"<h3>{_e(tr('report.risks'))}</h3>")
    body += _html_list([_e(a.sentence()) for a in _risks(report)] or [_e(tr("report.no_risk"))])

    body.append(f"<h2>{_e(tr('report.section.enjeux'))}</h2>")
    body += _html_list([_e(e.sentence()) for e in report.enjeux] or [_e(tr("report.none"))])
    body.append(f"<h2>{_e(tr('report.section.matrix'))}</h2>")
    body += _figure(rendered, "matrix")
    for quadrant in QUADRANTS:
        placed = [p for p in report.matrix if p.quadrant == quadrant]
        if placed:
            body.append(f"<h3>{_e(_quadrant(quadrant))}</h3>")
            body += _html_list([_e(p.sentence()) for p in placed])
    body.append(f'<hr><p class="note">{_e(tr("report.footer"))}</p>')

    page = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(i18n.get_language())}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # No script, no external resource: nothing this page loads from the network.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(page).encode("utf-8")


def _category(category: str) -> str:
    return tr(f"category.{category}") if category in {*SCORED_CATEGORIES, "lieu", "autre"} else category


# --- XLSX --------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@")
_MAX_CELL = 32767


def _cell_value(value: Any) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None:
        return ""
    if isinstance(value, bool):
        return _yes(value)
    if isinstance(value, int | float):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(value))
    return text[:_MAX_CELL]


def _sheet(workbook: Any, title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[int]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(_sheet_title(title))
    sheet.append([_cell_value(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF3F7")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            cell.value = _cell_value(value)
            if isinstance(cell.value, str):
                # Never a formula: stored as text, and Excel keeps it text when edited.
                cell.data_type = "s"
                if cell.value.startswith(_FORMULA_START):
                    cell.quotePrefix = True
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    if rows:
        sheet.auto_filter.ref = sheet.dimensions


def _sheet_title(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "-", title)[:31]


def _xlsx(report: Report, _: _Charts) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = _title(report)
    workbook.properties.creator = "ecosystem"
    cats = [tr(f"category.{c}").capitalize() for c in SCORED_CATEGORIES]

    _sheet(
        workbook, tr("report.sheet.summary"),
        [tr("report.col.item"), tr("report.col.value")],
        [
            [tr("report.col.territory"), report.territory_name],
            [tr("report.col.date"), _date(report.generated)],
            [tr("report.col.without"), ", ".join(report.without) or "—"],
            [tr("report.col.chantiers_count"), len(report.chantiers)],
            [tr("report.col.enjeux_count"), len(report.enjeux)],
            [tr("report.col.activations_count"), len(report.activations)],
            [tr("report.col.note"), tr("report.intro")],
        ],
        [28, 90],
    )
    _sheet(
        workbook, tr("report.sheet.chantiers"),
        [tr("report.col.code"), tr("report.col.chantier"), tr("report.col.score"), tr("report.col.potential"), *cats,
         tr("report.col.pilotes"), tr("report.col.operateurs"), tr("report.col.associes"), tr("report.col.freins"),
         tr("report.col.enjeux"), tr("report.col.findings")],
        [
            [c.code or "", c.name, c.score, c.potential_score, *[_state(c.categories[cat]) for cat in SCORED_CATEGORIES],
             ", ".join(c.pilotes), ", ".join(c.operateurs), ", ".join(c.associes), " ; ".join(c.freins),
             " ; ".join(c.enjeux), " ".join(c.sentences())]
            for c in report.chantiers
        ],
        [8, 45, 10, 10, 14, 14, 14, 14, 25, 25, 25, 40, 40, 80],
    )
    detail = []
    for c in report.chantiers:
        providers = {a.name: a for a, _ in report.activations_for(c.uid)}
        for cat in SCORED_CATEGORIES:
            for name in c.operational[cat]:
                detail.append([c.code or "", c.name, tr(f"category.{cat}"), _state(OPERATIONAL), name, "", "", ""])
            for name in c.to_activate[cat]:
                a = providers.get(name)
                contacts = [*(a.emails if a else ()), *(a.phones if a else ())]
                detail.append([
                    c.code or "", c.name, tr(f"category.{cat}"), _state(TO_ACTIVATE), name,
                    ", ".join(p.name for p in a.providers) if a else "",
                    ", ".join([*(e for p in (a.providers if a else ()) for e in (*p.emails, *p.phones)), *contacts]),
                    _yes(any(k.uid == c.uid and k.closes_gap for k in a.chantiers)) if a else "",
                ])
            if c.categories[cat] == MISSING:
                detail.append([c.code or "", c.name, tr(f"category.{cat}"), _state(MISSING), "", "", "", ""])
    _sheet(
        workbook, tr("report.sheet.detail"),
        [tr("report.col.code"), tr("report.col.chantier"), tr("report.col.category"), tr("report.col.state"),
         tr("report.col.resource"), tr("report.col.providers"), tr("report.col.contacts"), tr("report.col.closes_gap")],
        detail,
        [8, 40, 14, 14, 40, 30, 35, 14],
    )
    _sheet(
        workbook, tr("report.sheet.activations"),
        [tr("report.col.resource"), tr("report.col.category"), tr("report.col.gaps_closed"), tr("report.col.chantiers"),
         tr("report.col.providers"), tr("report.col.contacts"), tr("report.col.sentence")],
        [
            [a.name, _category(a.category), a.gaps_closed, ", ".join(k.short() for k in a.chantiers),
             ", ".join(p.name for p in a.providers),
             ", ".join([*(e for p in a.providers for e in (*p.emails, *p.phones)), *a.emails, *a.phones]),
             a.sentence()]
            for a in report.activations
        ],
        [40, 14, 10, 20, 30, 35, 80],
    )
    _sheet(
        workbook, tr("report.sheet.suggestions"),
        [tr("report.col.chantier"), tr("report.col.resource"), tr("report.col.category"), tr("report.col.reason"),
         tr("report.col.score"), tr("report.col.sentence")],
        [[s.chantier, s.target, _category(s.category), tr(f"report.reason.{s.reason}"), s.score, s.sentence()] for s in report.suggestions],
        [35, 35, 14, 22, 8, 80],
    )
    _sheet(
        workbook, tr("report.sheet.actors"),
        [tr("report.col.actor"), tr("report.col.degree"), tr("report.col.betweenness"), tr("report.col.potential_degree"),
         tr("report.col.potential_betweenness"), tr("report.col.broker"), tr("report.col.connects"),
         tr("report.col.dependencies"), tr("report.col.sentence")],
        [
            [a.name, a.degree, a.betweenness, a.potential_degree, a.potential_betweenness, _yes(a.broker),
             ", ".join(a.connects), _dependencies(a), a.sentence()]
            for a in report.actors
        ],
        [35, 10, 12, 12, 12, 10, 30, 40, 80],
    )
    _sheet(
        workbook, tr("report.sheet.enjeux"),
        [tr("report.col.code"), tr("report.col.enjeu"), tr("report.col.impact"), tr("report.col.maitrise"),
         tr("report.col.quadrant"), tr("report.col.chantiers"), tr("report.col.sentence")],
        [
            [p.code or "", p.name, p.impact if p.impact is not None else "", p.maitrise if p.maitrise is not None else "",
             _quadrant(p.quadrant), " ; ".join(p.chantiers), p.sentence()]
            for p in report.matrix
        ],
        [8, 45, 10, 10, 30, 45, 80],
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
