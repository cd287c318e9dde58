"""The method's own example, as data: what ``ecosystem demo`` loads.

Source: the webinar "Co-construire une feuille de route territoriale d'inclusion numérique"
(PQN-A / Hubikoop, 14 November 2023): enjeu n°1 with its step-4 chantier row, and the resource
cartography of "Chantier 1.b — Développer des actions à destination des jeunes (3 à 14 ans)".

The webinar gives the words, not the statuses: the solid / dotted / absent statuses, the
governance roles, the chantier codes "1.a" and the impact / maîtrise levels below are
illustrative choices of ours, made so the example shows every case (operational links, known
links to activate, an explicit absence, a chantier with nobody who "fait").
"""

from __future__ import annotations

from .model import Batch, Link, LinkType, Node, actor, chantier, enjeu, resource

__all__ = ["DEMO_TERRITORY", "demo_batch"]

DEMO_TERRITORY = "Territoire exemple (méthode PQN-A / Hubikoop)"

OP, KU, AB = LinkType.OPERATIONAL, LinkType.KNOWN_UNLINKED, LinkType.ABSENT


def demo_batch(territory: str = DEMO_TERRITORY) -> Batch:
    """The seed example as one batch of nodes and links."""
    t = territory
    e1 = enjeu(
        "Comment renforcer l'attractivité du territoire grâce au numérique ?", t, code="1", impact=4, maitrise=2
    )
    c1a = chantier(
        "Faciliter l'accès aux services numériques, faciliter les déplacements pour avoir accès aux "
        "services centralisés",
        t,
        code="1.a",
        objectives=[
            "Si les services sont utilisés et les structures sont développées.",
            "Si on a une accessibilité au lieu de problèmes de mobilité.",
        ],
        actions=[
            "Mettre en place une meilleure communication sur les services",
            "Itinérance des services",
            "Réseau de transport autonome et connecté",
        ],
        freins=[
            "Couverture numérique (zones blanches)",
            "Formation du personnel",
            "Manque de lieux pour accueillir les publics",
            "Perçu comme une contrainte pour les communes",
        ],
    )
    c1b = chantier("Développer des actions à destination des jeunes (3 à 14 ans)", t, code="1.b", publics=["Jeunes"])

    cc = actor("Communauté de communes", t)
    region = actor("Région Nouvelle-Aquitaine", t)
    centre_social = actor("Centres sociaux / Espaces de vie sociale", t)
    france_services = actor("France Services", t)
    benevoles = actor("Bénévoles et associations locales", t)
    cnfs = actor("Réseau local CnFS", t)
    communes = actor("Communes (périscolaire, ALSH)", t)
    tiers_lieux = actor("Réseau local tiers-lieux", t)
    grand_perigueux = actor("Grand Périgueux", t)
    caf = actor("CAF", t)

    materiel_reconditionne = resource("Matériels reconditionnés", t, "materiel")
    robotique = resource("Robotique, informatique, outils numériques (fixes ou itinérants)", t, "materiel")
    animateurs_alsh = resource("Animateurs ALSH formés et/ou en formation", t, "intervenant")
    conseillers = resource("Conseillers numériques", t, "intervenant")
    bus = resource("Animateurs Bus numérique Grand Périgueux", t, "intervenant")
    fablab = resource("Fab Lab du territoire / tiers-lieux", t, "intervenant")
    financement_caf = resource("Partenaires sociaux (CAF…)", t, "financement")
    contribution = resource(
        "Contribution en compétences et/ou en matériel (conseillers numériques, bénévoles experts, robots…)",
        t,
        "financement",
    )

    links: list[Node | Link] = [
        Link(LinkType.ANSWERS, c1a, e1),
        Link(LinkType.ANSWERS, c1b, e1),
        # Chantier 1.a: the step-4 row. Governance lists two actors; resources have no status
        # in the table, so they are "known, not linked yet".
        Link(LinkType.PILOTS, cc, c1a),
        Link(LinkType.ASSOCIATED_WITH, region, c1a),
        Link(KU, c1a, centre_social),
        Link(KU, c1a, france_services),
        Link(KU, c1a, benevoles),
        Link(KU, c1a, materiel_reconditionne),
        # Chantier 1.b: the cartography.
        Link(LinkType.PILOTS, cc, c1b),
        Link(OP, c1b, centre_social),
        Link(OP, c1b, cnfs),
        Link(OP, c1b, communes),
        Link(KU, c1b, tiers_lieux),
        Link(KU, c1b, robotique),
        Link(OP, c1b, animateurs_alsh),
        Link(OP, c1b, conseillers),
        Link(KU, c1b, bus),
        Link(KU, c1b, fablab),
        Link(KU, c1b, financement_caf, {"note": "La CAF est connue mais pas encore reliée"}),
        Link(AB, c1b, contribution),
        # Who provides what.
        Link(LinkType.PROVIDES, communes, animateurs_alsh),
        Link(LinkType.PROVIDES, cnfs, conseillers),
        Link(LinkType.PROVIDES, grand_perigueux, bus),
        Link(LinkType.PROVIDES, tiers_lieux, fablab),
        Link(LinkType.PROVIDES, caf, financement_caf),
    ]
    return Batch(links)
