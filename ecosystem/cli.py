"""The ``ecosystem`` command: a thin layer over the library.

Each command opens the store, calls one library function and prints the result. Library errors
(:class:`~ecosystem.errors.EcosystemError`) become one line on stderr and exit code 1; usage
errors exit 2; an unexpected error is one line too (``ECOSYSTEM_DEBUG=1`` shows the traceback).
Messages are French by default; ``--lang en`` or ``ECOSYSTEM_LANG=en`` switches to English
(help texts follow ``ECOSYSTEM_LANG``, since they are written before options are read).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from . import __version__
from .analysis.links import SUGGESTIONS_PER_CHANTIER
from .cli_i18n import Bilingual, Localised, LocalisedOption, install, option
from .demo import DEMO_TERRITORY, demo_batch
from .errors import EcosystemError
from .i18n import get_language, set_language, tr
from .model import LinkType, NodeKind
from .store import DEFAULT_STORE_FILE, Store, open_store

__all__ = ["cli", "main"]

install()  # Click's own messages (usage, help headings, usage errors) in the current language


def _help(fr: str, en: str) -> str:
    """An option's help, shown in the language of the run (``--lang`` comes after import)."""
    return Bilingual(fr, en)


class UserError(click.ClickException):
    """A library error shown as one line, with a localised prefix."""

    def show(self, file: Any = None) -> None:
        prefix = "Error: " if get_language() == "en" else "Erreur : "
        click.echo(prefix + self.format_message(), err=True)


class EcosystemCommand(Localised, click.Command):
    """A command of the CLI (help in the language of the run)."""


class EcosystemGroup(Localised, click.Group):
    """Help in the language of the run; turns library errors raised by any command into one-line
    messages."""

    command_class = EcosystemCommand
    group_class = type  # subgroups are EcosystemGroups too

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        """``--lang`` applied before parsing (the option itself only checks its value), so that
        a usage error found first (an unknown option before ``--lang en``) and every help page are
        already in the language asked for."""
        if parent is None:
            for i, arg in enumerate(args):
                if arg == "--lang" and i + 1 < len(args):
                    value = args[i + 1]
                elif arg.startswith("--lang="):
                    value = arg.partition("=")[2]
                else:
                    continue
                if value in ("fr", "en"):
                    set_language(value)
        return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EcosystemError as e:
            raise UserError(str(e)) from e
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except Exception as e:  # never a traceback for the coordinator
            if os.environ.get("ECOSYSTEM_DEBUG"):
                raise
            raise UserError(tr("cli.internal_error", detail=f"{type(e).__name__}: {e}"[:200])) from e


@dataclass
class Settings:
    """Global options, kept until a command opens the store."""

    store_path: Path | None
    neo4j_uri: str | None
    neo4j_user: str | None
    neo4j_password: str | None
    neo4j_database: str | None

    def open(self) -> Store:
        return open_store(
            self.store_path,
            neo4j_uri=self.neo4j_uri,
            neo4j_user=self.neo4j_user,
            neo4j_password=self.neo4j_password,
            neo4j_database=self.neo4j_database,
            notify=lambda text: click.echo(text, err=True),
        )


@click.group(cls=EcosystemGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@option(
    "--store",
    "store_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="ECOSYSTEM_STORE",
    help=_help(
        f"Fichier de stockage embarqué (par défaut {DEFAULT_STORE_FILE} dans le dossier courant).",
        f"Embedded store file (default {DEFAULT_STORE_FILE} in the current folder).",
    ),
)
@option(
    "--neo4j",
    "neo4j_uri",
    envvar="NEO4J_URI",
    metavar="URI",
    help=_help(
        "Utiliser Neo4j à cette adresse (bolt://, neo4j://, neo4j+s://) ; aussi NEO4J_URI.",
        "Use Neo4j at this address (bolt://, neo4j://, neo4j+s://); also NEO4J_URI.",
    ),
)
@option("--neo4j-user", envvar="NEO4J_USER", metavar=_help("NOM", "NAME"), help=_help("Utilisateur Neo4j (NEO4J_USER, par défaut neo4j).", "Neo4j user (NEO4J_USER, default neo4j)."))
@option(
    "--neo4j-password",
    envvar="NEO4J_PASSWORD",
    metavar=_help("MOT", "PASSWORD"),
    help=_help(
        "Mot de passe Neo4j ; préférez la variable NEO4J_PASSWORD (jamais affiché).",
        "Neo4j password; prefer the NEO4J_PASSWORD variable (never shown).",
    ),
)
@option("--neo4j-database", envvar="NEO4J_DATABASE", metavar=_help("BASE", "DATABASE"), help=_help("Base Neo4j (par défaut celle du serveur).", "Neo4j database (default: the server's)."))
@option(
    "--lang",
    type=click.Choice(["fr", "en"]),
    expose_value=False,  # applied before parsing (EcosystemGroup.make_context); checked here
    help=_help("Langue des messages (fr par défaut ; aussi ECOSYSTEM_LANG).", "Language of messages (default fr; also ECOSYSTEM_LANG)."),
)
@click.version_option(__version__, prog_name="ecosystem", cls=LocalisedOption, help=_help("Afficher la version et quitter.", "Show the version and exit."))
@click.pass_context
def cli(ctx: click.Context, **options: Any) -> None:
    """Cartographier l'écosystème d'une feuille de route d'inclusion numérique : acteurs, ressources,
    chantiers et enjeux, liens opérationnels ou à activer.

    Map the ecosystem of a digital-inclusion roadmap: actors, resources, chantiers and enjeux,
    operational links and links to activate.
    """
    ctx.obj = Settings(**options)


@cli.command()
@option("--territory", "-t", metavar=_help("NOM", "NAME"), help=_help("Un seul territoire.", "One territory only."))
@option("--json", "as_json", is_flag=True, help=_help("Sortie JSON (pour les scripts).", "JSON output (for scripts)."))
@click.pass_obj
def status(settings: Settings, territory: str | None, as_json: bool) -> None:
    """Afficher le stockage utilisé et, par territoire, le nombre d'éléments et de liens.

    Show the store in use and, per territory, how many elements and links it holds.
    """
    with settings.open() as store:
        overview = store.overview()
        if territory:
            key, _ = store.resolve_territory(territory)
            overview = [o for o in overview if o.key == key]
        if as_json:
            data = {
                "store": store.describe(),
                "territories": [{"key": o.key, "name": o.name, "nodes": o.nodes, "links": o.links} for o in overview],
            }
            click.echo(json.dumps(data, ensure_ascii=False, indent=2))
            return
        click.echo(tr("cli.store", store=store.describe()))
        if not overview:
            click.echo(tr("cli.empty"))
        for o in overview:
            click.echo("")
            click.echo(tr("cli.territory", name=o.name))
            click.echo(tr("cli.nodes"))
            for kind in NodeKind:
                click.echo(f"    {tr(f'kind.{kind.value}'):<40}{o.nodes.get(kind.value, 0):>8}")
            click.echo(tr("cli.links"))
            for link_type in LinkType:
                click.echo(f"    {tr(f'link.{link_type.value}'):<40}{o.links.get(link_type.value, 0):>8}")


@cli.command()
@option("--territory", "-t", metavar=_help("NOM", "NAME"), default=DEMO_TERRITORY, show_default=True,
              help=_help("Territoire où charger l'exemple.", "Territory to load the example into."))
@option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("exports"), show_default=True, help=_help("Dossier de sortie.", "Output folder."))
@option("--no-export", is_flag=True, help=_help("Charger l'exemple sans écrire la carte ni le rapport.", "Load the example without writing the map and the report."))
@click.pass_obj
def demo(settings: Settings, territory: str, out: Path, no_export: bool) -> None:
    """L'exemple de la méthode (enjeu n°1, chantiers 1.a et 1.b et la cartographie du chantier 1.b) :
    le charger, l'analyser, écrire sa carte et son rapport dans exports/.

    The method's example (enjeu 1, chantiers 1.a and 1.b and chantier 1.b's cartography): load it,
    analyse it, write its map and report into exports/.
    """
    with settings.open() as store:
        summary = store.write(demo_batch(territory))
        click.echo(tr("cli.store", store=store.describe()))
        click.echo(tr("cli.demo_loaded", territory=territory))
        for line in summary.lines():
            click.echo(f"  {line}")
        if not no_export:
            _publish(store, territory, out)


def _import_options(command: Any) -> Any:
    for name, fr, en in reversed([
        ("--departement", "Lieux open data : garder ce département (ex. 24, 2A, 971) ; répétable.", "Open-data lieux: keep this département (e.g. 24, 2A, 971); repeatable."),
        ("--code-postal", "Lieux open data : garder ce code postal ; répétable.", "Open-data lieux: keep this postcode; repeatable."),
        ("--code-insee", "Lieux open data : garder cette commune (code INSEE) ; répétable.", "Open-data lieux: keep this commune (INSEE code); repeatable."),
        ("--commune", "Lieux open data : garder cette commune ; répétable.", "Open-data lieux: keep this commune; repeatable."),
        ("--epci", "Lieux open data : garder cet EPCI ; répétable.", "Open-data lieux: keep this EPCI; repeatable."),
    ]):
        command = option(name, multiple=True, metavar=_help("VALEUR", "VALUE"), help=_help(fr, en))(command)
    command = option("--quiet", "-q", is_flag=True, help=_help("Pas de barre de progression ni d'avertissements détaillés.", "No progress bar nor detailed warnings."))(command)
    command = option("--territory", "-t", metavar=_help("NOM", "NAME"), help=_help("Territoire où importer (obligatoire).", "Territory to import into (required)."))(command)
    command = click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))(command)
    return command


def _import(store: Store, files: tuple[Path, ...], territory: str | None, quiet: bool, dry_run: bool, filters: dict[str, tuple[str, ...]]) -> str:
    """Import ``files`` and print the summary; return the territory."""
    from .importers import LieuFilter, import_files
    from .importers.tables import table_spec

    if not territory:
        raise click.UsageError(tr("cli.territory_required"))
    lieu_filter = LieuFilter(
        departements=filters["departement"],
        codes_postaux=filters["code_postal"],
        codes_insee=filters["code_insee"],
        communes=filters["commune"],
        epci=filters["epci"],
    )
    progress = None if quiet or not sys.stderr.isatty() else _progress_printer()
    try:
        result = import_files(store, files, territory, lieu_filter=lieu_filter, dry_run=dry_run, progress=progress)
    finally:
        if progress is not None:
            click.echo("", err=True)  # end the progress line
    click.echo(tr("cli.import_tables"))
    for table in result.tables:
        click.echo(tr("cli.import_table", where=table.where.describe(), kind=table_spec(table.kind).title(), rows=table.rows))
    click.echo(tr("cli.import_dry_run" if dry_run else "cli.import_done", territory=territory))
    for line in result.summary.lines():
        click.echo(f"  {line}")
    if result.notes.items():
        click.echo(tr("cli.import_notes"))
        for name, n in result.notes.items():
            click.echo("  - " + tr(f"notes.{name}", n=n))
    if result.warnings:
        click.echo(tr("cli.import_warnings", count=len(result.warnings)))
        for warning in result.warnings[: 5 if quiet else 200]:
            click.echo(f"  - {warning.describe()}")
    return territory


@cli.command("import")
@_import_options
@option("--dry-run", is_flag=True, help=_help("Montrer ce qui serait créé, mis à jour ou inchangé, sans rien écrire.", "Show what would be created, updated or left unchanged, writing nothing."))
@click.pass_obj
def import_(settings: Settings, files: tuple[Path, ...], territory: str | None, dry_run: bool, quiet: bool, **filters: tuple[str, ...]) -> None:
    """Importer des tableaux d'atelier (CSV, XLSX) et les lieux de médiation numérique (open data) ; tout ou rien.

    Import workshop tables (CSV, XLSX) and open-data lieux de médiation numérique; all or nothing.
    """
    with settings.open() as store:
        _import(store, files, territory, quiet, dry_run, filters)


@cli.command("map")
@_import_options
@option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("exports"), show_default=True, help=_help("Dossier de sortie.", "Output folder."))
@click.pass_obj
def map_(settings: Settings, files: tuple[Path, ...], territory: str | None, quiet: bool, out: Path, **filters: tuple[str, ...]) -> None:
    """Le travail principal : importer vos fichiers, analyser, et écrire la carte interactive et le
    rapport des manques dans exports/.

    The main job: import your files, run the analyses, and write the interactive map and the gap
    report into exports/.
    """
    with settings.open() as store:
        chosen = _import(store, files, territory, quiet, False, filters)
        _publish(store, chosen, out)


def _publish(store: Store, territory: str, out: Path) -> None:
    """Write the map and the report of ``territory`` into ``out`` and say where they are."""
    from .analysis.common import prepare
    from .export.html_map import write_map
    from .export.report import build_report, write_report

    scope = prepare(store, territory)
    graph = scope.graph if scope.graph is not None else store.read_territory(scope.territory_key)
    built = build_report(scope)  # runs each analysis once; the map reuses the central actors
    out.mkdir(parents=True, exist_ok=True)
    click.echo(tr("cli.map_written", path=write_map(graph, out, central=built.actors)))
    for path in write_report(built, out):
        if path.suffix in (".md", ".html", ".xlsx"):
            click.echo(tr("cli.report_written", path=path))


def _progress_printer():
    """Show rows read for long tables, on stderr, in place."""

    def show(where: Any, done: int, total: int | None) -> None:
        share = f" / ~{total}" if total else ""
        click.echo(f"\r  {where.describe()} : {done}{share}", nl=False, err=True)

    return show


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@option("--force", is_flag=True, help=_help("Remplacer le fichier s'il existe déjà (son contenu est perdu).", "Replace the file if it already exists (its content is lost)."))
def template(file: Path, force: bool) -> None:
    """Créer le classeur Excel vide à remplir en atelier : une feuille par tableau de la méthode (enjeux,
    chantiers clés, carte des ressources, gouvernance, acteurs), avec listes déroulantes et un mode d'emploi.

    Create the empty Excel workbook to fill in at workshops: one sheet per table of the method
    (enjeux, key workstreams, resource map, governance, actors), with dropdowns and instructions.
    """
    from .importers.template import write_template

    written = write_template(file, overwrite=force)
    click.echo(tr("cli.template_written", path=written))


@cli.group()
def analyze() -> None:
    """Analyser un territoire : manques de faisabilité, liens manquants, acteurs centraux, matrice
    prospective. Les constats sont des résultats, pas des erreurs (code de sortie 0).

    Analyse a territory: feasibility gaps, missing links, central actors, prospective matrix.
    Findings are results, not errors (exit code 0).
    """


def _per_chantier_option(command: Any) -> Any:
    return option(
        "--per-chantier",
        "per_chantier",
        type=click.IntRange(min=0),
        default=SUGGESTIONS_PER_CHANTIER,
        show_default=True,
        metavar="N",
        help=_help(
            "Nombre de liens suggérés gardés par chantier, les meilleurs (0 = tous).",
            "Suggested links kept per workstream, the best ones (0 = all).",
        ),
    )(command)


def _analysis_options(command: Any) -> Any:
    command = option("--without", multiple=True, metavar=_help("ACTEUR", "ACTOR"), help=_help("Refaire l'analyse comme si cet acteur s'était retiré (ses ressources propres aussi) ; répétable.", "Re-run as if this actor had left (with the resources only it provides); repeatable."))(command)
    command = option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True, help=_help("Texte lisible, JSON ou CSV (champs décrits dans le README).", "Readable text, JSON or CSV (fields in README)."))(command)
    command = option("--territory", "-t", metavar=_help("NOM", "NAME"), help=_help("Territoire (facultatif s'il n'y en a qu'un).", "Territory (optional when there is only one)."))(command)
    return click.pass_obj(command)


def _territory(store: Store, territory: str | None) -> str:
    """The territory named, or the only one stored."""
    if territory:
        return territory
    known = store.territories()
    if len(known) != 1:
        raise click.UsageError(tr("cli.choose_territory", known=", ".join(known.values()) or tr("cli.none")))
    return next(iter(known))


def _scope(store: Store, territory: str | None, without: tuple[str, ...]) -> Any:
    from .analysis.common import prepare

    return prepare(store, _territory(store, territory), without)


@analyze.command()
@_analysis_options
@option("--weights", metavar=_help("POIDS", "WEIGHTS"), help=_help("Poids du score, ex. financement=2,pilote=0.5 (1 par défaut).", "Score weights, e.g. financement=2,pilote=0.5 (default 1)."))
def gaps(settings: Settings, territory: str | None, fmt: str, without: tuple[str, ...], weights: str | None) -> None:
    """Manques de faisabilité par chantier, score et score potentiel, couverture des enjeux.

    Feasibility gaps per workstream, score and potential score, coverage of the issues.
    """
    from .analysis.feasibility import Weights, run_gaps
    from .analysis.output import render

    parsed = Weights.parse(weights)
    with settings.open() as store:
        scope = _scope(store, territory, without)
        results, coverage = run_gaps(scope, parsed)
    table = _gaps_table(results) if results else None
    click.echo(render(fmt, "gaps", scope.territory_name, [("chantiers", results), ("enjeux", coverage)], table), nl=False)


def _gaps_table(results: list[Any]) -> str:
    marks = {"operational": "✔", "to_activate": "…", "missing": "✘"}
    head = tr("analysis.gaps_table_header")
    lines = [head, "-" * len(head)]
    for r in results:
        cats = "".join(f"{marks[r.categories[c]]:^7}" for c in ("partenaire", "intervenant", "materiel", "financement"))
        gov = ("✔" if r.pilotes else "✘").center(7) + ("✔" if r.operateurs else "✘").center(6)
        lines.append(f"{(r.code or r.name)[:8]:<8} {r.score:>5} {r.potential_score:>6}  {cats}{gov}")
    lines.append(tr("analysis.gaps_table_legend"))
    return "\n".join(lines)


@analyze.command()
@_analysis_options
@_per_chantier_option
def missing(settings: Settings, territory: str | None, fmt: str, without: tuple[str, ...], per_chantier: int) -> None:
    """Liens manquants : liens connus à activer en priorité, et nouveaux liens suggérés.

    Missing links: known links to activate first, and suggested new links.
    """
    from .analysis.links import run_missing
    from .analysis.output import render

    with settings.open() as store:
        scope = _scope(store, territory, without)
        activations, suggestions = run_missing(scope, per_chantier)
    click.echo(render(fmt, "missing", scope.territory_name, [("activations", activations), ("suggestions", suggestions)]), nl=False)


@analyze.command()
@_analysis_options
def central(settings: Settings, territory: str | None, fmt: str, without: tuple[str, ...]) -> None:
    """Acteurs centraux : degré, intermédiarité, passeurs, et risques de dépendance.

    Central actors: degree, betweenness, brokers, and dependency risks.
    """
    from .analysis.centrality import run_central
    from .analysis.output import render

    with settings.open() as store:
        scope = _scope(store, territory, without)
        rows = run_central(scope)
    click.echo(render(fmt, "central", scope.territory_name, [("actors", rows)]), nl=False)


@analyze.command()
@_analysis_options
def matrix(settings: Settings, territory: str | None, fmt: str, without: tuple[str, ...]) -> None:
    """Matrice prospective (étape 3) : les enjeux par impact et maîtrise, en quatre quadrants.

    Prospective matrix (step 3): issues by impact and control, in four quadrants.
    """
    from .analysis.matrix import QUADRANTS, run_matrix
    from .analysis.output import render

    with settings.open() as store:
        scope = _scope(store, territory, without)
        rows = run_matrix(scope)
    sections = [(f"matrix_{q}", [r for r in rows if r.quadrant == q]) for q in QUADRANTS]
    if fmt != "table":
        sections = [("enjeux", rows)]
    click.echo(render(fmt, "matrix", scope.territory_name, sections), nl=False)


@cli.group()
def export() -> None:
    """Exporter un territoire : carte interactive, rapport, fichiers de graphe (dossier exports/ par défaut).

    Export a territory: interactive map, report, graph files (exports/ folder by default).
    """


def _export_options(command: Any) -> Any:
    command = option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("exports"), show_default=True, help=_help("Dossier de sortie.", "Output folder."))(command)
    command = option("--territory", "-t", metavar=_help("NOM", "NAME"), help=_help("Territoire (facultatif s'il n'y en a qu'un).", "Territory (optional when there is only one)."))(command)
    return click.pass_obj(command)


@export.command()
@option("--focus", metavar="CHANTIER", help=_help("Code ou nom d'un chantier ou d'un enjeu : seul son voisinage est exporté.", "Code or name of a chantier or enjeu: only its neighbourhood is exported."))
@option("--show-absent", is_flag=True, help=_help("Tracer aussi les liens absents (trait pâle « manquant »).", "Also draw absent links (faint \"missing\" lines)."))
@_export_options
def html(settings: Settings, territory: str | None, out: Path, focus: str | None, show_absent: bool) -> None:
    """Carte interactive hors ligne (un seul fichier HTML, sans connexion) : légende de la méthode,
    manques et points de fragilité en évidence, recherche et focus.

    Offline interactive map (one HTML file, no network needed): the method's legend, gaps and
    single points of failure highlighted, search and focus.
    """
    from .export.html_map import write_map

    with settings.open() as store:
        graph = store.read_territory(_territory(store, territory))
    out.mkdir(parents=True, exist_ok=True)
    path = write_map(graph, out, focus=focus, show_absent=show_absent)
    click.echo(tr("cli.map_written", path=path))


@export.command()
@option("--format", "formats", multiple=True, type=click.Choice(["md", "html", "xlsx"]), help=_help("md, html ou xlsx ; répétable (par défaut les trois).", "md, html or xlsx; repeatable (default: all three)."))
@option("--without", multiple=True, metavar=_help("ACTEUR", "ACTOR"), help=_help("Comme si cet acteur s'était retiré ; répétable.", "As if this actor had left; repeatable."))
@_per_chantier_option
@_export_options
def report(
    settings: Settings, territory: str | None, out: Path, formats: tuple[str, ...], without: tuple[str, ...], per_chantier: int
) -> None:
    """Rapport des manques pour un appel à projets : faisabilité de chaque chantier, ce qui est
    opérationnel, ce qu'il faut activer et avec qui, ce qui manque, acteurs centraux, risques de
    dépendance, couverture des enjeux et matrice prospective ; en md, html (un seul fichier, hors
    ligne, imprimable en A4) et xlsx.

    Gap report for a funding call: each chantier's feasibility, what is operational, what to
    activate and with whom, what is missing, central actors, dependency risks, enjeux coverage and
    the prospective matrix; as md, html (one file, offline, prints on A4) and xlsx.
    """
    from .export.report import build_report, write_report  # matplotlib: only loaded here

    with settings.open() as store:
        scope = _scope(store, territory, without)
        built = build_report(scope, without_names=without, per_chantier=per_chantier)
    for path in write_report(built, out, formats or ("md", "html", "xlsx")):
        if path.suffix in (".md", ".html", ".xlsx"):
            click.echo(tr("cli.report_written", path=path))


def _graph_export(fmt: str) -> Any:
    def command(settings: Settings, territory: str | None, out: Path) -> None:
        from .export.graphfiles import export_path, write_graph

        with settings.open() as store:
            graph = store.read_territory(_territory(store, territory))
        path = write_graph(graph, export_path(out, graph.graph["territory_name"], fmt), fmt)
        click.echo(tr("cli.export_done", path=path, nodes=graph.number_of_nodes(), links=graph.number_of_edges()))

    command.__doc__ = _help(
        f"Exporter le graphe du territoire en {fmt.upper()} (tous les attributs ; GEXF pour Gephi) ; le fichier est remplacé s'il existe.",
        f"Export the territory's graph as {fmt.upper()} (every attribute; GEXF for Gephi); an existing file is replaced.",
    )
    return export.command(fmt)(_export_options(command))


for _fmt in ("graphml", "gexf", "json"):
    _graph_export(_fmt)


@cli.command("delete-territory")
@click.argument("territory")
@option("--yes", is_flag=True, help=_help("Ne pas demander de confirmation.", "Do not ask for confirmation."))
@click.pass_obj
def delete_territory(settings: Settings, territory: str, yes: bool) -> None:
    """Supprimer un territoire, ses éléments et ses liens (les éléments partagés avec un autre territoire y restent).

    Delete a territory, its elements and links (elements shared with another territory stay there).
    """
    with settings.open() as store:
        _, name = store.resolve_territory(territory)
        if not yes:
            click.confirm(tr("cli.confirm_delete", name=name), abort=True)
        removed = store.delete_territory(territory)
        click.echo(tr("cli.deleted", name=name, nodes=removed))


def main() -> None:
    """Console entry point."""
    if not os.environ.get("ECOSYSTEM_DEBUG"):
        # The driver logs retries and warnings; coordinators get our one-line messages instead.
        logging.getLogger("neo4j").addHandler(logging.NullHandler())
        logging.getLogger("neo4j").propagate = False
    try:
        cli.main(prog_name="ecosystem")
    except BrokenPipeError:  # output piped into `head`: stop quietly
        sys.stderr.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
