"""The gap report: Markdown, self-contained HTML, Excel workbook and charts, on a real store.

Hostile names (a ``<script>`` tag, a spreadsheet formula) must come out as plain text in every
format: escaped in HTML and Markdown, stored as text (never a formula) in the workbook.
"""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from ecosystem.analysis.common import prepare
from ecosystem.demo import DEMO_TERRITORY, demo_batch
from ecosystem.export import charts
from ecosystem.export.graphfiles import ExportError, safe_filename
from ecosystem.export.report import REPORT_FORMATS, build_report, report_path, write_report
from ecosystem.i18n import get_language, set_language
from ecosystem.model import Batch, Link, LinkType, actor, chantier, enjeu, resource
from ecosystem.store import EmbeddedStore

TODAY = date(2025, 3, 12)
SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x","y")'
HOSTILE_TERRITORY = f"Terre {SCRIPT}"
FR_SHEETS = ["Synthèse", "Chantiers", "Détail par catégorie", "Liens à activer", "Liens suggérés", "Acteurs centraux", "Enjeux et matrice"]
EN_SHEETS = ["Summary", "Workstreams", "Per category", "Links to activate", "Suggested links", "Central actors", "Issues and matrix"]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def hostile_batch(t: str = HOSTILE_TERRITORY) -> Batch:
    e1 = enjeu(f"Enjeu {SCRIPT}", t, code="1", impact=3, maitrise=4)
    e2 = enjeu("<img src=x onerror=alert(2)>", t, code="2", impact=1, maitrise=1)
    e3 = enjeu("Enjeu non évalué", t)
    c = chantier(SCRIPT, t, code="2.a", freins=[f"frein {SCRIPT}", "-moins"])
    c2 = chantier("| pipe | et *gras* [lien](javascript:x)", t)
    funder = actor(FORMULA, t, email="@contact@x.fr", telephone="+33 5 00 00 00 00")
    partner = actor("-1+2", t)
    pilot = actor(SCRIPT, t)
    money = resource(FORMULA, t, "financement")
    return Batch([
        Link(LinkType.ANSWERS, c, e1),
        Link(LinkType.ANSWERS, c, e2),
        Link(LinkType.ANSWERS, c2, e1),
        Link(LinkType.PILOTS, pilot, c),
        Link(LinkType.OPERATES, partner, c),
        Link(LinkType.OPERATIONAL, c, partner),
        Link(LinkType.KNOWN_UNLINKED, c, money),
        Link(LinkType.PROVIDES, funder, money),
        Link(LinkType.OPERATIONAL, c2, partner),
        e3,
    ])


@pytest.fixture
def demo_store(tmp_path: Path):
    store = EmbeddedStore(tmp_path / "demo.db")
    store.write(demo_batch())
    yield store
    store.close()


@pytest.fixture
def hostile_store(tmp_path: Path):
    store = EmbeddedStore(tmp_path / "hostile.db")
    store.write(hostile_batch())
    yield store
    store.close()


def _write(store: EmbeddedStore, territory: str, out: Path, **kwargs) -> dict[str, Path]:
    report = build_report(prepare(store, territory), today=TODAY)
    paths = write_report(report, out, **kwargs)
    assert all(p.is_file() for p in paths)
    return {p.suffix.lstrip("."): p for p in paths if p.parent == out} | {"_all": paths}


class _Resources(HTMLParser):
    """Every attribute that makes a browser fetch something, and every script element."""

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts += 1
        for name, value in attrs:
            if name in {"src", "href", "xlink:href", "action", "poster", "data", "srcset"} and value and not value.startswith(("#", "data:")):
                self.fetched.append(f"{tag} {name}={value}")


def _external_resources(page: str) -> list[str]:
    parser = _Resources()
    parser.feed(page)
    found = parser.fetched + ["<script>"] * parser.scripts
    found += re.findall(r"url\(\s*['\"]?(?!#|data:)[^)]*\)", page) + re.findall(r"@import", page)
    return found


def _formula_cells(workbook: openpyxl.Workbook) -> list[str]:
    return [f"{ws.title}!{cell.coordinate}" for ws in workbook for row in ws.iter_rows() for cell in row if cell.data_type == "f"]


def _texts(workbook: openpyxl.Workbook) -> list[str]:
    return [cell.value for ws in workbook for row in ws.iter_rows() for cell in row if isinstance(cell.value, str)]


# --- the demo --------------------------------------------------------------------------------


def test_demo_report_names_the_gaps_and_the_funding_to_activate(demo_store, tmp_path):
    out = tmp_path / "exports"
    files = _write(demo_store, DEMO_TERRITORY, out)
    stem = safe_filename(DEMO_TERRITORY)
    assert files["md"] == out / f"{stem}-rapport.md" == report_path(out, DEMO_TERRITORY, "md")
    assert files["html"].name == f"{stem}-rapport.html" and files["xlsx"].name == f"{stem}-rapport.xlsx"

    md = files["md"].read_text("utf-8")
    assert md.splitlines()[0] == f"# Rapport des manques — {DEMO_TERRITORY} — 12 mars 2025"
    assert (
        "Le chantier 1.b n'a aucun financement opérationnel : « Partenaires sociaux (CAF…) » connu(s) "
        "mais pas encore relié(s), à activer."
    ) in md
    # The CAF is the known funding to activate for 1.b, and who to contact for it.
    section_1b = md[md.index("### 1.b"):md.index("## Liens connus")]
    funding = next(line for line in section_1b.splitlines() if "Partenaires sociaux (CAF…) (financement)" in line)
    assert "comblerait un manque" in funding and "à contacter : CAF" in funding
    assert "Personne ne « fait » le chantier 1.b" in md
    assert "Manque (à trouver ou à créer) :** intervenant, financement" in md  # 1.a
    assert "Couverture numérique (zones blanches)" in md  # a frein of 1.a
    assert "À porter avec des partenaires" in md  # the matrix quadrant of enjeu 1
    assert "Communauté de communes | 2 | 16,7 % |" in md  # central actors, French decimals
    for png in re.findall(r"\]\(([^)]+\.png)\)", md):
        assert (out / png).is_file()


def test_demo_html_is_self_contained_with_inline_svg_charts(demo_store, tmp_path):
    page = _write(demo_store, DEMO_TERRITORY, tmp_path / "out", formats=["html"])["html"].read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fr">' in page
    assert _external_resources(page) == []
    assert not re.search(r"https?:", page)  # not even an XML namespace or DOCTYPE of the charts
    assert page.count("<svg") == 4  # scores, one per chantier (2), matrix
    assert "<img" not in page
    assert "@page { size: A4" in page
    assert "Partenaires sociaux (CAF…)" in page
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "charts on one page must not share ids"


def test_demo_workbook_has_one_sheet_per_section(demo_store, tmp_path):
    path = _write(demo_store, DEMO_TERRITORY, tmp_path / "out", formats=("xlsx",))["xlsx"]
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == FR_SHEETS
    for ws in workbook:
        assert ws.freeze_panes == "A2"
        assert all(cell.value for cell in ws[1]), f"{ws.title}: every column has a header"
        assert ws.column_dimensions["A"].width > 5
    assert _formula_cells(workbook) == []
    chantiers = workbook["Chantiers"]
    assert [c.value for c in chantiers[1]][:4] == ["Code", "Chantier", "Faisabilité /100", "Potentiel /100"]
    rows = {r[0]: r for r in chantiers.iter_rows(min_row=2, values_only=True)}
    assert rows["1.b"][2:4] == (50, 83)
    activations = [r for r in workbook["Liens à activer"].iter_rows(min_row=2, values_only=True)]
    caf = next(r for r in activations if r[0] == "Partenaires sociaux (CAF…)")
    assert caf[1] == "financement" and caf[4] == "CAF"
    detail = [r for r in workbook["Détail par catégorie"].iter_rows(min_row=2, values_only=True)]
    caf_detail = next(r for r in detail if r[4] == "Partenaires sociaux (CAF…)")
    assert (caf_detail[0], caf_detail[2], caf_detail[3], caf_detail[5], caf_detail[7]) == ("1.b", "financement", "à activer", "CAF", "oui")
    assert any(r[0] == "1.a" and r[2] == "financement" and r[3] == "manquant" for r in detail)


def test_charts_are_valid_png_and_svg_files(demo_store, tmp_path):
    paths = _write(demo_store, DEMO_TERRITORY, tmp_path / "out", formats=["md"])["_all"]
    pngs = [p for p in paths if p.suffix == ".png"]
    svgs = [p for p in paths if p.suffix == ".svg"]
    assert len(pngs) == len(svgs) == 4
    for png in pngs:
        data = png.read_bytes()
        assert data.startswith(PNG_MAGIC) and len(data) > 10_000, png
    for svg in svgs:
        root = ET.fromstring(svg.read_bytes())
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
    matrix_svg = next(p for p in svgs if p.name == "matrix.svg").read_text("utf-8")
    texts = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", matrix_svg))  # titles may wrap
    for title in ("Priorités d'action", "À porter avec des partenaires", "Actions faciles, effet limité", "À surveiller"):
        assert title in texts


def test_charts_are_deterministic(demo_store):
    report = build_report(prepare(demo_store, DEMO_TERRITORY), today=TODAY)
    for fmt in charts.CHART_FORMATS:
        assert charts.matrix_chart(report.matrix, fmt) == charts.matrix_chart(report.matrix, fmt)
        assert charts.feasibility_chart(report.chantiers[1], fmt) == charts.feasibility_chart(report.chantiers[1], fmt)


def test_english_on_request_and_language_restored(demo_store, tmp_path):
    files = _write(demo_store, DEMO_TERRITORY, tmp_path / "out", language="en")
    md = files["md"].read_text("utf-8")
    assert md.startswith("# Gap report — ") and "March 12, 2025" in md.splitlines()[0]
    assert "Workstream 1.b has no operational funding: « Partenaires sociaux (CAF…) » known but not linked yet" in md
    assert "to contact: CAF" in md
    assert '<html lang="en">' in files["html"].read_text("utf-8")
    assert openpyxl.load_workbook(files["xlsx"]).sheetnames == EN_SHEETS
    assert get_language() == "fr"  # the process language is left as it was
    set_language("en")
    _write(demo_store, DEMO_TERRITORY, tmp_path / "again", formats=["md"], language="fr")
    assert get_language() == "en"


def test_unknown_format_is_refused_before_writing(demo_store, tmp_path):
    report = build_report(prepare(demo_store, DEMO_TERRITORY), today=TODAY)
    with pytest.raises(ExportError, match="pdf"):
        write_report(report, tmp_path / "out", formats=["md", "pdf"])
    assert not (tmp_path / "out").exists()
    assert REPORT_FORMATS == ("md", "html", "xlsx")


def test_a_failed_write_keeps_the_previous_report(demo_store, tmp_path):
    out = tmp_path / "out"
    first = _write(demo_store, DEMO_TERRITORY, out, formats=["md"])["md"]
    before = first.read_bytes()
    (out / "blocked-rapport.md").mkdir()  # a folder where the file should go: the move fails
    report = build_report(prepare(demo_store, DEMO_TERRITORY), today=TODAY)
    report = dataclasses.replace(report, territory_name="blocked")
    with pytest.raises(ExportError):
        write_report(report, out, formats=["md"])
    assert first.read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_the_report_reads_the_same_on_both_stores(store, tmp_path):
    """Through the run_* functions: networkx on the embedded store, Cypher on Neo4j."""
    store.write(demo_batch())
    md = _write(store, DEMO_TERRITORY, tmp_path / "out", formats=["md"])["md"].read_text("utf-8")
    embedded = EmbeddedStore(tmp_path / "reference.db")
    embedded.write(demo_batch())
    reference = _write(embedded, DEMO_TERRITORY, tmp_path / "reference", formats=["md"])["md"].read_text("utf-8")
    embedded.close()
    assert md == reference


# --- hostile names ---------------------------------------------------------------------------


def test_hostile_names_are_text_in_every_format(hostile_store, tmp_path):
    out = tmp_path / "out"
    files = _write(hostile_store, HOSTILE_TERRITORY, out)
    assert files["md"].parent == out and files["md"].name == f"{safe_filename(HOSTILE_TERRITORY)}-rapport.md"

    page = files["html"].read_text("utf-8")
    assert "<script" not in page.lower()
    assert "<img" not in page and "onerror=alert" not in page.replace("onerror=alert(2)&gt;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)" in page  # the name, as text
    assert _external_resources(page) == []

    md = files["md"].read_text("utf-8")
    assert SCRIPT not in md and r"\<script\>alert(1)\</script\>" in md
    assert "[lien](javascript" not in md
    assert "\n- -moins" not in md and r"- \-moins" in md

    workbook = openpyxl.load_workbook(files["xlsx"])
    assert workbook.sheetnames == FR_SHEETS
    assert _formula_cells(workbook) == []
    texts = _texts(workbook)
    assert FORMULA in texts and "-1+2" in texts and "+33 5 00 00 00 00" in " ".join(texts)
    assert any(SCRIPT in t for t in texts)
    for ws in workbook:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    assert cell.data_type == "s" and cell.quotePrefix, f"{ws.title}!{cell.coordinate}"
    activations = {r[0]: r for r in workbook["Liens à activer"].iter_rows(min_row=2, values_only=True)}
    assert activations[FORMULA][4] == FORMULA  # its provider
    assert "@contact@x.fr" in activations[FORMULA][5] and "+33 5 00 00 00 00" in activations[FORMULA][5]

    for svg in [p for p in files["_all"] if p.suffix == ".svg"]:
        ET.fromstring(svg.read_bytes())  # names are XML-escaped by matplotlib


def test_hostile_matrix_places_rated_enjeux_and_counts_unrated(hostile_store):
    report = build_report(prepare(hostile_store, HOSTILE_TERRITORY), today=TODAY)
    quadrants = {p.code: p.quadrant for p in report.matrix}
    assert quadrants == {"1": "act", "2": "watch", None: "unrated"}
    svg = charts.matrix_chart(report.matrix, "svg").decode("utf-8")
    assert "1 enjeu(x) non évalué(s)" in svg
    assert "<script>" not in svg
    inline = charts.inline_svg(charts.matrix_chart(report.matrix, "svg"), f'"{SCRIPT}', prefix="m")
    assert inline.startswith("<svg") and not re.search(r"https?:", inline) and "<script" not in inline


@pytest.mark.parametrize("fmt", charts.CHART_FORMATS)
def test_charts_of_an_empty_territory(tmp_path, fmt):
    store = EmbeddedStore(tmp_path / "empty.db")
    store.write(Batch([enjeu("Seul enjeu", "Vide")]))
    report = build_report(prepare(store, "Vide"), today=TODAY)
    store.close()
    assert report.chantiers == []
    paths = write_report(report, tmp_path / "out")
    assert {p.suffix for p in paths} >= {".md", ".html", ".xlsx", ".png", ".svg"}
    assert "Aucun chantier" in next(p for p in paths if p.suffix == ".md").read_text("utf-8")
    assert charts.matrix_chart(report.matrix, fmt)


def test_report_says_when_suggestions_were_limited_per_chantier(tmp_path):
    """A generated EPCI has hundreds of suggestions per chantier: the report keeps each
    chantier's best ones and says how many weaker ones it left out, and how to list them all."""
    from bench.generate import generate
    from ecosystem.analysis.links import SUGGESTIONS_PER_CHANTIER

    g = generate("epci", 7)
    store = EmbeddedStore(tmp_path / "epci.db")
    store.write(g.batch)
    report = build_report(prepare(store, g.territory))
    per_chantier: dict[str, int] = {}
    for s in report.suggestions:
        per_chantier[s.chantier_uid] = per_chantier.get(s.chantier_uid, 0) + 1
    assert max(per_chantier.values()) == SUGGESTIONS_PER_CHANTIER
    left_out = sum(report.suggestions.omitted.values())
    assert left_out > 0
    written = write_report(report, tmp_path / "out", formats=["md"])
    md = next(p for p in written if p.suffix == ".md").read_text(encoding="utf-8")
    assert f"limitées aux {SUGGESTIONS_PER_CHANTIER} meilleure(s) par chantier" in md
    assert f"{left_out} suggestion(s) plus faible(s)" in md.replace("\u202f", "")
    assert "--per-chantier 0" in md


def test_the_report_keeps_as_many_suggestions_per_chantier_as_asked(tmp_path, monkeypatch):
    """`ecosystem export report --per-chantier N`: N per chantier, 0 = every one, and the note
    about left-out suggestions only when some were."""
    from click.testing import CliRunner

    from bench.generate import generate
    from ecosystem.cli import cli

    g = generate("epci", 7)
    store = EmbeddedStore(tmp_path / "epci.db")
    store.write(g.batch)
    everything = build_report(prepare(store, g.territory), per_chantier=0).suggestions
    store.close()
    monkeypatch.chdir(tmp_path)

    def suggested_rows(n: str) -> tuple[int, str]:
        out = tmp_path / f"out-{n}"
        result = CliRunner().invoke(
            cli, ["--store", "epci.db", "export", "report", "--format", "xlsx", "--format", "md", "--per-chantier", n, "--out", str(out)]
        )
        assert result.exit_code == 0, result.output
        from openpyxl import load_workbook

        book = load_workbook(next(out.glob("*.xlsx")), read_only=True)
        sheet = next(ws for ws in book.worksheets if "sugg" in ws.title.lower())
        rows = sum(1 for row in sheet.iter_rows(min_row=2, values_only=True) if any(row))
        return rows, next(out.glob("*.md")).read_text(encoding="utf-8")

    chantiers = {s.chantier_uid for s in everything}
    one, md_one = suggested_rows("1")
    assert one == len(chantiers)
    assert "limitées aux 1 meilleure(s) par chantier" in md_one
    all_rows, md_all = suggested_rows("0")
    assert all_rows == len(everything) > one
    assert "limitées aux" not in md_all
