"""Messages shown to coordinators, in French (default) and English.

Everything a coordinator reads — CLI output, errors, later maps and reports — goes through
:func:`tr` with a message id from :data:`MESSAGES`. Code, identifiers and logs stay English.

The language is chosen once per process: ``set_language("en")``, the CLI's ``--lang`` option,
or the ``ECOSYSTEM_LANG`` environment variable.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

__all__ = ["LANGUAGES", "MESSAGES", "get_language", "set_language", "speaking", "tr"]

LANGUAGES = ("fr", "en")

_language: str | None = None


def get_language() -> str:
    """Return the current language code ("fr" or "en")."""
    if _language is not None:
        return _language
    env = os.environ.get("ECOSYSTEM_LANG", "").strip().lower()[:2]
    return env if env in LANGUAGES else "fr"


def set_language(language: str | None) -> None:
    """Choose the language of messages; ``None`` goes back to ECOSYSTEM_LANG or French."""
    global _language
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; expected one of {LANGUAGES}")
    _language = language


@contextlib.contextmanager
def speaking(language: str | None) -> Iterator[None]:
    """Use ``language`` for a while (a map or report in English), then restore exactly what was
    chosen before (None: the environment / French). ``None`` changes nothing."""
    global _language
    if language is None:
        yield
        return
    previous = _language
    set_language(language)
    try:
        yield
    finally:
        _language = previous


def tr(message_id: str, /, **params: object) -> str:
    """Render message ``message_id`` in the current language with ``params`` filled in."""
    texts = MESSAGES[message_id]
    return texts[get_language()].format(**params)


# Message catalogue. Each entry: id -> {"fr": ..., "en": ...}; both languages are required
# (tests/test_i18n.py checks it, and that both use the same placeholders).
MESSAGES: dict[str, dict[str, str]] = {
    # --- model validation -------------------------------------------------------------------
    "empty_name": {
        "fr": "Nom vide pour un élément de type {kind} : donnez-lui un nom (une cellule vide ne peut pas identifier un acteur, une ressource, un chantier ou un enjeu).",
        "en": "Empty name for a {kind}: give it a name (an empty cell cannot identify an actor, resource, chantier or enjeu).",
    },
    "empty_territory": {
        "fr": "Territoire manquant : chaque élément appartient à un territoire (ex. « CC du Pays de Saint-Aulaye »). Indiquez-le avec --territory.",
        "en": "Missing territory: every element belongs to a territory (e.g. \"CC du Pays de Saint-Aulaye\"). Give it with --territory.",
    },
    "bad_external_id": {
        "fr": "Identifiant externe « {value} » invalide : {reason}. Formats acceptés : siret:14 chiffres, siren:9 chiffres, rna:W suivi de 9 caractères, lieu:identifiant open data.",
        "en": "Invalid external id \"{value}\": {reason}. Accepted forms: siret:14 digits, siren:9 digits, rna:W followed by 9 characters, lieu:open-data id.",
    },
    "bad_external_id.scheme": {"fr": "préfixe inconnu", "en": "unknown prefix"},
    "bad_external_id.format": {"fr": "format incorrect", "en": "wrong format"},
    "bad_external_id.checksum": {"fr": "clé de contrôle (Luhn) incorrecte", "en": "wrong Luhn check digit"},
    "bad_external_id.placeholder": {
        "fr": "c'est une valeur de remplissage (tous les chiffres identiques), pas un vrai numéro",
        "en": "it is a placeholder (all digits the same), not a real number",
    },
    "name_too_long": {
        "fr": "Nom trop long ({length} caractères, « {value} ») : un nom d'acteur, de ressource, de chantier ou d'enjeu tient en {limit} caractères au plus. Mettez la description dans une autre colonne.",
        "en": "Name too long ({length} characters, \"{value}\"): a name of an actor, resource, chantier or enjeu holds at most {limit} characters. Put the description in another column.",
    },
    "bad_level": {
        "fr": "Niveau « {value} » invalide pour {field} : attendu 1 à 4 (1 = faible, 2 = moyen, 3 = fort, 4 = très fort).",
        "en": "Invalid level \"{value}\" for {field}: expected 1 to 4 (1 = low, 2 = medium, 3 = high, 4 = very high).",
    },
    "bad_category": {
        "fr": "Catégorie de ressource « {value} » inconnue. Catégories acceptées : {accepted}.",
        "en": "Unknown resource category \"{value}\". Accepted categories: {accepted}.",
    },
    "bad_link": {
        "fr": "Lien {type} impossible de {source} vers {target} : ce type de lien relie {expected}.",
        "en": "Link {type} cannot go from {source} to {target}: this kind of link joins {expected}.",
    },
    "bad_property": {
        "fr": "Valeur non enregistrable pour « {name} » ({value}) : utilisez du texte, un nombre, un booléen ou une liste de textes.",
        "en": "Value of \"{name}\" cannot be stored ({value}): use text, a number, a boolean or a list of texts.",
    },
    # --- stores -----------------------------------------------------------------------------
    "store.embedded": {"fr": "fichier embarqué {path}", "en": "embedded file {path}"},
    "store.neo4j": {"fr": "Neo4j {uri} (utilisateur {user}, base {database})", "en": "Neo4j {uri} (user {user}, database {database})"},
    "store.default_database": {"fr": "par défaut", "en": "default"},
    "store_corrupt": {
        "fr": "Le fichier {path} n'est pas une base ecosystem lisible ({detail}). Restaurez une sauvegarde, ou indiquez un autre fichier avec --store.",
        "en": "The file {path} is not a readable ecosystem store ({detail}). Restore a backup, or choose another file with --store.",
    },
    "store_newer": {
        "fr": "Le fichier {path} a été créé par une version plus récente d'ecosystem (format {found}, cette version lit jusqu'au format {supported}). Mettez à jour : pip install --upgrade ecosystem-mapper.",
        "en": "The file {path} was written by a newer ecosystem (format {found}, this version reads up to format {supported}). Upgrade: pip install --upgrade ecosystem-mapper.",
    },
    "store_unwritable": {
        "fr": "Impossible d'écrire dans {path} ({detail}). Rien n'a été modifié ; vérifiez l'espace disque et les droits du dossier, ou choisissez un autre fichier avec --store.",
        "en": "Cannot write to {path} ({detail}). Nothing was changed; check disk space and folder permissions, or choose another file with --store.",
    },
    "store_busy": {
        "fr": "Le fichier {path} est utilisé par un autre programme ecosystem. Réessayez quand il aura terminé.",
        "en": "The file {path} is in use by another ecosystem program. Try again when it has finished.",
    },
    "neo4j_unreachable": {
        "fr": "Neo4j injoignable à {uri} ({detail}). Vérifiez que le serveur est démarré et l'adresse (--neo4j ou NEO4J_URI) ; rien n'a été écrit.",
        "en": "Neo4j unreachable at {uri} ({detail}). Check that the server is running and the address (--neo4j or NEO4J_URI); nothing was written.",
    },
    "neo4j_auth": {
        "fr": "Neo4j à {uri} a refusé l'authentification de l'utilisateur « {user} ». Vérifiez NEO4J_USER et NEO4J_PASSWORD (ou --neo4j-user / --neo4j-password).",
        "en": "Neo4j at {uri} refused authentication for user \"{user}\". Check NEO4J_USER and NEO4J_PASSWORD (or --neo4j-user / --neo4j-password).",
    },
    "neo4j_certificate": {
        "fr": "Le certificat TLS du serveur Neo4j à {uri} n'est pas reconnu ({detail}). S'il est auto-signé (serveur local ou d'équipe), utilisez bolt+ssc:// ou neo4j+ssc:// : la connexion reste chiffrée ; sinon vérifiez l'adresse. Rien n'a été écrit.",
        "en": "The TLS certificate of the Neo4j server at {uri} is not trusted ({detail}). If it is self-signed (a local or team server), use bolt+ssc:// or neo4j+ssc://: the connection stays encrypted; otherwise check the address. Nothing was written.",
    },
    "neo4j_needs_tls": {
        "fr": "Le serveur Neo4j à {uri} a fermé la connexion non chiffrée : il exige sans doute une connexion chiffrée. Utilisez bolt+s:// ou neo4j+s:// (bolt+ssc:// si son certificat est auto-signé). Rien n'a été écrit.",
        "en": "The Neo4j server at {uri} closed the unencrypted connection: it probably requires encryption. Use bolt+s:// or neo4j+s:// (bolt+ssc:// if its certificate is self-signed). Nothing was written.",
    },
    "neo4j_bad_uri": {
        "fr": "Adresse Neo4j « {uri} » invalide : utilisez bolt://hôte:7687, neo4j://hôte:7687 (cluster) ou neo4j+s://xxxx.databases.neo4j.io (Aura).",
        "en": "Invalid Neo4j address \"{uri}\": use bolt://host:7687, neo4j://host:7687 (cluster) or neo4j+s://xxxx.databases.neo4j.io (Aura).",
    },
    "neo4j_failed": {
        "fr": "Neo4j a refusé l'opération ({detail}). Rien n'a été écrit ; réessayez, et si l'erreur persiste, signalez-la avec ce message.",
        "en": "Neo4j refused the operation ({detail}). Nothing was written; try again, and if it persists report it with this message.",
    },
    "neo4j_interrupted": {
        "fr": "La connexion à Neo4j ({uri}) a été perdue pendant l'écriture ({detail}). La transaction a été annulée : rien n'a été écrit. Relancez la même commande quand le serveur répond.",
        "en": "The connection to Neo4j ({uri}) was lost during the write ({detail}). The transaction was rolled back: nothing was written. Run the same command again once the server answers.",
    },
    "neo4j_memory": {
        "fr": "Neo4j ({uri}) n'a pas assez de mémoire pour écrire tout cela en une transaction ; rien n'a été écrit. Importez en plusieurs fichiers (par exemple par département), ou augmentez server.memory.heap.max_size et db.memory.transaction.total.max du serveur.",
        "en": "Neo4j ({uri}) lacks the memory to write all this in one transaction; nothing was written. Import in several files (for example one per département), or raise the server's server.memory.heap.max_size and db.memory.transaction.total.max.",
    },
    "neo4j_incomplete": {
        "fr": "Écriture annulée : {missing} lien(s) visent un élément absent de la base. Rien n'a été écrit.",
        "en": "Write cancelled: {missing} link(s) point to an element missing from the store. Nothing was written.",
    },
    "neo4j_waiting_for_write": {
        "fr": "Une autre écriture est en cours sur cette base Neo4j (un autre import ?) : celle-ci attend qu'elle se termine, puis continuera seule.",
        "en": "Another write to this Neo4j database is under way (another import?): this one waits for it to finish, then goes on by itself.",
    },
    "neo4j_staged_lost": {
        "fr": "Écriture annulée : {missing} élément(s) préparé(s) pour l'écriture ont disparu de la base avant la fin (supprimés par une autre opération). Rien n'a été écrit. Relancez la même commande.",
        "en": "Write cancelled: {missing} element(s) prepared for the write disappeared from the store before it finished (deleted by another operation). Nothing was written. Run the same command again.",
    },
    "query_missing": {
        "fr": "Requête Cypher « {name} » introuvable (fichiers queries/*.cypher). Réinstallez le paquet.",
        "en": "Cypher query \"{name}\" not found (queries/*.cypher files). Reinstall the package.",
    },
    "unknown_actor": {
        "fr": "Acteur « {name} » inconnu dans ce territoire. Acteurs connus : {known}.",
        "en": "Unknown actor \"{name}\" in this territory. Known actors: {known}.",
    },
    # --- analyses: feasibility gaps and matrix (feasibility.py, matrix.py) ---------------------
    "bad_weights": {
        "fr": "Poids « {value} » invalide : écrivez nom=nombre positif, séparés par des virgules (ex. financement=2,pilote=0.5). Noms : {accepted}.",
        "en": "Invalid weight \"{value}\": write name=positive number, comma-separated (e.g. financement=2,pilote=0.5). Names: {accepted}.",
    },
    "gaps.score": {
        "fr": "Chantier {name} : faisabilité {score}/100, {potential}/100 si les ressources connues étaient activées.",
        "en": "Workstream {name}: feasibility {score}/100, {potential}/100 if the known resources were activated.",
    },
    "gaps.category.partenaire": {"fr": "partenaire", "en": "partner"},
    "gaps.category.intervenant": {"fr": "intervenant", "en": "practitioner"},
    "gaps.category.materiel": {"fr": "matériel", "en": "equipment"},
    "gaps.category.financement": {"fr": "financement", "en": "funding"},
    "gaps.to_activate": {
        "fr": "Le chantier {name} n'a aucun {what} opérationnel : {known} connu(s) mais pas encore relié(s), à activer.",
        "en": "Workstream {name} has no operational {what}: {known} known but not linked yet, to activate.",
    },
    "gaps.missing": {
        "fr": "Le chantier {name} n'a aucun {what}, ni opérationnel ni connu : à trouver ou à créer.",
        "en": "Workstream {name} has no {what}, neither operational nor known: to find or create.",
    },
    "gaps.no_pilote": {
        "fr": "Personne ne pilote le chantier {name} : désignez un pilote.",
        "en": "Nobody leads workstream {name}: name a lead.",
    },
    "gaps.no_operateur": {
        "fr": "Personne ne « fait » le chantier {name} : désignez qui le met en œuvre.",
        "en": "Nobody \"does\" workstream {name}: name who carries it out.",
    },
    "gaps.freins": {"fr": "{count} frein(s) à lever : {freins}.", "en": "{count} barrier(s) to remove: {freins}."},
    "gaps.no_enjeu": {
        "fr": "Le chantier {name} ne répond à aucun enjeu : rattachez-le à un enjeu de l'atelier prospectif.",
        "en": "Workstream {name} answers no issue: attach it to an issue of the prospective workshop.",
    },
    "gaps.transversal": {
        "fr": "Le chantier {name} est transversal : il répond à {count} enjeux.",
        "en": "Workstream {name} is cross-cutting: it answers {count} issues.",
    },
    "gaps.enjeu_uncovered": {
        "fr": "L'enjeu « {name} » n'a aucun chantier : aucune action ne lui répond encore.",
        "en": "Issue \"{name}\" has no workstream: no action answers it yet.",
    },
    "gaps.enjeu_covered": {
        "fr": "L'enjeu « {name} » est porté par {count} chantier(s) : {chantiers}.",
        "en": "Issue \"{name}\" is carried by {count} workstream(s): {chantiers}.",
    },
    "matrix.act.title": {"fr": "Priorités d'action (impact fort, maîtrise forte)", "en": "Priorities for action (high impact, high control)"},
    "matrix.partner.title": {"fr": "À porter avec des partenaires (impact fort, maîtrise faible)", "en": "To carry with partners (high impact, low control)"},
    "matrix.quick_win.title": {"fr": "Actions faciles, effet limité (impact faible, maîtrise forte)", "en": "Easy actions, limited effect (low impact, high control)"},
    "matrix.watch.title": {"fr": "À surveiller (impact faible, maîtrise faible)", "en": "To watch (low impact, low control)"},
    "matrix.unrated.title": {"fr": "Non évalués (impact ou maîtrise manquant)", "en": "Not rated (impact or control missing)"},
    "matrix.act.sentence": {
        "fr": "« {name} » (impact {impact}, maîtrise {maitrise}) : priorité d'action, le territoire peut agir dès maintenant.",
        "en": "\"{name}\" (impact {impact}, control {maitrise}): priority for action, the territory can act now.",
    },
    "matrix.partner.sentence": {
        "fr": "« {name} » (impact {impact}, maîtrise {maitrise}) : décisif mais hors de portée du territoire seul, à porter avec des partenaires.",
        "en": "\"{name}\" (impact {impact}, control {maitrise}): decisive but beyond the territory alone, to carry with partners.",
    },
    "matrix.quick_win.sentence": {
        "fr": "« {name} » (impact {impact}, maîtrise {maitrise}) : action facile mais à effet limité.",
        "en": "\"{name}\" (impact {impact}, control {maitrise}): easy action with limited effect.",
    },
    "matrix.watch.sentence": {
        "fr": "« {name} » (impact {impact}, maîtrise {maitrise}) : à surveiller.",
        "en": "\"{name}\" (impact {impact}, control {maitrise}): to watch.",
    },
    "matrix.unrated.sentence": {
        "fr": "« {name} » n'a pas été évalué : donnez-lui un impact et une maîtrise (1 à 4).",
        "en": "\"{name}\" has not been rated: give it an impact and a control level (1 to 4).",
    },
    "matrix.no_chantier": {
        "fr": "Aucun chantier n'y répond encore.",
        "en": "No workstream answers it yet.",
    },
    # --- analyses: missing links (links.py) ----------------------------------------------------
    "links.quote": {"fr": "« {text} »", "en": "\"{text}\""},
    "links.and": {"fr": "et", "en": "and"},
    "links.the_chantier": {"fr": "le chantier {refs}", "en": "chantier {refs}"},
    "links.the_chantiers": {"fr": "les chantiers {refs}", "en": "chantiers {refs}"},
    "links.of_chantier": {"fr": "du chantier {refs}", "en": "of chantier {refs}"},
    "links.of_chantiers": {"fr": "des chantiers {refs}", "en": "of chantiers {refs}"},
    "links.lack.partenaire": {"fr": "le manque de partenaire", "en": "the partner gap"},
    "links.lack.intervenant": {"fr": "le manque d'intervenant", "en": "the practitioner gap"},
    "links.lack.materiel": {"fr": "le manque de matériel", "en": "the equipment gap"},
    "links.lack.financement": {"fr": "le manque de financement", "en": "the funding gap"},
    "links.activation.gap": {
        "fr": "Activer le lien avec {target} comblerait {lack} {chantiers}.",
        "en": "Activating the link with {target} would fill {lack} {chantiers}.",
    },
    "links.activation.also": {
        "fr": "Ce lien est aussi connu, mais pas encore établi, pour {chantiers}.",
        "en": "This link is also known, but not made yet, for {chantiers}.",
    },
    "links.activation.plain": {
        "fr": "Activer le lien avec {target} ({category}, connu mais pas encore relié) renforcerait {chantiers}, sans combler de manque dans cette catégorie.",
        "en": "Activating the link with {target} ({category}, known but not linked yet) would strengthen {chantiers}, without filling a gap in that category.",
    },
    "links.providers": {"fr": "Qui l'apporte : {providers}.", "en": "Provided by: {providers}."},
    "links.contact": {"fr": "Contact : {contacts}.", "en": "Contact: {contacts}."},
    "links.suggest.same_enjeu": {
        "fr": "Le chantier {chantier} pourrait s'appuyer sur {target} ({category}) : ce lien est déjà opérationnel pour le même enjeu {enjeux}, sur {via}.",
        "en": "Chantier {chantier} could draw on {target} ({category}): this link is already operational for the same enjeu {enjeux}, on {via}.",
    },
    "links.suggest.territory": {
        "fr": "Le chantier {chantier} pourrait s'appuyer sur {target} ({category}) : ce lien est déjà opérationnel ailleurs dans le territoire, sur {via}.",
        "en": "Chantier {chantier} could draw on {target} ({category}): this link is already operational elsewhere in the territory, on {via}.",
    },
    "links.suggest.services_publics": {
        "fr": "Le chantier {chantier} pourrait associer {target} : le chantier parle de {words}, et la fiche de cet acteur indique {offer}.",
        "en": "Chantier {chantier} could involve {target}: the chantier mentions {words}, and this actor's record lists {offer}.",
    },
    "links.offer.services": {"fr": "les services {values}", "en": "the services {values}"},
    "links.offer.publics": {"fr": "les publics {values}", "en": "the publics {values}"},
    "links.fills_gap": {"fr": "Cela comblerait {lack} de ce chantier.", "en": "It would fill {lack} of this chantier."},
    "links.omitted": {
        "fr": "{count} suggestion(s) plus faible(s) non affichée(s) pour {chantier} (--per-chantier 0 pour toutes)",
        "en": "{count} weaker suggestion(s) not shown for {chantier} (--per-chantier 0 for all)",
    },
    # --- analyses: central actors (centrality.py) ----------------------------------------------
    "central.none": {
        "fr": "{name} n'a encore aucun lien opérationnel avec un chantier.",
        "en": "{name} has no operational link to any workstream yet.",
    },
    "central.one": {
        "fr": "{name} participe au chantier {chantier}.",
        "en": "{name} takes part in workstream {chantier}.",
    },
    "central.many": {
        "fr": "{name} participe à {count} chantiers.",
        "en": "{name} takes part in {count} workstreams.",
    },
    "central.betweenness": {
        "fr": "En moyenne, {percent} % des plus courts chemins entre deux autres éléments du réseau opérationnel passent par cet acteur.",
        "en": "On average, {percent}% of the shortest paths between two other elements of the operational network go through this actor.",
    },
    "central.betweenness_estimated": {
        "fr": "Environ {percent} % des plus courts chemins entre deux autres éléments du réseau opérationnel passent par cet acteur (estimation sur un échantillon : le réseau est trop grand pour un calcul exact).",
        "en": "About {percent}% of the shortest paths between two other elements of the operational network go through this actor (estimated from a sample: the network is too large for an exact count).",
    },
    "central.broker": {
        "fr": "C'est un passeur : sans cet acteur, les chantiers {chantiers} ne seraient plus reliés entre eux.",
        "en": "It is a broker: without this actor, workstreams {chantiers} would no longer be connected to each other.",
    },
    "central.dependency": {
        "fr": "Point de fragilité : si cet acteur se retirait, {items}.",
        "en": "Single point of failure: if this actor withdrew, {items}.",
    },
    "central.dependency.item": {
        "fr": "le chantier {chantier} perdrait son seul {category} opérationnel",
        "en": "workstream {chantier} would lose its only operational {category}",
    },
    "central.and": {"fr": " et ", "en": " and "},
    # --- CLI --------------------------------------------------------------------------------
    "cli.store": {"fr": "Stockage : {store}", "en": "Store: {store}"},
    "cli.empty": {
        "fr": "Aucun territoire enregistré. Essayez « ecosystem demo » pour charger l'exemple de la méthode.",
        "en": "No territory stored yet. Try \"ecosystem demo\" to load the method's example.",
    },
    "cli.territory": {"fr": "Territoire : {name}", "en": "Territory: {name}"},
    "cli.nodes": {"fr": "  Éléments", "en": "  Elements"},
    "cli.links": {"fr": "  Liens", "en": "  Links"},
    "unknown_territory": {
        "fr": "Territoire « {name} » inconnu. Territoires enregistrés : {known}.",
        "en": "Unknown territory \"{name}\". Stored territories: {known}.",
    },
    "cli.none": {"fr": "aucun", "en": "none"},
    "cli.demo_loaded": {
        "fr": "Exemple de la méthode chargé dans le territoire « {territory} » :",
        "en": "The method's example was loaded into territory \"{territory}\":",
    },
    "cli.deleted": {
        "fr": "Territoire « {name} » supprimé ({nodes} élément(s) retiré(s)).",
        "en": "Territory \"{name}\" deleted ({nodes} element(s) removed).",
    },
    "cli.confirm_delete": {
        "fr": "Supprimer définitivement le territoire « {name} » et ses liens ?",
        "en": "Permanently delete territory \"{name}\" and its links?",
    },
    "cli.internal_error": {
        "fr": "Erreur inattendue ({detail}). Relancez avec ECOSYSTEM_DEBUG=1 pour le détail et signalez-la.",
        "en": "Unexpected error ({detail}). Run again with ECOSYSTEM_DEBUG=1 for details and report it.",
    },
    # --- write summaries --------------------------------------------------------------------
    "summary.counts": {
        "fr": "{label} : {created} créé(s), {updated} mis à jour, {unchanged} inchangé(s)",
        "en": "{label}: {created} created, {updated} updated, {unchanged} unchanged",
    },
    # --- import: reading files and recognising tables ----------------------------------------
    "where.file": {"fr": "{file}", "en": "{file}"},
    "where.sheet": {"fr": "feuille « {sheet} »", "en": "sheet \"{sheet}\""},
    "where.row": {"fr": "ligne {row}", "en": "row {row}"},
    "where.column": {"fr": "colonne « {column} »", "en": "column \"{column}\""},
    "import_refused": {
        "fr": "Import refusé : {count} erreur(s) à corriger dans les fichiers, rien n'a été écrit.",
        "en": "Import refused: {count} error(s) to correct in the files; nothing was written.",
    },
    "read.missing": {
        "fr": "fichier introuvable. Vérifiez le nom et le dossier (« {value} »).",
        "en": "file not found. Check the name and folder (\"{value}\").",
    },
    "read.unreadable": {
        "fr": "fichier illisible ({detail}). Vérifiez qu'il n'est pas ouvert ailleurs et que vous avez le droit de le lire.",
        "en": "cannot read the file ({detail}). Check it is not locked by another program and that you may read it.",
    },
    "read.empty": {
        "fr": "le fichier est vide. Enregistrez le tableau depuis Excel (CSV ou XLSX) avec sa ligne d'en-têtes.",
        "en": "the file is empty. Save the table from Excel (CSV or XLSX) with its header row.",
    },
    "read.xls": {
        "fr": "ancien format Excel (.xls) non pris en charge. Dans Excel : Fichier > Enregistrer sous > Classeur Excel (.xlsx).",
        "en": "old Excel format (.xls) is not supported. In Excel: File > Save As > Excel Workbook (.xlsx).",
    },
    "read.bad_xlsx": {
        "fr": "classeur Excel illisible ou abîmé ({detail}). Ouvrez-le dans Excel et enregistrez-le de nouveau en .xlsx.",
        "en": "unreadable or damaged Excel workbook ({detail}). Open it in Excel and save it again as .xlsx.",
    },
    "read.binary": {
        "fr": "ce fichier n'est pas un tableau (contenu binaire). Exportez le tableau en CSV ou en XLSX depuis Excel ou LibreOffice.",
        "en": "this file is not a table (binary content). Export the table as CSV or XLSX from Excel or LibreOffice.",
    },
    "read.mixed_encoding": {
        "fr": "le fichier mélange deux encodages (UTF-8 et Windows-1252) à partir de cette ligne : chaque ligne a été lue dans le sien, vérifiez les accents ; réenregistrez-le en « CSV UTF-8 » depuis Excel.",
        "en": "the file mixes two encodings (UTF-8 and Windows-1252) from this row: each row was read in its own; check the accents, and save it again as \"CSV UTF-8\" from Excel.",
    },
    "read.bad_csv": {
        "fr": "CSV mal formé ({detail}) : un guillemet n'est probablement pas refermé. Réenregistrez le fichier depuis Excel.",
        "en": "malformed CSV ({detail}): a quote is probably not closed. Save the file again from Excel.",
    },
    "import.no_table": {
        "fr": "aucun tableau reconnu : les en-têtes ne correspondent à aucun des tableaux connus. Tableaux attendus : {expected}. Partez de « ecosystem template modele.xlsx ».",
        "en": "no table recognised: the headers match none of the known tables. Expected tables: {expected}. Start from \"ecosystem template template.xlsx\".",
    },
    "import.sheet_skipped": {
        "fr": "feuille ignorée : aucun tableau reconnu dans ses premières lignes.",
        "en": "sheet skipped: no table recognised in its first rows.",
    },
    "import.empty_table": {
        "fr": "tableau « {kind} » sans aucune ligne remplie sous les en-têtes.",
        "en": "table \"{kind}\" has no filled row under its headers.",
    },
    # --- import: workshop tables -----------------------------------------------------------
    "workshop.invalid": {"fr": "valeur « {value} » refusée — {detail}", "en": "value \"{value}\" refused — {detail}"},
    "workshop.missing_title_enjeu": {
        "fr": "ligne remplie sans intitulé d'enjeu. Écrivez l'enjeu dans cette colonne, ou videz la ligne.",
        "en": "filled row without an issue title. Write the issue in this column, or empty the row.",
    },
    "workshop.missing_name_actor": {
        "fr": "ligne remplie sans nom d'acteur. Écrivez le nom de la structure, ou videz la ligne.",
        "en": "filled row without an actor name. Write the organisation's name, or empty the row.",
    },
    "workshop.missing_title_chantier": {
        "fr": "ligne remplie sans titre de chantier, et aucun chantier au-dessus qu'elle pourrait compléter. Écrivez le titre du chantier.",
        "en": "filled row without a workstream title, and no workstream above it to continue. Write the workstream title.",
    },
    "workshop.missing_chantier": {
        "fr": "chantier manquant. Indiquez le code (ex. 1.b) ou le titre du chantier concerné.",
        "en": "workstream missing. Give the code (e.g. 1.b) or the title of the workstream.",
    },
    "workshop.missing_actor": {
        "fr": "acteur manquant. Indiquez le nom de la structure.",
        "en": "actor missing. Give the organisation's name.",
    },
    "workshop.missing_resource": {
        "fr": "ressource manquante. Indiquez le nom de la ressource ou de l'acteur.",
        "en": "resource missing. Give the name of the resource or actor.",
    },
    "workshop.bad_status": {
        "fr": "statut « {value} » inconnu. Statuts acceptés : Opérationnel (ou opérant, déjà opérant, trait plein) ; Connu non relié (ou connu, pointillé) ; Absent (ou pas de lien, aucun).",
        "en": "unknown status \"{value}\". Accepted statuses: Operational (or solid line); Known, not linked (or known, dotted, known-unlinked); Absent (or no link, none).",
    },
    "workshop.empty_status": {
        "fr": "statut vide : lien enregistré comme « connu non relié » (pointillé). Précisez-le si la ressource est déjà opérante.",
        "en": "empty status: link recorded as \"known, not linked\" (dotted). Say so if the resource is already operational.",
    },
    "workshop.bad_role": {
        "fr": "rôle « {value} » inconnu. Rôles acceptés : Pilote, Fait, Associé.",
        "en": "unknown role \"{value}\". Accepted roles: Pilote (leads), Fait (does), Associé (involved).",
    },
    "workshop.not_a_number": {
        "fr": "« {value} » n'est pas un nombre : valeur ignorée. Écrivez un nombre (ex. 12).",
        "en": "\"{value}\" is not a number: value ignored. Write a number (e.g. 12).",
    },
    "workshop.self_link": {
        "fr": "« {value} » relie le chantier à lui-même. Indiquez la ressource ou l'acteur mobilisé par ce chantier.",
        "en": "\"{value}\" links the workstream to itself. Give the resource or actor the workstream draws on.",
    },
    "notes.governance_default_role": {
        "fr": "{n} acteur(s) de gouvernance sans rôle enregistré(s) comme « associé ». Écrivez « Pilote : … » ou « Fait : … » pour préciser.",
        "en": "{n} governance actor(s) without a role recorded as \"associé\" (involved). Write \"Pilote : …\" or \"Fait : …\" to say more.",
    },
    "notes.default_status": {
        "fr": "{n} ressource(s) du tableau des chantiers sans statut enregistrée(s) comme « connu non relié » (pointillé). Ajoutez « (opérationnel) » ou remplissez la carte des ressources pour préciser.",
        "en": "{n} resource(s) of the workstream table without a status recorded as \"known, not linked\" (dotted). Add \"(opérationnel)\" or fill the resource map to say more.",
    },
    "notes.guessed_category": {
        "fr": "{n} ressource(s) sans catégorie : catégorie déduite du nom (matériel, financement, intervenant, lieu). Vérifiez-les sur la carte.",
        "en": "{n} resource(s) without a category: category deduced from the name (equipment, funding, practitioner, venue). Check them on the map.",
    },
    "notes.kept_existing_status": {
        "fr": "{n} lien(s) sans statut dans le tableau des chantiers : le statut déjà connu est conservé.",
        "en": "{n} link(s) without a status in the workstream table: the status already known is kept.",
    },
    "notes.chantiers_created_from_links": {
        "fr": "{n} chantier(s) cité(s) dans la gouvernance ou la carte des ressources mais absent(s) du tableau des chantiers : créé(s).",
        "en": "{n} workstream(s) named in the governance or resource map but not in the workstream table: created.",
    },
    "notes.enjeux_created_from_chantiers": {
        "fr": "{n} enjeu(x) créé(s) depuis la colonne « Enjeu » du tableau des chantiers.",
        "en": "{n} issue(s) created from the \"Enjeu\" column of the workstream table.",
    },
    "cli.import_tables": {"fr": "Tableaux lus :", "en": "Tables read:"},
    "cli.import_table": {"fr": "  {where} : {kind}, {rows} ligne(s)", "en": "  {where}: {kind}, {rows} row(s)"},
    "cli.import_done": {"fr": "Import terminé dans le territoire « {territory} » :", "en": "Import done into territory \"{territory}\":"},
    "cli.import_dry_run": {
        "fr": "Simulation (--dry-run) pour le territoire « {territory} » — rien n'a été écrit. Ce qui changerait :",
        "en": "Dry run (--dry-run) for territory \"{territory}\" — nothing was written. What would change:",
    },
    "cli.import_notes": {"fr": "Choix appliqués :", "en": "Defaults applied:"},
    "cli.import_warnings": {"fr": "Avertissements ({count}) :", "en": "Warnings ({count}):"},
    "cli.template_written": {
        "fr": "Modèle écrit : {path}. Ouvrez-le dans Excel ou LibreOffice : la première feuille explique comment le remplir ; importez-le ensuite avec « ecosystem import {path} --territory … ».",
        "en": "Template written: {path}. Open it in Excel or LibreOffice: the first sheet explains how to fill it in; then import it with \"ecosystem import {path} --territory …\".",
    },
    "cli.choose_territory": {
        "fr": "Plusieurs territoires (ou aucun) sont enregistrés : choisissez avec --territory. Territoires : {known}.",
        "en": "Several territories (or none) are stored: choose one with --territory. Territories: {known}.",
    },
    "analysis.header": {"fr": "Territoire : {territory}", "en": "Territory: {territory}"},
    "analysis.nothing": {"fr": "(rien à signaler)", "en": "(nothing to report)"},
    "analysis.section.chantiers": {"fr": "Faisabilité des chantiers", "en": "Feasibility of the workstreams"},
    "analysis.section.enjeux": {"fr": "Couverture des enjeux", "en": "Coverage of the issues"},
    "analysis.section.activations": {"fr": "Liens connus à activer en priorité", "en": "Known links to activate first"},
    "analysis.section.suggestions": {"fr": "Nouveaux liens suggérés", "en": "Suggested new links"},
    "analysis.section.actors": {"fr": "Acteurs centraux et risques de dépendance", "en": "Central actors and dependency risks"},
    "analysis.section.matrix_act": {"fr": "Priorités d'action (impact fort, maîtrise forte)", "en": "Priorities for action (high impact, high control)"},
    "analysis.section.matrix_partner": {"fr": "À porter avec des partenaires (impact fort, maîtrise faible)", "en": "To carry with partners (high impact, low control)"},
    "analysis.section.matrix_quick_win": {"fr": "Actions faciles, effet limité (impact faible, maîtrise forte)", "en": "Easy actions, limited effect (low impact, high control)"},
    "analysis.section.matrix_watch": {"fr": "À surveiller (impact faible, maîtrise faible)", "en": "To watch (low impact, low control)"},
    "analysis.section.matrix_unrated": {"fr": "Non évalués (impact ou maîtrise manquant)", "en": "Not rated (impact or control missing)"},
    "analysis.gaps_table_header": {
        "fr": "Chantier  Score Potent.  Part. Interv. Matér. Financ. Pilote Fait",
        "en": "Chantier  Score Potent.  Partn. Pract. Equip. Funding Lead  Does",
    },
    "analysis.gaps_table_legend": {
        "fr": "✔ opérationnel   … connu, à activer   ✘ manquant",
        "en": "✔ operational   … known, to activate   ✘ missing",
    },
    "cli.map_written": {
        "fr": "Carte écrite : {path} — ouvrez-la dans un navigateur ; elle fonctionne sans connexion.",
        "en": "Map written: {path} — open it in a browser; it works offline.",
    },
    "cli.report_written": {"fr": "Rapport écrit : {path}", "en": "Report written: {path}"},
    "cli.export_done": {
        "fr": "Graphe exporté : {path} ({nodes} éléments, {links} liens).",
        "en": "Graph exported: {path} ({nodes} elements, {links} links).",
    },
    "cli.territory_required": {
        "fr": "Indiquez le territoire avec --territory (ex. --territory \"CC du Pays de Saint-Aulaye\").",
        "en": "Give the territory with --territory (e.g. --territory \"CC du Pays de Saint-Aulaye\").",
    },
    # --- import: open data of lieux de médiation numérique (opendata.py) -------------------
    "lieux.missing_id": {
        "fr": "Lieu « {name} » sans identifiant : la colonne id est obligatoire dans le standard des lieux de médiation numérique. Donnez à ce lieu un identifiant unique (celui de l'outil qui a produit le fichier, ou un UUID) et relancez l'import.",
        "en": "Venue \"{name}\" has no identifier: the id column is required by the lieux de médiation numérique standard. Give this venue a unique id (the one of the tool that produced the file, or a UUID) and run the import again.",
    },
    "lieux.missing_nom": {
        "fr": "Le lieu d'identifiant « {id} » n'a pas de nom : la colonne nom est obligatoire. Indiquez le nom du lieu tel qu'affiché au public, ou supprimez la ligne si ce n'est pas un lieu.",
        "en": "The venue with id \"{id}\" has no name: the nom column is required. Fill in the venue's public name, or delete the row if it is not a venue.",
    },
    "lieux.invalid_lieu": {
        "fr": "Lieu « {value} » illisible ({detail}). Corrigez le nom ou l'identifiant de cette ligne et relancez l'import.",
        "en": "Venue \"{value}\" cannot be read ({detail}). Fix the name or id on this row and run the import again.",
    },
    "lieux.duplicate_ignored": {
        "fr": "L'identifiant « {value} » revient pour le même lieu (déjà lu ligne {first_row}) : ce doublon est ignoré, la première occurrence est gardée. Supprimez la ligne en double dans le fichier (ou fusionnez-la avec la première si elle est plus à jour).",
        "en": "Id \"{value}\" appears again for the same venue (already read at row {first_row}): this duplicate is ignored and the first occurrence kept. Delete the duplicate row from the file (or merge it into the first one if it is more recent).",
    },
    "lieux.id_shared": {
        "fr": "L'identifiant « {value} » est déjà celui d'un autre lieu (« {first_name} », ligne {first_row}) : les deux lieux sont gardés séparément, celui-ci sous l'identifiant {new_id}. Donnez à chaque lieu son propre identifiant dans le fichier source.",
        "en": "Id \"{value}\" already belongs to another venue (\"{first_name}\", row {first_row}): both venues are kept apart, this one under id {new_id}. Give each venue its own id in the source file.",
    },
    "lieux.unknown_typologie": {
        "fr": "Code de typologie « {value} » inconnu ({count} lieu(x), premier ici) : il est gardé tel quel. Utilisez un code de la liste des typologies de structures (ASSO, BIB, CCAS, CS, EPN, MUNI, RFS pour France Services, TIERS_LIEUX…).",
        "en": "Unknown typologie code \"{value}\" ({count} venue(s), first one here): kept as written. Use a code from the list of structure typologies (ASSO, BIB, CCAS, CS, EPN, MUNI, RFS for France Services, TIERS_LIEUX…).",
    },
    "lieux.unknown_typologie_hint": {
        "fr": "Code de typologie « {value} » inconnu ({count} lieu(x), premier ici) : il est gardé tel quel. Vouliez-vous dire « {suggestion} » ? Corrigez le code dans le fichier source.",
        "en": "Unknown typologie code \"{value}\" ({count} venue(s), first one here): kept as written. Did you mean \"{suggestion}\"? Fix the code in the source file.",
    },
    "lieux.unknown_value": {
        "fr": "Valeur « {value} » hors de la liste du standard pour {field} ({count} lieu(x), premier ici) : elle est gardée telle quelle. Valeurs attendues : {accepted}.",
        "en": "Value \"{value}\" is not in the standard's list for {field} ({count} venue(s), first one here): kept as written. Expected values: {accepted}.",
    },
    "lieux.pivot_placeholder": {
        "fr": "Le SIRET « {value} » est une valeur de remplissage, partagée par {count} lieu(x) (premier ici) : il n'est pas enregistré et ne sert jamais à fusionner des lieux. Indiquez le vrai SIRET de chaque lieu (annuaire-entreprises.data.gouv.fr) ou laissez la case vide.",
        "en": "SIRET \"{value}\" is a placeholder shared by {count} venue(s) (first one here): it is not stored and never used to merge venues. Give each venue its real SIRET (annuaire-entreprises.data.gouv.fr) or leave the cell empty.",
    },
    "lieux.bad_coordinate": {
        "fr": "{field} « {value} » illisible ou hors limites : la valeur est ignorée. Écrivez un nombre décimal en degrés WGS84 (latitude entre -90 et 90, longitude entre -180 et 180), par ex. 49.2583.",
        "en": "{field} \"{value}\" cannot be read or is out of range: the value is ignored. Write a decimal number of WGS84 degrees (latitude between -90 and 90, longitude between -180 and 180), e.g. 49.2583.",
    },
    "lieux.zero_coordinates": {
        "fr": "Coordonnées 0, 0 (au large de l'Afrique) pour {count} lieu(x), premier ici : elles sont ignorées. Géocodez l'adresse (adresse.data.gouv.fr) ou laissez latitude et longitude vides.",
        "en": "Coordinates 0, 0 (off the coast of Africa) for {count} venue(s), first one here: they are ignored. Geocode the address (adresse.data.gouv.fr) or leave latitude and longitude empty.",
    },
    "lieux.bad_date": {
        "fr": "Date de mise à jour « {value} » illisible : elle est ignorée. Écrivez-la AAAA-MM-JJ (par ex. 2024-04-02).",
        "en": "Update date \"{value}\" cannot be read: it is ignored. Write it as YYYY-MM-DD (e.g. 2024-04-02).",
    },
    "lieux.placeholder_date": {
        "fr": "Date de mise à jour « {value} » pour {count} lieu(x), premier ici : c'est une date de remplissage (date inconnue), elle est ignorée. Indiquez la vraie date de mise à jour, ou laissez la case vide.",
        "en": "Update date \"{value}\" for {count} venue(s), first one here: it is a placeholder (unknown date) and is ignored. Give the real update date, or leave the cell empty.",
    },
    "lieux.bad_code_postal": {
        "fr": "Code postal « {value} » invalide : il est gardé tel quel mais ne permet pas de situer le lieu. Écrivez 5 chiffres (par ex. 01000, 20200, 97400).",
        "en": "Invalid postcode \"{value}\": kept as written, but it cannot place the venue. Write 5 digits (e.g. 01000, 20200, 97400).",
    },
    "lieux.bad_code_insee": {
        "fr": "Code INSEE « {value} » invalide : il est gardé tel quel mais ne permet pas de situer le lieu. Écrivez le code officiel géographique de la commune, 5 caractères (par ex. 51454, 2A004, 97411).",
        "en": "Invalid INSEE code \"{value}\": kept as written, but it cannot place the venue. Write the commune's official geographic code, 5 characters (e.g. 51454, 2A004, 97411).",
    },
    "lieux.unknown_column": {
        "fr": "Colonne « {value} » absente du standard des lieux de médiation numérique : elle est ignorée. Si elle contient l'un des champs du standard, renommez-la avec son nom exact.",
        "en": "Column \"{value}\" is not part of the lieux de médiation numérique standard: it is ignored. If it holds one of the standard's fields, rename it to that field's exact name.",
    },
    "lieux.unknown_column_hint": {
        "fr": "Colonne « {value} » absente du standard des lieux de médiation numérique : elle est ignorée. Vouliez-vous dire « {suggestion} » ? Renommez la colonne pour qu'elle soit lue.",
        "en": "Column \"{value}\" is not part of the lieux de médiation numérique standard: it is ignored. Did you mean \"{suggestion}\"? Rename the column so it is read.",
    },
    "lieux.unplaced": {
        "fr": "{count} lieu(x) sans code postal, code INSEE ni commune exploitables (premier ici) ont été écartés par le filtre géographique ({filter}). Complétez ces colonnes pour qu'ils puissent être retenus.",
        "en": "{count} venue(s) with no usable postcode, INSEE code or commune (first one here) were left out by the geographic filter ({filter}). Fill in these columns so they can be kept.",
    },
    "lieux.none_kept": {
        "fr": "Aucun des {count} lieu(x) du fichier ne correspond au filtre ({filter}). Vérifiez les codes demandés (département sur 2 ou 3 caractères, code postal sur 5 chiffres, code INSEE de la commune) ou que le fichier couvre bien ce territoire.",
        "en": "None of the file's {count} venue(s) matches the filter ({filter}). Check the requested codes (2- or 3-character département, 5-digit postcode, the commune's INSEE code) or that the file covers this territory.",
    },
    "lieux.epci_unavailable": {
        "fr": "Filtre par EPCI ({value}) impossible : le fichier n'a pas de colonne EPCI (code_epci, nom_epci ou epci) et le standard n'en prévoit pas. Ajoutez une colonne code_epci (SIREN de l'EPCI) ou nom_epci au fichier, ou filtrez plutôt par les codes INSEE des communes de l'EPCI.",
        "en": "Cannot filter by EPCI ({value}): the file has no EPCI column (code_epci, nom_epci or epci) and the standard defines none. Add a code_epci (the EPCI's SIREN) or nom_epci column to the file, or filter by the INSEE codes of the EPCI's communes instead.",
    },
    "lieux.bad_filter": {
        "fr": "Valeur « {value} » invalide pour le filtre {axis} : attendu {expected}.",
        "en": "Invalid value \"{value}\" for the {axis} filter: expected {expected}.",
    },
    "lieux.filter.departements": {"fr": "un numéro de département (01, 2A, 2B, 971…)", "en": "a département number (01, 2A, 2B, 971…)"},
    "lieux.filter.codes_postaux": {"fr": "un code postal de 5 chiffres", "en": "a 5-digit postcode"},
    "lieux.filter.codes_insee": {"fr": "un code INSEE de commune (5 caractères, par ex. 51454 ou 2A004)", "en": "a commune INSEE code (5 characters, e.g. 51454 or 2A004)"},
    "lieux.filter.communes": {"fr": "un nom de commune", "en": "a commune name"},
    "lieux.filter.epci": {"fr": "le SIREN (9 chiffres) ou le nom d'un EPCI", "en": "an EPCI's SIREN (9 digits) or name"},
    "lieux.json_invalid": {
        "fr": "Fichier JSON illisible ({detail}). Vérifiez qu'il est bien en JSON (UTF-8) — par exemple en l'ouvrant dans un navigateur — ou exportez les lieux en CSV.",
        "en": "Unreadable JSON file ({detail}). Check that it really is JSON (UTF-8) — for example by opening it in a browser — or export the venues as CSV.",
    },
    "lieux.json_no_records": {
        "fr": "Aucune liste de lieux trouvée dans ce fichier JSON. Attendu : une liste d'objets [{{\"id\": …, \"nom\": …}}, …], ou un objet qui contient cette liste (sous \"data\", \"lieux\" ou \"features\" pour du GeoJSON).",
        "en": "No list of venues found in this JSON file. Expected: a list of objects [{{\"id\": …, \"nom\": …}}, …], or an object holding that list (under \"data\", \"lieux\" or \"features\" for GeoJSON).",
    },
    "lieux.json_not_object": {
        "fr": "L'élément n° {row} de la liste n'est pas un lieu (un objet {{…}} attendu, trouvé « {value} »). Corrigez ou retirez cet élément.",
        "en": "Item no. {row} of the list is not a venue (an object {{…}} was expected, found \"{value}\"). Fix or remove this item.",
    },
    # --- template workbook (template.py) -----------------------------------------------------
    "template.exists": {
        "fr": "Le fichier {path} existe déjà ; il n'a pas été modifié. Choisissez un autre nom, ou ajoutez --force pour le remplacer par un modèle vide (son contenu serait perdu).",
        "en": "The file {path} already exists; it was left untouched. Choose another name, or add --force to replace it with an empty template (its content would be lost).",
    },
    "template.bad_suffix": {
        "fr": "Le modèle est un classeur Excel : donnez un nom de fichier qui finit par .xlsx (ex. feuille-de-route.xlsx), pas « {path} ».",
        "en": "The template is an Excel workbook: give a file name ending in .xlsx (e.g. roadmap.xlsx), not \"{path}\".",
    },
    "template.no_folder": {
        "fr": "Le dossier {folder} n'existe pas : créez-le d'abord, ou choisissez un autre emplacement.",
        "en": "The folder {folder} does not exist: create it first, or choose another location.",
    },
    "template.unwritable": {
        "fr": "Impossible d'écrire {path} ({detail}). Aucun fichier n'a été modifié. Si ce fichier est ouvert dans Excel, fermez-le ; sinon vérifiez les droits du dossier et l'espace disque.",
        "en": "Cannot write {path} ({detail}). No file was changed. If this file is open in Excel, close it; otherwise check the folder's permissions and disk space.",
    },
    "template.sheet.help": {"fr": "Mode d'emploi", "en": "How to fill in"},
    "template.sheet.lists": {"fr": "Listes", "en": "Lists"},
    "template.lists.status": {"fr": "Statut", "en": "Status"},
    "template.lists.category": {"fr": "Catégorie", "en": "Category"},
    "template.lists.role": {"fr": "Rôle", "en": "Role"},
    "template.lists.level": {"fr": "Niveau", "en": "Level"},
    "template.dropdown.title": {"fr": "Valeur hors liste", "en": "Value not in the list"},
    "template.dropdown.status": {
        "fr": "Choisissez un statut dans la liste : {values}. Un synonyme (ex. « pointillé », « déjà opérant ») est aussi compris à l'import : cliquez Oui (ou OK) pour le garder.",
        "en": "Choose a status from the list: {values}. A synonym (e.g. \"dotted\", \"solid line\") is understood by the import too: click Yes (or OK) to keep it.",
    },
    "template.dropdown.category": {
        "fr": "Choisissez une catégorie dans la liste : {values}. Un pluriel ou un synonyme (ex. « Financements ») est aussi compris à l'import : cliquez Oui (ou OK) pour le garder.",
        "en": "Choose a category from the list: {values}. A plural or a synonym (e.g. \"Funding\") is understood by the import too: click Yes (or OK) to keep it.",
    },
    "template.dropdown.role": {
        "fr": "Choisissez un rôle dans la liste : {values}. Un synonyme (ex. « qui pilote », « porteur ») est aussi compris à l'import : cliquez Oui (ou OK) pour le garder.",
        "en": "Choose a role from the list: {values}. A synonym (e.g. \"lead\", \"operator\") is understood by the import too: click Yes (or OK) to keep it.",
    },
    "template.dropdown.level": {
        "fr": "Choisissez un niveau dans la liste : {values}. Un chiffre de 1 à 4 est aussi compris à l'import : cliquez Oui (ou OK) pour le garder.",
        "en": "Choose a level from the list: {values}. A digit from 1 to 4 is understood by the import too: click Yes (or OK) to keep it.",
    },
    # Notes on the header cells: what to write in each column.
    "template.note.note": {"fr": "Remarque libre. Facultatif.", "en": "Free remark. Optional."},
    "template.note.enjeux.number": {"fr": "Numéro de l'enjeu (1, 2, 3…). Facultatif.", "en": "Number of the issue (1, 2, 3…). Optional."},
    "template.note.enjeux.title": {
        "fr": "L'enjeu tel que formulé en atelier (ex. « Comment renforcer l'attractivité du territoire grâce au numérique ? »). Obligatoire.",
        "en": "The issue as worded in the workshop (e.g. \"How can digital technology make the territory more attractive?\"). Required.",
    },
    "template.note.enjeux.impact": {
        "fr": "Impact de l'enjeu sur le territoire dans 10 ans : faible, moyen, fort ou très fort (liste), ou un chiffre de 1 à 4.",
        "en": "Impact of the issue on the territory in 10 years: low, medium, high or very high (list), or a digit from 1 to 4.",
    },
    "template.note.enjeux.maitrise": {
        "fr": "Maîtrise qu'a le territoire sur cet enjeu (peut-il agir dessus ?) : faible, moyen, fort ou très fort (liste), ou un chiffre de 1 à 4.",
        "en": "How much control the territory has over this issue (can it act on it?): low, medium, high or very high (list), or a digit from 1 to 4.",
    },
    "template.note.enjeux.points": {
        "fr": "Points ou gommettes obtenus au vote, si l'atelier en a fait un. Facultatif.",
        "en": "Points or dot votes received, if the workshop held a vote. Optional.",
    },
    "template.note.enjeux.description": {"fr": "Précisions libres sur l'enjeu. Facultatif.", "en": "Free details about the issue. Optional."},
    "template.note.chantiers.enjeu": {
        "fr": "L'enjeu auquel répond ce chantier : recopiez son intitulé depuis la feuille « {enjeux_sheet} ».",
        "en": "The issue this workstream answers: copy its wording from the \"{enjeux_sheet}\" sheet.",
    },
    "template.note.chantiers.title": {
        "fr": "Le titre du chantier clé. Obligatoire. Une ligne par chantier. Vous pouvez le faire précéder d'un code (ex. « 1.b — Développer des actions à destination des jeunes ») pour y renvoyer ensuite par « 1.b ».",
        "en": "The title of the key workstream. Required. One row per workstream. You may put a code before it (e.g. \"1.b — Youth activities\") to refer to it as \"1.b\" elsewhere.",
    },
    "template.note.chantiers.objectives": {
        "fr": "« On aura réussi si… » : un objectif par ligne dans la cellule (Alt+Entrée pour aller à la ligne).",
        "en": "\"We will have succeeded if…\": one objective per line in the cell (Alt+Enter for a new line).",
    },
    "template.note.chantiers.actions": {
        "fr": "Les actions du chantier, une par ligne dans la cellule (Alt+Entrée).",
        "en": "The workstream's actions, one per line in the cell (Alt+Enter).",
    },
    "template.note.chantiers.governance": {
        "fr": "Un acteur par ligne (Alt+Entrée), précédé de son rôle : « Pilote : Communauté de communes », « Fait : Centre social », « Associé : Région Nouvelle-Aquitaine ». Sans rôle, l'acteur est compté « Associé ». Une virgule ou un point-virgule sépare aussi deux acteurs. Ou bien une ligne par acteur dans la feuille « {governance_sheet} ».",
        "en": "One actor per line (Alt+Enter), preceded by its role: \"Leads: Communauté de communes\", \"Does: Centre social\", \"Involved: Région Nouvelle-Aquitaine\". Without a role, the actor counts as \"Involved\". A comma or semicolon also separates two actors. Or one row per actor in the \"{governance_sheet}\" sheet.",
    },
    "template.note.chantiers.resources": {
        "fr": "Les ressources mobilisables et celles à mobiliser, une par ligne (Alt+Entrée) ; une virgule ou un point-virgule les sépare aussi (sauf entre parenthèses). Sans statut, elles sont comptées « connu non relié » (trait pointillé) : pour une ressource déjà opérante, écrivez « France Services (opérationnel) », ou remplissez la feuille « {resource_map_sheet} ».",
        "en": "Resources available and to mobilise, one per line (Alt+Enter); a comma or semicolon also separates them (except inside parentheses). Without a status they count as \"known, not linked\" (dotted line): for one already operational, write \"France Services (operational)\", or fill in the \"{resource_map_sheet}\" sheet.",
    },
    "template.note.chantiers.freins": {
        "fr": "Les freins à lever, un par ligne dans la cellule (Alt+Entrée).",
        "en": "The barriers to remove, one per line in the cell (Alt+Enter).",
    },
    "template.note.resource_map.chantier": {
        "fr": "Le chantier concerné : recopiez son titre depuis la feuille « {chantiers_sheet} », ou son code (ex. 1.b). Obligatoire.",
        "en": "The workstream concerned: copy its title from the \"{chantiers_sheet}\" sheet, or its code (e.g. 1.b). Required.",
    },
    "template.note.resource_map.resource": {
        "fr": "La ressource ou l'acteur (ex. « Conseillers numériques », « Réseau local tiers-lieux »). Une ligne par ressource et par chantier. Obligatoire.",
        "en": "The resource or actor (e.g. \"Digital advisers\", \"Local third-places network\"). One row per resource and workstream. Required.",
    },
    "template.note.resource_map.category": {
        "fr": "Le groupe de la cartographie : Partenaire, Intervenant, Matériel, Financement, Lieu ou Autre (liste). Facultatif : laissée vide, elle est devinée d'après le nom (matériel, financement…), sinon la ressource est comptée comme partenaire.",
        "en": "The group in the map: Partner, Practitioner, Equipment, Funding, Venue or Other (list). Optional: left empty, it is guessed from the name (equipment, funding…), otherwise the resource counts as a partner.",
    },
    "template.note.resource_map.status": {
        "fr": "La légende de la méthode (liste) : trait plein = Opérationnel, trait pointillé = Connu non relié, absence de trait = Absent. Laissé vide : « connu non relié ».",
        "en": "The method's legend (list): solid line = Operational, dotted line = Known, not linked, no line = Absent. Left empty: \"known, not linked\".",
    },
    "template.note.resource_map.provider": {
        "fr": "La structure qui apporte la ressource (ex. « CAF » pour un financement, « Grand Périgueux » pour un bus numérique). Facultatif.",
        "en": "The organisation that provides the resource (e.g. \"CAF\" for funding, \"Grand Périgueux\" for a digital bus). Optional.",
    },
    "template.note.governance.chantier": {
        "fr": "Le chantier concerné : recopiez son titre depuis la feuille « {chantiers_sheet} », ou son code (ex. 1.b). Obligatoire.",
        "en": "The workstream concerned: copy its title from the \"{chantiers_sheet}\" sheet, or its code (e.g. 1.b). Required.",
    },
    "template.note.governance.actor": {
        "fr": "La structure (ex. « Communauté de communes »), écrite comme dans les autres feuilles. Obligatoire.",
        "en": "The organisation (e.g. \"Communauté de communes\"), written as in the other sheets. Required.",
    },
    "template.note.governance.role": {
        "fr": "Pilote (qui pilote ?), Fait (qui fait ?) ou Associé (qui doit être associé ?), dans la liste. Un acteur qui a deux rôles prend deux lignes. Laissé vide : « Associé ».",
        "en": "Leads (who leads?), Does (who does?) or Involved (who must be involved?), from the list. An actor with two roles takes two rows. Left empty: \"Involved\".",
    },
    "template.note.actors.name": {
        "fr": "Le nom de la structure, écrit comme dans les autres feuilles (majuscules, accents et espaces n'y changent rien). Obligatoire.",
        "en": "The organisation's name, written as in the other sheets (case, accents and spaces do not matter). Required.",
    },
    "template.note.actors.typologie": {
        "fr": "Le type de structure : collectivité, association, centre social, France Services, entreprise… Facultatif.",
        "en": "The kind of organisation: local authority, association, social centre, France Services, company… Optional.",
    },
    "template.note.actors.external_id": {
        "fr": "SIRET (14 chiffres), SIREN (9 chiffres) ou RNA (W suivi de 9 caractères) : il reconnaît la même structure d'un territoire à l'autre. Facultatif.",
        "en": "SIRET (14 digits), SIREN (9 digits) or RNA (W followed by 9 characters): it recognises the same organisation across territories. Optional.",
    },
    "template.note.actors.contact": {
        "fr": "La personne référente. Données personnelles : n'écrivez que ce que la personne accepte de voir partagé. Facultatif.",
        "en": "The contact person. Personal data: only write what the person agrees to share. Optional.",
    },
    "template.note.actors.email": {"fr": "Adresse électronique de la structure ou du contact. Facultatif.", "en": "Email address of the organisation or contact. Optional."},
    "template.note.actors.phone": {
        "fr": "Téléphone (la cellule est en texte : le 0 du début est gardé). Facultatif.",
        "en": "Phone number (the cell is text: a leading 0 is kept). Optional.",
    },
    "template.note.actors.address": {"fr": "Adresse postale (numéro et rue). Facultatif.", "en": "Street address. Optional."},
    "template.note.actors.postcode": {
        "fr": "Code postal (la cellule est en texte : 01000 reste 01000). Facultatif.",
        "en": "Postcode (the cell is text: 01000 stays 01000). Optional.",
    },
    "template.note.actors.commune": {"fr": "La commune. Facultatif.", "en": "The town. Optional."},
    "template.note.actors.website": {"fr": "Le site web de la structure. Facultatif.", "en": "The organisation's website. Optional."},
    # The "Mode d'emploi" sheet.
    "template.help.title": {
        "fr": "Cartographie des partenaires de la feuille de route d'inclusion numérique — mode d'emploi",
        "en": "Partner map of the digital-inclusion roadmap — how to fill in this workbook",
    },
    "template.help.intro": {
        "fr": "Ce classeur sert à saisir les tableaux des ateliers de la méthode « Co-construire une feuille de route territoriale d'inclusion numérique » (PQN-A / Hubikoop), puis à les importer dans ecosystem, qui en dessine la carte des partenaires et des ressources.",
        "en": "This workbook holds the workshop tables of the method \"Co-building a territorial digital-inclusion roadmap\" (PQN-A / Hubikoop), to import them into ecosystem, which draws the map of partners and resources.",
    },
    "template.help.how": {
        "fr": "Une feuille par tableau, dans l'ordre de la méthode : remplissez celles dont vous avez besoin, une ligne par élément, à partir de la ligne 2. Ne changez pas les titres de la ligne 1 : c'est grâce à eux que chaque tableau est reconnu (le nom des onglets, lui, peut changer). Passez la souris sur un titre de colonne pour lire ce qu'il faut y écrire ; les listes déroulantes proposent les valeurs attendues.",
        "en": "One sheet per table, in the order of the method: fill in those you need, one row per item, from row 2. Do not change the titles in row 1: they are how each table is recognised (tab names may change). Hover over a column title to read what to write in it; the dropdowns offer the expected values.",
    },
    "template.help.multiline": {
        "fr": "Plusieurs éléments dans une même cellule : un par ligne, en allant à la ligne avec Alt+Entrée (sur Mac : Ctrl+Option+Entrée ; dans LibreOffice : Ctrl+Entrée).",
        "en": "Several items in one cell: one per line, starting a new line with Alt+Enter (on a Mac: Ctrl+Option+Return; in LibreOffice: Ctrl+Enter).",
    },
    "template.help.sheets": {"fr": "1. Les feuilles à remplir", "en": "1. The sheets to fill in"},
    "template.help.sheet.enjeux": {
        "fr": "Étape 3 — atelier de prospective « Mon territoire et le numérique dans 10 ans ». Une ligne par enjeu, avec son impact et la maîtrise qu'en a le territoire (faible, moyen, fort, très fort) et, si vous avez voté, ses points.",
        "en": "Step 3 — foresight workshop \"My territory and digital technology in 10 years\". One row per issue, with its impact and the territory's control over it (low, medium, high, very high) and, if you voted, its points.",
    },
    "template.help.sheet.chantiers": {
        "fr": "Étape 4 — atelier « Identification des chantiers clés » : le tableau de la méthode, mêmes colonnes dans le même ordre. Une ligne par chantier ; dans une cellule, un élément par ligne (Alt+Entrée). Voir l'exemple plus bas.",
        "en": "Step 4 — \"Identifying the key workstreams\" workshop: the method's table, same columns in the same order. One row per workstream; in a cell, one item per line (Alt+Enter). See the example below.",
    },
    "template.help.sheet.resource_map": {
        "fr": "Étape 4 — cartographie des ressources d'un chantier : une ligne par ressource (ou acteur) et par chantier, avec son statut selon la légende (trait plein, trait pointillé, absence de trait) et sa catégorie.",
        "en": "Step 4 — resource map of a workstream: one row per resource (or actor) and workstream, with its status from the legend (solid line, dotted line, no line) and its category.",
    },
    "template.help.sheet.governance": {
        "fr": "Étape 4 — qui pilote ? qui fait ? qui doit être associé ? Une ligne par chantier, acteur et rôle. Vous pouvez aussi l'écrire dans la colonne Gouvernance de la feuille « {chantiers_sheet} ».",
        "en": "Step 4 — who leads? who does? who must be involved? One row per workstream, actor and role. You may also write it in the Governance column of the \"{chantiers_sheet}\" sheet.",
    },
    "template.help.sheet.actors": {
        "fr": "L'annuaire des structures citées dans les autres feuilles (facultatif) : typologie, SIRET ou RNA, coordonnées. Écrivez les noms comme ailleurs pour qu'ils soient reliés.",
        "en": "The directory of the organisations named in the other sheets (optional): type, SIRET or RNA, contact details. Write names as elsewhere so that they are linked.",
    },
    "template.help.legend": {
        "fr": "2. Légende de la cartographie des ressources : les statuts",
        "en": "2. Legend of the resource map: the statuses",
    },
    "template.help.legend.intro": {
        "fr": "La méthode dessine un trait entre le chantier et chaque ressource. Dans la feuille « {resource_map_sheet} », la colonne Statut dit lequel :",
        "en": "The method draws a line between the workstream and each resource. In the \"{resource_map_sheet}\" sheet, the Status column says which:",
    },
    "template.help.col.status": {"fr": "Statut (liste)", "en": "Status (list)"},
    "template.help.col.legend": {"fr": "Légende de la méthode", "en": "The method's legend"},
    "template.help.col.meaning": {"fr": "Ce que cela veut dire", "en": "What it means"},
    "template.help.col.words": {"fr": "Autres mots compris à l'import", "en": "Other words the import understands"},
    "template.help.col.category": {"fr": "Catégorie (liste)", "en": "Category (list)"},
    "template.help.col.role": {"fr": "Rôle (liste)", "en": "Role (list)"},
    "template.help.col.level": {"fr": "Niveau (liste)", "en": "Level (list)"},
    "template.help.col.column": {"fr": "Colonne", "en": "Column"},
    "template.help.col.example": {"fr": "Exemple", "en": "Example"},
    "template.help.words": {"fr": "{fr} ; en anglais : {en}", "en": "{en}; in French: {fr}"},
    "template.help.legend.OPERATIONAL": {
        "fr": "Trait plein : la ressource est déjà opérante",
        "en": "Solid line: the resource is already operational (« Trait plein : la ressource est déjà opérante »)",
    },
    "template.help.legend.KNOWN_UNLINKED": {
        "fr": "Trait pointillé : on connaît la ressource mais on n'a pas encore de lien avec",
        "en": "Dotted line: we know the resource but have no link with it yet (« Trait pointillé : on connaît la ressource mais on n'a pas encore de lien avec »)",
    },
    "template.help.legend.ABSENT": {
        "fr": "Absence de trait : pas de lien entre le chantier et la ressource",
        "en": "No line: no link between the workstream and the resource (« Absence de trait : pas de lien entre le chantier et la ressource »)",
    },
    "template.help.status.OPERATIONAL": {
        "fr": "Le lien existe et fonctionne : la ressource contribue déjà au chantier.",
        "en": "The link exists and works: the resource already contributes to the workstream.",
    },
    "template.help.status.KNOWN_UNLINKED": {
        "fr": "On sait que la ressource existe, mais le lien reste à créer : c'est une piste à activer.",
        "en": "The resource is known, but the link is still to be made: a lead to activate.",
    },
    "template.help.status.ABSENT": {
        "fr": "Il n'y a pas de lien entre le chantier et cette ressource, et on l'a vérifié (ce n'est pas la même chose qu'une case vide).",
        "en": "There is no link between the workstream and this resource, and this was checked (not the same as an empty cell).",
    },
    "template.help.status.empty": {
        "fr": "Statut laissé vide, ou ressource écrite dans la colonne « Les ressources mobilisables et celles à mobiliser » de la feuille « {chantiers_sheet} » : elle est comptée « connu non relié » (trait pointillé).",
        "en": "Status left empty, or resource written in the \"Resources available and to mobilise\" column of the \"{chantiers_sheet}\" sheet: it counts as \"known, not linked\" (dotted line).",
    },
    "template.help.categories": {"fr": "3. Catégories de ressources", "en": "3. Resource categories"},
    "template.help.category.partenaire": {
        "fr": "Partenaires de projet : les structures avec qui l'on porte le chantier (centres sociaux, réseau local de conseillers numériques, communes, tiers-lieux…).",
        "en": "Project partners: the organisations that carry the workstream with you (social centres, local network of digital advisers, municipalities, third places…).",
    },
    "template.help.category.intervenant": {
        "fr": "Les personnes qui interviennent : animateurs formés, conseillers numériques, animateurs d'un bus numérique, Fab Lab…",
        "en": "The people who deliver: trained youth workers, digital advisers, digital-bus staff, Fab Lab…",
    },
    "template.help.category.materiel": {
        "fr": "Ressources matérielles : informatique, robotique, outils numériques fixes ou itinérants, matériels reconditionnés…",
        "en": "Equipment: computers, robotics, fixed or mobile digital tools, refurbished devices…",
    },
    "template.help.category.financement": {
        "fr": "Financements et contributions : partenaires sociaux (CAF…), contribution en compétences ou en matériel…",
        "en": "Funding and contributions: social partners (CAF…), in-kind contributions of skills or equipment…",
    },
    "template.help.category.lieu": {
        "fr": "Lieux où accueillir les publics : lieux de médiation numérique, espaces publics numériques, salles…",
        "en": "Places to welcome people: digital-inclusion venues, public digital spaces, rooms…",
    },
    "template.help.category.autre": {"fr": "Tout ce qui n'entre dans aucune autre catégorie.", "en": "Anything that fits no other category."},
    "template.help.categories.plural": {
        "fr": "Le pluriel est compris aussi (« Financements », « Intervenants »…).",
        "en": "Plurals are understood too (\"Financements\", \"Intervenants\"…).",
    },
    "template.help.roles": {"fr": "4. Rôles de gouvernance", "en": "4. Governance roles"},
    "template.help.role.pilote": {
        "fr": "Qui pilote ? La structure qui porte le chantier et coordonne sa mise en œuvre.",
        "en": "Who leads? The organisation that carries the workstream and coordinates its delivery.",
    },
    "template.help.role.fait": {
        "fr": "Qui fait ? Les structures qui réalisent les actions.",
        "en": "Who does? The organisations that carry out the actions.",
    },
    "template.help.role.associe": {
        "fr": "Qui doit être associé ? Les structures à consulter ou à tenir informées, sans qu'elles pilotent ni réalisent.",
        "en": "Who must be involved? The organisations to consult or keep informed, without leading or doing.",
    },
    "template.help.roles.column": {
        "fr": "Dans la colonne Gouvernance de la feuille « {chantiers_sheet} », écrivez un acteur par ligne précédé de son rôle : « Pilote : … », « Fait : … », « Associé : … ». Sans rôle, l'acteur est compté « Associé ».",
        "en": "In the Governance column of the \"{chantiers_sheet}\" sheet, write one actor per line preceded by its role: \"Pilote: …\", \"Fait: …\", \"Associé: …\" (the English words Leads, Does, Involved work too). Without a role, the actor counts as \"Involved\".",
    },
    "template.help.levels": {
        "fr": "5. Niveaux d'impact et de maîtrise (feuille « {enjeux_sheet} »)",
        "en": "5. Impact and control levels (\"{enjeux_sheet}\" sheet)",
    },
    "template.help.levels.intro": {
        "fr": "À l'étape 3, chaque enjeu est évalué deux fois : son impact (combien il pèsera sur le territoire) et la maîtrise qu'en a le territoire (combien il peut agir dessus). Choisissez le mot dans la liste, ou tapez un chiffre de 1 à 4.",
        "en": "In step 3, each issue is rated twice: its impact (how much it will weigh on the territory) and the territory's control over it (how much it can act on it). Choose the word from the list, or type a digit from 1 to 4.",
    },
    "template.help.level.1": {"fr": "Niveau 1 : impact faible ; le territoire a peu de prise sur l'enjeu", "en": "Level 1: low impact; the territory has little hold on the issue"},
    "template.help.level.2": {"fr": "Niveau 2 : impact moyen ; maîtrise partielle", "en": "Level 2: medium impact; partial control"},
    "template.help.level.3": {"fr": "Niveau 3 : impact fort ; bonne maîtrise", "en": "Level 3: high impact; good control"},
    "template.help.level.4": {"fr": "Niveau 4 : impact très fort ; le territoire maîtrise pleinement l'enjeu", "en": "Level 4: very high impact; the territory fully controls the issue"},
    "template.help.example": {
        "fr": "6. Exemple : la ligne de chantier présentée par la méthode",
        "en": "6. Example: the workstream row shown by the method",
    },
    "template.help.example.intro": {
        "fr": "Colonne par colonne, la ligne de l'atelier « Identification des chantiers clés » donnée en exemple par la méthode. Dans la feuille « {chantiers_sheet} », elle tient sur une seule ligne.",
        "en": "Column by column, the row of the \"Identifying the key workstreams\" workshop given as an example by the method. In the \"{chantiers_sheet}\" sheet, it takes a single row.",
    },
    "template.help.example.note": {
        "fr": "Les rôles « Pilote : » et « Associé : » sont ajoutés pour l'exemple : la méthode cite la Communauté de communes et la Région sans préciser leur rôle. Les ressources, sans statut ici, sont comptées « connu non relié » ; la feuille « {resource_map_sheet} » permet de dire lesquelles sont déjà opérantes.",
        "en": "The roles \"Leads:\" and \"Involved:\" are added for the example: the method names the Communauté de communes and the Région without their roles. The resources, without a status here, count as \"known, not linked\"; the \"{resource_map_sheet}\" sheet says which are already operational.",
    },
    "template.example.enjeu": {
        "fr": "Comment renforcer l'attractivité du territoire grâce au numérique ?",
        "en": "How can digital technology make the territory more attractive?",
    },
    "template.example.title": {
        "fr": "Faciliter l'accès aux services numériques, faciliter les déplacements pour avoir accès aux services centralisés",
        "en": "Make digital services easier to reach, make travel to centralised services easier",
    },
    "template.example.objectives": {
        "fr": "Si les services sont utilisés et les structures sont développées.\nSi on a une accessibilité au lieu de problèmes de mobilité.",
        "en": "If the services are used and the organisations have grown.\nIf there is access instead of mobility problems.",
    },
    "template.example.actions": {
        "fr": "Mettre en place une meilleure communication sur les services\nItinérance des services\nRéseau de transport autonome et connecté",
        "en": "Communicate better about the services\nMobile services\nAutonomous, connected transport network",
    },
    "template.example.governance": {
        "fr": "Pilote : Communauté de communes\nAssocié : Région Nouvelle-Aquitaine",
        "en": "Leads: Communauté de communes\nInvolved: Région Nouvelle-Aquitaine",
    },
    "template.example.resources": {
        "fr": "Centre social\nFrance Services\nBénévoles et associations locales\nMatériels reconditionnés",
        "en": "Social centre\nFrance Services\nVolunteers and local associations\nRefurbished devices",
    },
    "template.example.freins": {
        "fr": "Couverture numérique (zones blanches)\nFormation du personnel\nManque de lieux pour accueillir les publics\nPerçu comme une contrainte pour les communes",
        "en": "Network coverage (white zones)\nStaff training\nLack of places to welcome people\nSeen as a burden by the municipalities",
    },
    "template.help.source": {
        "fr": "Source : webinaire « Méthodologie : co-construire une feuille de route territoriale d'inclusion numérique », PQN-A et Hubikoop, 14 novembre 2023 (étapes 3 et 4).",
        "en": "Source: webinar \"Méthodologie : co-construire une feuille de route territoriale d'inclusion numérique\", PQN-A and Hubikoop, 14 November 2023 (steps 3 and 4).",
    },
    # --- export: graph files (graphfiles.py) ---
    "export.unknown_format": {
        "fr": "Format de fichier « {format} » inconnu. Formats acceptés : {accepted}.",
        "en": "Unknown file format \"{format}\". Accepted formats: {accepted}.",
    },
    "export.write_failed": {
        "fr": "Impossible d'écrire le fichier {path} ({detail}). L'export précédent, s'il existe, est intact ; vérifiez l'espace disque et les droits du dossier, ou choisissez un autre dossier avec --out.",
        "en": "Cannot write the file {path} ({detail}). The previous export, if any, is intact; check disk space and folder permissions, or choose another folder with --out.",
    },
    "export.read_failed": {
        "fr": "Le fichier {path} n'est pas un fichier de graphe lisible ({detail}).",
        "en": "The file {path} is not a readable graph file ({detail}).",
    },
    "export.not_xml_safe": {
        "fr": "L'identifiant « {value} » contient un caractère de contrôle qu'un fichier {format} ne peut pas contenir. Exportez en JSON, ou corrigez ce nom dans les données.",
        "en": "The identifier \"{value}\" contains a control character a {format} file cannot hold. Export as JSON, or fix this name in the data.",
    },
    # --- export: HTML map (html_map.py) ---
    "map.error.unknown_focus": {
        "fr": "« {name} » n'est ni un chantier ni un enjeu de ce territoire. Indiquez un code ou un nom parmi : {known}.",
        "en": "\"{name}\" is neither a workstream nor an issue of this territory. Give a code or a name among: {known}.",
    },
    "map.error.ambiguous_focus": {
        "fr": "« {name} » désigne plusieurs éléments ({matches}) : indiquez le nom complet.",
        "en": "\"{name}\" names several elements ({matches}): give the full name.",
    },
    "map.error.unwritable": {
        "fr": "Impossible d'écrire la carte {path} ({detail}). Une carte précédente, s'il y en a une, est intacte ; vérifiez l'espace disque et les droits du dossier, ou choisissez un autre dossier avec --out.",
        "en": "Cannot write the map {path} ({detail}). A previous map, if any, is intact; check disk space and folder permissions, or choose another folder with --out.",
    },
    "map.error.needs_numpy": {
        "fr": "La carte HTML a besoin du paquet numpy pour placer les éléments : installez-le (pip install numpy) puis relancez.",
        "en": "The HTML map needs the numpy package to place the elements: install it (pip install numpy) and run again.",
    },
    "map.filename": {"fr": "carte-{name}", "en": "map-{name}"},
    "map.title": {"fr": "Carte de l'écosystème — {territory}", "en": "Ecosystem map — {territory}"},
    "map.territory": {"fr": "Territoire : {territory}", "en": "Territory: {territory}"},
    "map.exported": {"fr": "carte exportée le {date}", "en": "map exported on {date}"},
    "map.date": {"fr": "{day:02d}/{month:02d}/{year}", "en": "{year}-{month:02d}-{day:02d}"},
    "map.focused": {"fr": "zoom sur {name}", "en": "focus on {name}"},
    "map.counts": {"fr": "{nodes} élément(s), {links} lien(s)", "en": "{nodes} element(s), {links} link(s)"},
    "map.kind.Enjeu": {"fr": "Enjeu", "en": "Issue (enjeu)"},
    "map.kind.Chantier": {"fr": "Chantier clé", "en": "Key workstream (chantier)"},
    "map.kind.Actor": {"fr": "Acteur", "en": "Actor"},
    "map.kind.Resource.category": {"fr": "Ressource : {category}", "en": "Resource: {category}"},
    "map.link.OPERATIONAL": {
        "fr": "Trait plein : la ressource est déjà opérante.",
        "en": "Solid line: the resource is already operating.",
    },
    "map.link.KNOWN_UNLINKED": {
        "fr": "Trait pointillé : on connaît la ressource mais on n'a pas encore de lien avec.",
        "en": "Dotted line: the resource is known but there is no link with it yet.",
    },
    "map.link.ABSENT": {
        "fr": "Pas de lien entre le chantier et la ressource : ressource manquante.",
        "en": "No link between the workstream and the resource: missing resource.",
    },
    "map.link.ANSWERS": {"fr": "Le chantier répond à cet enjeu.", "en": "The workstream answers this issue."},
    "map.link.PROVIDES": {"fr": "L'acteur apporte cette ressource.", "en": "The actor provides this resource."},
    "map.link.PILOTS": {"fr": "Gouvernance : pilote le chantier.", "en": "Governance: leads the workstream."},
    "map.link.OPERATES": {"fr": "Gouvernance : fait (met en œuvre) le chantier.", "en": "Governance: carries out the workstream."},
    "map.link.ASSOCIATED_WITH": {"fr": "Gouvernance : est associé au chantier.", "en": "Governance: is associated with the workstream."},
    "map.edge.absent": {"fr": "manquant", "en": "missing"},
    "map.edge.PILOTS": {"fr": "pilote", "en": "leads"},
    "map.edge.OPERATES": {"fr": "fait", "en": "does"},
    "map.edge.ASSOCIATED_WITH": {"fr": "associé", "en": "associated"},
    "map.tooltip.betweenness": {"fr": "Centralité (intermédiarité) : {value}", "en": "Centrality (betweenness): {value}"},
    "map.tooltip.links": {"fr": "{count} lien(s) sur la carte", "en": "{count} link(s) on the map"},
    "map.tooltip.provided_by": {"fr": "Apportée par : {names}", "en": "Provided by: {names}"},
    "map.tooltip.fragile": {
        "fr": "Point de fragilité : seul appui opérationnel de {items}.",
        "en": "Single point of failure: the only operational support of {items}.",
    },
    "map.tooltip.fragile_item": {"fr": "{chantier} ({category})", "en": "{chantier} ({category})"},
    "map.legend.title": {"fr": "Légende", "en": "Legend"},
    "map.legend.method": {
        "fr": "Liens entre un chantier et ses ressources (légende de la méthode)",
        "en": "Links between a workstream and its resources (the method's legend)",
    },
    "map.legend.operational": {
        "fr": "Trait plein : la ressource est déjà opérante",
        "en": "Solid line: the resource is already operating",
    },
    "map.legend.known_unlinked": {
        "fr": "Trait pointillé : on connaît la ressource mais on n'a pas encore de lien avec",
        "en": "Dotted line: the resource is known but there is no link with it yet",
    },
    "map.legend.absent": {
        "fr": "Absence de trait : pas de lien entre le chantier et la ressource",
        "en": "No line: no link between the workstream and the resource",
    },
    "map.legend.absent_shown": {
        "fr": "Sur cette carte, les liens absents sont tout de même tracés en trait pâle marqué « {label} »",
        "en": "On this map, absent links are drawn anyway, as a faint line marked \"{label}\"",
    },
    "map.legend.other_links": {"fr": "Autres liens", "en": "Other links"},
    "map.legend.governance": {
        "fr": "Flèche bleue : gouvernance (qui pilote, qui fait, qui est associé)",
        "en": "Blue arrow: governance (who leads, who does, who is associated)",
    },
    "map.legend.answers": {"fr": "Trait fin gris : le chantier répond à un enjeu", "en": "Thin grey line: the workstream answers an issue"},
    "map.legend.provides": {"fr": "Trait fin gris : l'acteur apporte une ressource", "en": "Thin grey line: the actor provides a resource"},
    "map.legend.shapes": {"fr": "Formes et couleurs", "en": "Shapes and colours"},
    "map.legend.size_central": {
        "fr": "Taille des acteurs : leur centralité (intermédiarité) ; des autres éléments : leur nombre de liens.",
        "en": "Size of actors: their centrality (betweenness); of the other elements: their number of links.",
    },
    "map.legend.size_degree": {
        "fr": "Taille : le nombre de liens de l'élément.",
        "en": "Size: the element's number of links.",
    },
    "map.legend.alerts": {"fr": "Points d'attention", "en": "Points of attention"},
    "map.legend.gap_missing": {
        "fr": "Bordure orange épaisse : chantier à qui il manque un partenaire, un intervenant, du matériel ou un financement",
        "en": "Thick orange border: workstream lacking a partner, a practitioner, equipment or funding",
    },
    "map.legend.gap_to_activate": {
        "fr": "Bordure orange en pointillé : chantier dont des ressources sont connues mais encore à activer",
        "en": "Dotted orange border: workstream whose resources are known but still to activate",
    },
    "map.legend.fragile": {
        "fr": "Bordure violette : acteur point de fragilité (seul appui opérationnel d'un chantier dans une catégorie)",
        "en": "Purple border: actor that is a single point of failure (a workstream's only operational support in a category)",
    },
    "map.legend.counts": {
        "fr": "Sur cette carte : {missing} chantier(s) avec un manque, {to_activate} avec des ressources à activer.",
        "en": "On this map: {missing} workstream(s) with a gap, {to_activate} with resources to activate.",
    },
    "map.legend.fragile_count": {
        "fr": "{count} acteur(s) point(s) de fragilité.",
        "en": "{count} actor(s) that are single points of failure.",
    },
    "map.legend.tooltips": {
        "fr": "Survolez un élément ou un lien pour lire le détail de l'analyse.",
        "en": "Hover over an element or a link to read the analysis in detail.",
    },
    "map.ui.focus": {"fr": "Zoom sur", "en": "Focus on"},
    "map.ui.focus_all": {"fr": "Tout le territoire", "en": "The whole territory"},
    "map.ui.choice": {"fr": "{kind} {name}", "en": "{kind} {name}"},
    "map.ui.search": {"fr": "Rechercher", "en": "Search"},
    "map.ui.search_placeholder": {"fr": "un nom…", "en": "a name…"},
    "map.ui.results": {"fr": "{count} trouvé(s)", "en": "{count} found"},
    "map.ui.no_result": {"fr": "aucun résultat", "en": "no result"},
    "map.ui.fit": {"fr": "Voir toute la carte", "en": "Show the whole map"},
    "map.ui.noscript": {
        "fr": "Cette carte a besoin de JavaScript : ouvrez-la dans un navigateur récent (Firefox, Chrome, Edge, Safari) sans bloquer les scripts.",
        "en": "This map needs JavaScript: open it in a recent browser (Firefox, Chrome, Edge, Safari) without blocking scripts.",
    },
    "map.ui.load_error": {
        "fr": "La carte n'a pas pu s'afficher : le fichier est peut-être incomplet. Exportez-la de nouveau.",
        "en": "The map could not be displayed: the file may be incomplete. Export it again.",
    },
    "map.counts_aggregated": {
        "fr": "vue regroupée : {shown} élément(s) dessiné(s) pour {total}, {links} lien(s)",
        "en": "aggregated view: {shown} element(s) drawn for {total}, {links} link(s)",
    },
    "map.legend.aggregated": {"fr": "Vue regroupée", "en": "Aggregated view"},
    "map.legend.aggregated_why": {
        "fr": "Ce territoire compte {total} éléments : pour rester lisible, la carte dessine les enjeux, les chantiers et les {hubs} acteurs et ressources liés à au moins {minimum} chantiers.",
        "en": "This territory has {total} elements: to stay readable, the map draws the issues, the workstreams and the {hubs} actors and resources linked to at least {minimum} workstreams.",
    },
    "map.legend.aggregated_why_no_hub": {
        "fr": "Ce territoire compte {total} éléments : pour rester lisible, la carte dessine les enjeux et les chantiers.",
        "en": "This territory has {total} elements: to stay readable, the map draws the issues and the workstreams.",
    },
    "map.legend.bundle": {
        "fr": "Hexagone gris : les autres ressources et partenaires d'un chantier, regroupés, avec combien sont opérants (trait plein) et connus non reliés (pointillé) ; survolez-le pour le détail par catégorie",
        "en": "Grey hexagon: a workstream's other resources and partners, bundled, with how many are operating (solid line) and known but not linked (dotted); hover over it for the detail by category",
    },
    "map.legend.bundle_link": {
        "fr": "Trait gris : relie un chantier à son hexagone",
        "en": "Grey line: links a workstream to its hexagon",
    },
    "map.legend.aggregated_detail": {
        "fr": "Pour tout voir d'un chantier, d'un enjeu ou d'un acteur dessiné : choisissez-le dans « Zoom sur » ou double-cliquez dessus (ou sur l'hexagone du chantier). « Tout le territoire » revient à cette vue.",
        "en": "To see everything about a workstream, an issue or a drawn actor: choose it in \"Focus on\" or double-click it (or the workstream's hexagon). \"The whole territory\" comes back to this view.",
    },
    "map.legend.aggregated_search": {
        "fr": "La recherche trouve aussi les éléments regroupés : elle sélectionne l'hexagone qui les contient.",
        "en": "The search also finds bundled elements: it selects the hexagon that holds them.",
    },
    "map.legend.left_out": {
        "fr": "{count} élément(s) liés à aucun chantier ne figurent pas sur cette carte.",
        "en": "{count} element(s) linked to no workstream are not on this map.",
    },
    "map.bundle.label": {"fr": "{count} autre(s)", "en": "{count} other(s)"},
    "map.bundle.short.operational": {"fr": "{count} opérant(s)", "en": "{count} operating"},
    "map.bundle.short.known": {"fr": "{count} connu(s)", "en": "{count} known"},
    "map.bundle.short.absent": {"fr": "{count} manquant(s)", "en": "{count} missing"},
    "map.bundle.short.governance": {"fr": "{count} en gouvernance", "en": "{count} in governance"},
    "map.bundle.title": {
        "fr": "{chantier} : {count} autre(s) ressource(s) et partenaire(s), regroupés",
        "en": "{chantier}: {count} other resource(s) and partner(s), bundled",
    },
    "map.bundle.category": {"fr": "{category} : {count} ({detail})", "en": "{category}: {count} ({detail})"},
    "map.bundle.category.partenaire": {"fr": "Partenaires", "en": "Partners"},
    "map.bundle.category.intervenant": {"fr": "Intervenants", "en": "Practitioners"},
    "map.bundle.category.materiel": {"fr": "Matériel", "en": "Equipment"},
    "map.bundle.category.financement": {"fr": "Financements", "en": "Funding"},
    "map.bundle.category.lieu": {"fr": "Lieux", "en": "Venues"},
    "map.bundle.category.autre": {"fr": "Autres", "en": "Other"},
    "map.bundle.operational": {"fr": "{count} opérant(s)", "en": "{count} operating"},
    "map.bundle.known": {"fr": "{count} connu(s) non relié(s)", "en": "{count} known, not linked"},
    "map.bundle.absent": {"fr": "{count} manquant(s)", "en": "{count} missing"},
    "map.bundle.governance": {"fr": "Gouvernance : {detail}", "en": "Governance: {detail}"},
    "map.bundle.PILOTS": {"fr": "{count} pilote(s)", "en": "{count} lead(s)"},
    "map.bundle.OPERATES": {"fr": "{count} qui fait (font)", "en": "{count} doing it"},
    "map.bundle.ASSOCIATED_WITH": {"fr": "{count} associé(s)", "en": "{count} associated"},
    "map.bundle.hint": {
        "fr": "Double-cliquez pour voir tout le détail du chantier.",
        "en": "Double-click to see the workstream in full detail.",
    },
    # --- export: report and charts (report.py, charts.py) ---
    "report.title": {"fr": "Rapport des manques — {territory} — {date}", "en": "Gap report — {territory} — {date}"},
    "report.months": {
        "fr": "janvier,février,mars,avril,mai,juin,juillet,août,septembre,octobre,novembre,décembre",
        "en": "January,February,March,April,May,June,July,August,September,October,November,December",
    },
    "report.date": {"fr": "{day} {month} {year}", "en": "{month} {day}, {year}"},
    "report.intro": {
        "fr": "Ce rapport reprend la carte des ressources de la feuille de route d'inclusion numérique : pour chaque chantier, ce qui est opérationnel, ce qui est connu mais reste à activer (et avec qui), ce qui manque, puis les acteurs centraux, les risques de dépendance et la matrice prospective des enjeux. Il peut accompagner une réponse à un appel à projets.",
        "en": "This report reads the resource map of the digital-inclusion roadmap: for each workstream, what is operational, what is known but still to activate (and with whom), what is missing; then the central actors, the dependency risks and the prospective matrix of the issues. It can accompany an answer to a funding call.",
    },
    "report.without": {
        "fr": "Analyse faite comme si ces acteurs s'étaient retirés : {actors}.",
        "en": "Analysis made as if these actors had left: {actors}.",
    },
    "report.footer": {
        "fr": "Rapport produit par ecosystem à partir de la carte du territoire. Les liens « à activer » sont des ressources connues mais pas encore reliées au chantier (pointillés sur la carte).",
        "en": "Report produced by ecosystem from the territory's map. Links \"to activate\" are resources known but not yet linked to the workstream (dotted lines on the map).",
    },
    "report.section.summary": {"fr": "Synthèse des chantiers", "en": "Workstreams at a glance"},
    "report.section.chantiers": {"fr": "Faisabilité, chantier par chantier", "en": "Feasibility, workstream by workstream"},
    "report.section.activations": {"fr": "Liens connus à activer en priorité", "en": "Known links to activate first"},
    "report.section.suggestions": {"fr": "Nouveaux liens suggérés", "en": "Suggested new links"},
    "report.section.actors": {"fr": "Acteurs centraux et risques de dépendance", "en": "Central actors and dependency risks"},
    "report.section.enjeux": {"fr": "Couverture des enjeux", "en": "Coverage of the issues"},
    "report.section.matrix": {"fr": "Matrice prospective (impact × maîtrise)", "en": "Prospective matrix (impact × control)"},
    "report.score_line": {
        "fr": "Faisabilité : {score}/100 aujourd'hui, {potential}/100 si les ressources connues étaient activées.",
        "en": "Feasibility: {score}/100 today, {potential}/100 if the known resources were activated.",
    },
    "report.findings": {"fr": "Constats", "en": "Findings"},
    "report.to_activate_with": {"fr": "À activer, et avec qui", "en": "To activate, and with whom"},
    "report.activation_item": {"fr": "{name} ({category})", "en": "{name} ({category})"},
    "report.closes_gap": {"fr": "comblerait un manque de ce chantier", "en": "would fill a gap of this workstream"},
    "report.strengthens": {"fr": "renforcerait ce chantier", "en": "would strengthen this workstream"},
    "report.with_whom": {"fr": "à contacter :", "en": "to contact:"},
    "report.own_contact": {"fr": "contact : {contacts}", "en": "contact: {contacts}"},
    "report.missing": {"fr": "Manque (à trouver ou à créer) :", "en": "Missing (to find or create):"},
    "report.nothing_missing": {"fr": "rien, chaque catégorie a au moins une ressource opérationnelle ou connue.", "en": "nothing, every category has at least one operational or known resource."},
    "report.governance": {"fr": "Gouvernance", "en": "Governance"},
    "report.governance_complete": {"fr": "complète", "en": "complete"},
    "report.lacks.pilote": {"fr": "pas de pilote", "en": "no lead"},
    "report.lacks.fait": {"fr": "personne ne fait", "en": "nobody does it"},
    "report.col.governance": {"fr": "Gouvernance", "en": "Governance"},
    "report.nobody": {"fr": "personne (à désigner)", "en": "nobody (to name)"},
    "report.freins": {"fr": "Freins", "en": "Barriers"},
    "report.no_frein": {"fr": "aucun frein noté", "en": "no barrier recorded"},
    "report.no_chantier": {"fr": "Aucun chantier n'est encore enregistré pour ce territoire.", "en": "No workstream is recorded for this territory yet."},
    "report.none": {"fr": "rien à signaler", "en": "nothing to report"},
    "report.suggestions_capped": {
        "fr": "Suggestions limitées aux {per_chantier} meilleure(s) par chantier : {count} suggestion(s) plus faible(s) non retenue(s) pour {chantiers} chantier(s). « --per-chantier 0 » (ecosystem export report ou analyze missing) les garde toutes.",
        "en": "Suggestions limited to the {per_chantier} best per workstream: {count} weaker suggestion(s) left out for {chantiers} workstream(s). \"--per-chantier 0\" (ecosystem export report or analyze missing) keeps them all.",
    },
    "report.more_in_workbook": {
        "fr": "{count} autre(s) suggestion(s) dans le classeur Excel du rapport.",
        "en": "{count} more suggestion(s) in the report's Excel workbook.",
    },
    "report.actors_intro": {
        "fr": "Les acteurs centraux sont ceux par qui passent le plus de liens opérationnels entre les chantiers, leurs ressources et leurs enjeux. Un « passeur » relie des chantiers qui, sans lui, ne le seraient plus ; un « point de fragilité » est la seule ressource opérationnelle d'un chantier dans une catégorie.",
        "en": "Central actors are those through whom most operational links between workstreams, their resources and their issues pass. A \"broker\" joins workstreams that would be cut apart without it; a \"single point of failure\" is a workstream's only operational resource in a category.",
    },
    "report.risks": {"fr": "Risques de dépendance", "en": "Dependency risks"},
    "report.no_risk": {"fr": "Aucun acteur n'est seul à porter une catégorie d'un chantier.", "en": "No actor alone carries a category of a workstream."},
    "report.yes": {"fr": "oui", "en": "yes"},
    "report.no": {"fr": "non", "en": "no"},
    "report.state.operational": {"fr": "opérationnel", "en": "operational"},
    "report.state.to_activate": {"fr": "à activer", "en": "to activate"},
    "report.state.missing": {"fr": "manquant", "en": "missing"},
    "report.reason.same_enjeu": {"fr": "même enjeu", "en": "same issue"},
    "report.reason.territory": {"fr": "ailleurs sur le territoire", "en": "elsewhere in the territory"},
    "report.reason.services_publics": {"fr": "services et publics", "en": "services and publics"},
    "report.chart_chantier_title": {"fr": "Faisabilité du chantier {name}", "en": "Feasibility of workstream {name}"},
    "report.sheet.summary": {"fr": "Synthèse", "en": "Summary"},
    "report.sheet.chantiers": {"fr": "Chantiers", "en": "Workstreams"},
    "report.sheet.detail": {"fr": "Détail par catégorie", "en": "Per category"},
    "report.sheet.activations": {"fr": "Liens à activer", "en": "Links to activate"},
    "report.sheet.suggestions": {"fr": "Liens suggérés", "en": "Suggested links"},
    "report.sheet.actors": {"fr": "Acteurs centraux", "en": "Central actors"},
    "report.sheet.enjeux": {"fr": "Enjeux et matrice", "en": "Issues and matrix"},
    "report.col.item": {"fr": "Rubrique", "en": "Item"},
    "report.col.value": {"fr": "Valeur", "en": "Value"},
    "report.col.territory": {"fr": "Territoire", "en": "Territory"},
    "report.col.date": {"fr": "Date", "en": "Date"},
    "report.col.without": {"fr": "Acteurs retirés de l'analyse", "en": "Actors left out of the analysis"},
    "report.col.chantiers_count": {"fr": "Nombre de chantiers", "en": "Number of workstreams"},
    "report.col.enjeux_count": {"fr": "Nombre d'enjeux", "en": "Number of issues"},
    "report.col.activations_count": {"fr": "Liens connus à activer", "en": "Known links to activate"},
    "report.col.note": {"fr": "À propos", "en": "About"},
    "report.col.code": {"fr": "Code", "en": "Code"},
    "report.col.chantier": {"fr": "Chantier", "en": "Workstream"},
    "report.col.chantiers": {"fr": "Chantiers", "en": "Workstreams"},
    "report.col.score": {"fr": "Faisabilité /100", "en": "Feasibility /100"},
    "report.col.potential": {"fr": "Potentiel /100", "en": "Potential /100"},
    "report.col.pilotes": {"fr": "Pilote(s)", "en": "Lead(s)"},
    "report.col.operateurs": {"fr": "Qui fait", "en": "Who does it"},
    "report.col.associes": {"fr": "Associés", "en": "Involved"},
    "report.col.freins": {"fr": "Freins", "en": "Barriers"},
    "report.col.enjeux": {"fr": "Enjeux", "en": "Issues"},
    "report.col.enjeu": {"fr": "Enjeu", "en": "Issue"},
    "report.col.findings": {"fr": "Constats", "en": "Findings"},
    "report.col.category": {"fr": "Catégorie", "en": "Category"},
    "report.col.state": {"fr": "État", "en": "State"},
    "report.col.operational": {"fr": "Opérationnel", "en": "Operational"},
    "report.col.to_activate": {"fr": "Connu, à activer", "en": "Known, to activate"},
    "report.col.resource": {"fr": "Ressource ou acteur", "en": "Resource or actor"},
    "report.col.providers": {"fr": "Apporté par", "en": "Provided by"},
    "report.col.contacts": {"fr": "Contacts (courriel, téléphone)", "en": "Contacts (e-mail, phone)"},
    "report.col.closes_gap": {"fr": "Comble un manque", "en": "Fills a gap"},
    "report.col.gaps_closed": {"fr": "Manques comblés", "en": "Gaps filled"},
    "report.col.reason": {"fr": "Raison", "en": "Reason"},
    "report.col.sentence": {"fr": "En clair", "en": "In plain words"},
    "report.col.actor": {"fr": "Acteur", "en": "Actor"},
    "report.col.degree": {"fr": "Liens", "en": "Links"},
    "report.col.betweenness": {"fr": "Intermédiarité", "en": "Betweenness"},
    "report.col.potential_degree": {"fr": "Liens potentiels", "en": "Potential links"},
    "report.col.potential_betweenness": {"fr": "Intermédiarité potentielle", "en": "Potential betweenness"},
    "report.col.broker": {"fr": "Passeur", "en": "Broker"},
    "report.col.connects": {"fr": "Relie les chantiers", "en": "Connects the workstreams"},
    "report.col.dependencies": {"fr": "Points de fragilité", "en": "Single points of failure"},
    "report.col.impact": {"fr": "Impact", "en": "Impact"},
    "report.col.maitrise": {"fr": "Maîtrise", "en": "Control"},
    "report.col.quadrant": {"fr": "Quadrant", "en": "Quadrant"},
    "chart.matrix.title": {"fr": "Matrice prospective : enjeux par impact et maîtrise", "en": "Prospective matrix: issues by impact and control"},
    "chart.matrix.impact": {"fr": "Impact", "en": "Impact"},
    "chart.matrix.maitrise": {"fr": "Maîtrise", "en": "Control"},
    "chart.matrix.unrated": {"fr": "{count} enjeu(x) non évalué(s), absent(s) de la grille", "en": "{count} issue(s) not rated, not on the grid"},
    "chart.level.1": {"fr": "1 faible", "en": "1 low"},
    "chart.level.2": {"fr": "2 moyen", "en": "2 medium"},
    "chart.level.3": {"fr": "3 fort", "en": "3 high"},
    "chart.level.4": {"fr": "4 très fort", "en": "4 very high"},
    "chart.more": {"fr": "+ {count} autre(s)", "en": "+ {count} more"},
    "chart.pilote": {"fr": "Pilote", "en": "Lead"},
    "chart.fait": {"fr": "Qui fait", "en": "Who does it"},
    "chart.state.operational": {"fr": "opérationnel", "en": "operational"},
    "chart.state.to_activate": {"fr": "connu, à activer", "en": "known, to activate"},
    "chart.state.missing": {"fr": "manquant", "en": "missing"},
    "chart.state.nobody": {"fr": "personne", "en": "nobody"},
    "chart.feasibility.count": {"fr": "Nombre de ressources et d'acteurs reliés", "en": "Number of linked resources and actors"},
    "chart.score": {"fr": "Faisabilité", "en": "Feasibility"},
    "chart.score.axis": {"fr": "Score de faisabilité (sur 100)", "en": "Feasibility score (out of 100)"},
    "chart.score.now": {"fr": "aujourd'hui", "en": "today"},
    "chart.score.potential": {"fr": "si les ressources connues étaient activées", "en": "if the known resources were activated"},
    "chart.scores.title": {"fr": "Faisabilité des chantiers : aujourd'hui et potentielle", "en": "Feasibility of the workstreams: today and potential"},
    # --- vocabulary -------------------------------------------------------------------------
    "kind.Actor": {"fr": "acteurs", "en": "actors"},
    "kind.Resource": {"fr": "ressources", "en": "resources"},
    "kind.Chantier": {"fr": "chantiers", "en": "chantiers"},
    "kind.Enjeu": {"fr": "enjeux", "en": "enjeux"},
    "link.OPERATIONAL": {"fr": "opérationnels (trait plein)", "en": "operational (solid line)"},
    "link.KNOWN_UNLINKED": {"fr": "connus non reliés (pointillé)", "en": "known, not linked (dotted)"},
    "link.ABSENT": {"fr": "absents (pas de lien)", "en": "absent (no link)"},
    "link.ANSWERS": {"fr": "chantier → enjeu", "en": "chantier → enjeu"},
    "link.PROVIDES": {"fr": "acteur → ressource apportée", "en": "actor → resource provided"},
    "link.PILOTS": {"fr": "gouvernance : pilote", "en": "governance: pilots"},
    "link.OPERATES": {"fr": "gouvernance : fait", "en": "governance: does the work"},
    "link.ASSOCIATED_WITH": {"fr": "gouvernance : associé", "en": "governance: associated"},
    "category.partenaire": {"fr": "partenaire", "en": "partner"},
    "category.intervenant": {"fr": "intervenant", "en": "practitioner"},
    "category.materiel": {"fr": "matériel", "en": "equipment"},
    "category.financement": {"fr": "financement", "en": "funding"},
    "category.lieu": {"fr": "lieu", "en": "venue"},
    "category.autre": {"fr": "autre", "en": "other"},
}
