"""The domain model: identities, external ids, levels, categories and allowed links."""

from __future__ import annotations

import pytest

from ecosystem import Batch, Link, LinkType, ResourceCategory, actor, chantier, enjeu, normalize_name, resource
from ecosystem.errors import ValidationError
from ecosystem.model import GovernanceRole, parse_external_id, parse_level

T = "Grand Périgueux"


@pytest.mark.parametrize(
    "spelling",
    ["Centre social", "centre  social ", "Centre Social", "CENTRE SOCIAL", "Centre-social", "Centre social.", "Céntre social"],
)
def test_spellings_of_one_name_share_one_key(spelling):
    assert normalize_name(spelling) == "centre social"


def test_typographic_and_straight_apostrophes_are_the_same():
    assert normalize_name("Maison de l’Emploi") == normalize_name("Maison de l'Emploi")


def test_a_chantier_is_identified_by_its_code_when_it_has_one():
    a = chantier("Développer des actions jeunes", T, code="1.b")
    b = chantier("Actions à destination des jeunes (3 à 14 ans)", T, code="1.B")
    assert a.uid == b.uid == "chantier:grand perigueux:1 b"


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("53469010100033", "siret:53469010100033"),
        ("534 690 101 00033", "siret:53469010100033"),
        ("SIRET:53469010100033", "siret:53469010100033"),
        ("534690102", "siren:534690102"),
        ("w751234567", "rna:W751234567"),
        ("lieu:abc-123", "lieu:abc-123"),
        ("35600000000048", "siret:35600000000048"),  # La Poste: outside the Luhn rule
    ],
)
def test_external_ids_are_recognised_and_canonical(typed, canonical):
    assert parse_external_id(typed) == canonical


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("00000000000000", "remplissage"),
        ("11111111111111", "remplissage"),
        ("53469010100039", "Luhn"),
        ("1234", "format"),
        ("tva:FR123", "préfixe"),
    ],
)
def test_bad_external_ids_are_refused_with_the_reason(typed, reason):
    with pytest.raises(ValidationError, match=reason) as error:
        parse_external_id(typed)
    assert typed in str(error.value)


@pytest.mark.parametrize(
    ("typed", "level"),
    [(1, 1), ("4", 4), ("3,0", 3), (2.0, 2), ("faible", 1), ("Moyen", 2), ("FORT", 3), ("très fort", 4), ("Très forte", 4), ("", None), (None, None)],
)
def test_workshop_levels_read_as_numbers_or_words(typed, level):
    assert parse_level(typed, "impact") == level


@pytest.mark.parametrize("typed", [0, 5, "énorme", 2.5, True])
def test_bad_levels_name_the_accepted_scale(typed):
    with pytest.raises(ValidationError, match="1 à 4"):
        enjeu("Accès aux droits", T, impact=typed)


@pytest.mark.parametrize(
    ("typed", "category"),
    [("Matériel", "materiel"), ("Financements", "financement"), ("funding", "financement"), ("Partenaires", "partenaire"), ("intervenants", "intervenant")],
)
def test_categories_read_as_people_type_them(typed, category):
    assert ResourceCategory.parse(typed) == category


def test_an_unknown_category_lists_the_accepted_ones():
    with pytest.raises(ValidationError) as error:
        resource("Camion", T, "véhicule")
    assert "véhicule" in str(error.value) and "financement" in str(error.value)


def test_links_join_only_the_kinds_the_method_allows():
    c = chantier("Jeunes", T)
    e = enjeu("Attractivité", T)
    with pytest.raises(ValidationError, match="ANSWERS"):
        Link(LinkType.ANSWERS, e, c)
    with pytest.raises(ValidationError):
        Link(LinkType.OPERATIONAL, c, e)
    assert Link(GovernanceRole.FAIT.link_type, actor("Communes", T), c).type == LinkType.OPERATES


def test_empty_names_and_territories_are_refused():
    with pytest.raises(ValidationError, match="Nom vide"):
        actor("  ", T)
    with pytest.raises(ValidationError, match="Territoire manquant"):
        actor("CAF", " ")


def test_properties_must_be_storable_in_both_stores():
    with pytest.raises(ValidationError, match="contact"):
        actor("CAF", T, contact={"email": "x"})
    with pytest.raises(ValidationError):
        actor("CAF", T, tags=["a", 1])
    assert actor("CAF", T, tags=("a", "b"), note=None).properties == {"tags": ["a", "b"]}


def test_a_batch_holds_each_node_and_link_slot_once():
    c = chantier("Jeunes", T, code="1.b")
    caf = actor("CAF", T)
    batch = Batch([Link(LinkType.KNOWN_UNLINKED, c, caf), Link(LinkType.OPERATIONAL, c, caf), actor("caf", T, email="x@y")])
    assert len(batch.node_rows()) == 2
    (link,) = batch.link_rows()
    assert link["type"] == "OPERATIONAL"
    caf_row = next(r for r in batch.node_rows() if r["kind"] == "Actor")
    assert caf_row["props"]["email"] == "x@y"
