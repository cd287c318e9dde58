"""A seeded, reproducible generator of realistic territories for the benchmarks.

A territory is a set of *cells* (one cell ≈ one EPCI, ~300 nodes) grouped in départements
(10 cells) and regions (~8 départements). Each cell has its enjeux, chantiers, small actors (lieux
de médiation numérique, centres sociaux, mairies, associations…) and their resources. Chantiers
link mostly (≈85 %) to their own cell; the rest goes to the hubs of their département (CAF,
Département, France Services…), region (Région, préfecture) or the nation (ANCT, Banque des
Territoires) — which gives the degree distribution of real maps: a few hubs linked to a large
share of chantiers, many lieux with one or two links.

Sizes (``SCALES``): epci ≈ 300 nodes, departement ≈ 3,000, region ≈ 25,000, nation ≈ 250,000
nodes and ≈ 1,000,000 links (≈ 4 links per node at every scale).

``python bench/generate.py region`` prints the counts; ``generate(scale, seed)`` returns a
:class:`~ecosystem.model.Batch`. Same scale and seed ⇒ same batch, row for row.
"""

from __future__ import annotations

import random
import sys
import zlib
from collections import Counter
from dataclasses import dataclass

from ecosystem.model import Batch, Link, LinkType, Node, actor, chantier, enjeu, resource

CELL_NODES = 300  # one EPCI
CELLS_PER_DEPARTEMENT = 10
DEPARTEMENTS_PER_REGION = 8

#: scale -> number of cells (≈ nodes / 300)
SCALES: dict[str, int] = {"epci": 1, "departement": 10, "region": 83, "nation": 830}

STATUS_MIX = ((LinkType.OPERATIONAL, 0.50), (LinkType.KNOWN_UNLINKED, 0.35), (LinkType.ABSENT, 0.15))
CATEGORY_MIX = (("intervenant", 0.30), ("materiel", 0.22), ("financement", 0.15), ("lieu", 0.23), ("autre", 0.10))
ACTOR_TYPES = (
    ("Lieu de médiation numérique", 0.40), ("Centre social", 0.10), ("Médiathèque", 0.12),
    ("Mairie", 0.15), ("Association", 0.15), ("CCAS", 0.08),
)
SERVICES = (
    "Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien",
    "Accès internet et matériel informatique", "Insertion professionnelle via le numérique",
    "Loisirs et créations numériques", "Utilisation sécurisée du numérique",
    "Parentalité et éducation avec le numérique", "Compréhension du monde numérique",
)
PUBLICS = ("Jeunes", "Seniors", "Familles et/ou enfants", "Étudiants", "Femmes")
CHANTIER_TOPICS = (
    "Ateliers numériques pour les seniors", "Accompagner les jeunes (3 à 14 ans) en ALSH",
    "Aide aux démarches en ligne", "Équiper les familles en matériel reconditionné",
    "Insertion professionnelle et emploi", "Sécurité numérique et arnaques",
    "Fablab et création numérique", "Former les aidants numériques", "Parentalité et écrans",
    "Réseau des conseillers numériques",
)
ENJEU_TOPICS = (
    "Accès aux droits", "Jeunesse et éducation", "Autonomie des seniors", "Équipement et connexion",
    "Emploi et insertion", "Coordination des acteurs",
)
SYLLABLES = ("Saint", "Mont", "Val", "Ville", "Bourg", "Roche", "Font", "Pré", "Lac", "Bois", "Champ", "Beau")
RIVERS = ("Dronne", "Isle", "Loire", "Vienne", "Dordogne", "Garonne", "Lot", "Tarn")


@dataclass
class Generated:
    batch: Batch
    scale: str
    seed: int
    territory: str
    nodes: int
    links: int
    kinds: Counter
    link_types: Counter


def _pick(rng: random.Random, mix: tuple[tuple[object, float], ...]) -> object:
    x = rng.random()
    for value, share in mix:
        x -= share
        if x < 0:
            return value
    return mix[-1][0]


def _commune(rng: random.Random, cell: int, i: int) -> str:
    base = f"{rng.choice(SYLLABLES)}-{rng.choice(SYLLABLES).lower()}"
    if rng.random() < 0.3:
        base += f"-sur-{rng.choice(RIVERS)}"
    return f"{base} {cell + 1}.{i + 1}"  # suffix: unique names across cells


def generate(scale: str = "epci", seed: int = 42, *, cells: int | None = None) -> Generated:
    """Build the batch of one territory of ``scale`` (or ``cells`` EPCIs), reproducibly."""
    n_cells = cells if cells is not None else SCALES[scale]
    rng = random.Random(f"{seed}:{n_cells}")
    territory = f"Bench {scale} {seed}"
    links: list[Link] = []
    all_nodes: list[Node] = []
    n_dep = max(1, -(-n_cells // CELLS_PER_DEPARTEMENT))
    n_reg = max(1, -(-n_dep // DEPARTEMENTS_PER_REGION))

    # Hubs: national, regional, departmental. Each provides a funding and a few resources.
    def hub(name: str, typologie: str, weight: float) -> tuple[Node, list[Node], float]:
        a = actor(name, territory, typologie=typologie, courriels=[f"contact@{zlib.crc32(name.encode()) % 10**6}.fr"])
        res = [
            resource(f"{kind} — {name}", territory, cat)
            for kind, cat in (("Financement", "financement"), ("Conseillers", "intervenant"), ("Appel à projets", "financement"))
        ]
        for r in res:
            links.append(Link(LinkType.PROVIDES, a, r))
        return a, res, weight

    national = [hub("ANCT", "Etat", 1.0), hub("Banque des Territoires", "Etablissement public", 1.0)]
    regional = [
        [hub(f"Région {r + 1}", "Région", 1.0), hub(f"Préfecture de région {r + 1}", "Etat", 0.5)] for r in range(n_reg)
    ]
    departmental = [
        [
            hub(f"CAF du département {d + 1}", "CAF", 3.0),
            hub(f"Conseil départemental {d + 1}", "Département", 3.0),
            hub(f"France Services {d + 1}", "France Services", 1.5),
            hub(f"Hub numérique {d + 1}", "Hub", 1.0),
        ]
        for d in range(n_dep)
    ]

    per_cell = CELL_NODES - (len(national) * 4 + 8 * n_reg + 16 * n_dep) // n_cells
    for cell in range(n_cells):
        dep = cell // CELLS_PER_DEPARTEMENT
        reg = dep // DEPARTEMENTS_PER_REGION
        communes = [_commune(rng, cell, i) for i in range(12)]
        n_enjeux = 5
        n_chantiers = max(4, per_cell // 15)  # ≈ 20 per EPCI
        n_actors = int(per_cell * 0.45)
        n_resources = per_cell - n_enjeux - n_chantiers - n_actors
        enjeux = [
            enjeu(f"{ENJEU_TOPICS[e % len(ENJEU_TOPICS)]} (EPCI {cell + 1})", territory, code=f"{cell + 1}.{e + 1}",
                  impact=rng.randint(1, 4), maitrise=rng.randint(1, 4))
            for e in range(n_enjeux)
        ]
        actors: list[Node] = []
        for i in range(n_actors):
            typ = str(_pick(rng, ACTOR_TYPES))
            commune = rng.choice(communes)
            props = {"typologie": typ, "commune": commune}
            if typ == "Lieu de médiation numérique":
                props["services"] = rng.sample(SERVICES, rng.randint(1, 4))
                props["publics_specifiquement_adresses"] = rng.sample(PUBLICS, rng.randint(0, 2))
            if rng.random() < 0.4:
                props["courriels"] = [f"contact{cell}-{i}@exemple.fr"]
            actors.append(actor(f"{typ} {commune} n°{i + 1}", territory, **props))
        resources: list[Node] = []
        for i in range(n_resources):
            cat = str(_pick(rng, CATEGORY_MIX))
            r = resource(f"{cat.capitalize()} {i + 1} EPCI {cell + 1}", territory, cat)
            resources.append(r)
            links.append(Link(LinkType.PROVIDES, rng.choice(actors), r))
        # Local preferential weights: a Zipf-like law, so a few local actors are busy, most lieux not.
        local = actors + resources
        order = list(range(len(local)))
        rng.shuffle(order)
        weights = [0.0] * len(local)
        for rank, idx in enumerate(order):
            weights[idx] = 1.0 / (rank + 1) ** 0.7
        outside = national + regional[reg] + departmental[dep]
        outside_nodes = [n for a, res, w in outside for n in [a, *res]]
        outside_w = [w for a, res, w in outside for _ in range(4)]
        for c in range(n_chantiers):
            topic = CHANTIER_TOPICS[(cell + c) % len(CHANTIER_TOPICS)]
            ch = chantier(
                f"{topic} — EPCI {cell + 1}", territory, code=f"{cell + 1}.{c + 1}",
                objectives=[f"Toucher {rng.randint(50, 500)} personnes"], actions=["Ateliers", "Permanences"],
                freins=["Financement pérenne"] if rng.random() < 0.5 else [],
                strategic=rng.random() < 0.5, feasible=rng.random() < 0.5,
            )
            for e in rng.sample(enjeux, rng.choice((1, 1, 2))):
                links.append(Link(LinkType.ANSWERS, ch, e))
            gov = rng.sample(actors, 5)
            links.append(Link(LinkType.PILOTS, gov[0], ch))
            for a in gov[1:3]:
                links.append(Link(LinkType.OPERATES, a, ch))
            for a in gov[3:]:
                links.append(Link(LinkType.ASSOCIATED_WITH, a, ch))
            n_links = rng.randint(55, 90)
            targets: dict[str, Node] = {}
            for t in rng.choices(range(len(local)), weights=weights, k=int(n_links * 0.85)):
                targets[local[t].name] = local[t]
            for t in rng.choices(range(len(outside_nodes)), weights=outside_w, k=int(n_links * 0.15)):
                targets[outside_nodes[t].name] = outside_nodes[t]
            for _, t in sorted(targets.items()):
                links.append(Link(_pick(rng, STATUS_MIX), ch, t))  # type: ignore[arg-type]
        all_nodes.extend(actors + resources + enjeux)  # lieux without any link still belong

    batch = Batch()
    batch.add(*all_nodes)
    batch.add(*links)
    for group in (national, *regional, *departmental):
        for a, res, _ in group:
            batch.add(a, *res)
    nodes = batch.node_rows()
    link_rows = batch.link_rows()
    return Generated(
        batch, scale, seed, territory, len(nodes), len(link_rows),
        Counter(r["kind"] for r in nodes), Counter(r["type"] for r in link_rows),
    )


def main(argv: list[str]) -> None:
    import time

    scale = argv[0] if argv else "epci"
    seed = int(argv[1]) if len(argv) > 1 else 42
    start = time.perf_counter()
    g = generate(scale, seed)
    print(f"{scale} seed={seed}: {g.nodes:,} nodes, {g.links:,} links in {time.perf_counter() - start:.1f} s")
    print("  nodes:", dict(g.kinds))
    print("  links:", dict(g.link_types))


if __name__ == "__main__":
    main(sys.argv[1:])
