"""Messages shown to coordinators, in French (default) and English.

Everything a coordinator reads — CLI output, errors, later maps and reports — goes through
:func:`tr` with a message id from :data:`MESSAGES`. Code, identifiers and logs stay English.

The language is chosen once per process: ``set_language("en")``, the CLI's ``--lang`` option,
or the ``ECOSYSTEM_LANG`` environment variable.
"""

from __future__ import annotations

import os

__all__ = ["LANGUAGES", "MESSAGES", "get_language", "set_language", "tr"]

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
    "query_missing": {
        "fr": "Requête Cypher « {name} » introuvable (fichiers queries/*.cypher). Réinstallez le paquet.",
        "en": "Cypher query \"{name}\" not found (queries/*.cypher files). Reinstall the package.",
    },
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
