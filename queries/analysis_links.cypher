// Missing links (ecosystem/analysis/links.py): the Cypher twins of activations() and
// suggestions(). Each query runs as it is in Neo4j Browser after
//   :param territory => 'cc du pays de saint aulaye'
//   :param without => []            (uids of actors to leave out, as with --without)
// An actor in $without is gone, and so is a resource that only such actors provide (a resource
// nobody provides stays). Every node a query reads belongs to the territory, as in the graph the
// embedded store reads back. An actor counts as a "partenaire"; the four scored categories are
// partenaire, intervenant, materiel and financement.

// name: analysis_links_activations
// Each resource or actor a chantier knows but has not linked yet (KNOWN_UNLINKED, dotted line),
// with, per chantier, whether activating it would be the first OPERATIONAL link of its category
// there (closes_gap), the actors who provide it and its own contact details. The ranking (gaps
// closed, then chantiers, then name) is done in Python.
MATCH (territory:Territory {key: $territory})<-[:BELONGS_TO]-(c:Chantier)-[:KNOWN_UNLINKED]->(x:EcoNode)-[:BELONGS_TO]->(territory)
WHERE NOT x.uid IN $without
  AND NOT (x:Resource
           AND EXISTS { MATCH (x)<-[:PROVIDES]-(p:Actor)-[:BELONGS_TO]->(territory) }
           AND NOT EXISTS { MATCH (x)<-[:PROVIDES]-(p:Actor)-[:BELONGS_TO]->(territory) WHERE NOT p.uid IN $without })
WITH territory, c, x, CASE WHEN x:Actor THEN 'partenaire' ELSE coalesce(x.category, 'autre') END AS category
WITH territory, c, x, category,
     category IN ['partenaire', 'intervenant', 'materiel', 'financement']
     AND NOT EXISTS {
       MATCH (c)-[:OPERATIONAL]->(o:EcoNode)-[:BELONGS_TO]->(territory)
       WHERE CASE WHEN o:Actor THEN 'partenaire' ELSE coalesce(o.category, 'autre') END = category
         AND NOT o.uid IN $without
         AND NOT (o:Resource
                  AND EXISTS { MATCH (o)<-[:PROVIDES]-(p:Actor)-[:BELONGS_TO]->(territory) }
                  AND NOT EXISTS { MATCH (o)<-[:PROVIDES]-(p:Actor)-[:BELONGS_TO]->(territory) WHERE NOT p.uid IN $without })
     } AS closes_gap
WITH territory, x, category,
     collect({uid: c.uid, code: c.code, name: c.name, closes_gap: closes_gap}) AS chantiers
RETURN x.uid AS uid, x.name AS name, x.kind AS kind, category, chantiers,
       [(x)<-[:PROVIDES]-(p:Actor)-[:BELONGS_TO]->(territory) WHERE NOT p.uid IN $without |
          {uid: p.uid, name: p.name, email: p.email, courriels: p.courriels, telephone: p.telephone, phone: p.phone}] AS providers,
       {email: x.email, courriels: x.courriels, telephone: x.telephone, phone: x.phone} AS contact
ORDER BY uid;

// name: analysis_links_operational_elsewhere
// Reasons "same_enjeu" and "territory": each (chantier, target) pair with no link yet — no
// OPERATIONAL / KNOWN_UNLINKED / ABSENT link, and the target does not pilot, do or join the
// chantier — where the target is OPERATIONAL on other chantiers (via), with the enjeux each of
// those shares with the chantier, and whether the target would fill a gap of its category.
MATCH (territory:Territory {key: $territory})<-[:BELONGS_TO]-(other:Chantier)-[:OPERATIONAL]->(x:EcoNode)-[:BELONGS_TO]->(territory)
WHERE NOT x.uid IN $without
  AND NOT (x:Resource
           AND EXISTS { MATCH (x)<-[:PROVIDES]-(p:Actor)-[:BELONGS_TO]->(territory) }
           AND NOT EXISTS { MATCH (x)<-[:PROVIDES]-(p:Actor)-[:BELONGS_TO]->(territory) WHERE NOT p.uid IN $without })
WITH territory, x, collect(other) AS operational_on
UNWIND [(territory)<-[:BELONGS_TO]-(candidate:Chantier) | candidate] AS c
WITH territory, x, operational_on, c
WHERE NOT EXISTS { MATCH (c)-[:OPERATIONAL|KNOWN_UNLINKED|ABSENT]->(x) }
  AND NOT EXISTS { MATCH (x)-[:PILOTS|OPERATES|ASSOCIATED_WITH]->(c) }
UNWIND operational_on AS other
WITH territory, x, c, other WHERE other <> c
WITH territory, x, c, other,
     [(c)-[:ANSWERS]->(e:Enjeu)<-[:ANSWERS]-(other) WHERE (e)-[:BELONGS_TO]->(territory) | e.name] AS enjeux
WITH territory, x, c,
     collect({uid: other.uid, code: other.code, name: other.name, enjeux: enjeux}) AS via,
     CASE WHEN x:Actor THEN 'partenaire' ELSE coalesce(x.category, 'autre') END AS category
RETURN c.uid AS chantier_uid, c.code AS chantier_code, c.name AS chantier,
       x.uid AS target_uid, x.name AS target, x.kind AS target_kind, category,
       category IN ['partenaire', 'intervenant', 'materiel', 'financement']
       AND NOT EXISTS {
         MATCH (c)-[:OPERATIONAL]->(o:EcoNode)-[:BELONGS_TO]->(territory)
         WHERE CASE WHEN o:Actor THEN 'partenaire' ELSE coalesce(o.category, 'autre') END = category
           AND NOT o.uid IN $without
           AND NOT (o:Resource
                    AND EXISTS { MATCH (o)<-[:PROVIDES]-(p:Actor)-[:BELONGS_TO]->(territory) }
                    AND NOT EXISTS { MATCH (o)<-[:PROVIDES]-(p:Actor)-[:BELONGS_TO]->(territory) WHERE NOT p.uid IN $without })
       } AS fills_gap,
       via
ORDER BY chantier_uid, target_uid;

// name: analysis_links_chantier_texts
// Reason "services_publics", chantier side: each chantier's words (title, objectives, actions,
// publics) and the categories it already has an OPERATIONAL link in (covered). The word matching
// itself runs in Python (ecosystem/analysis/links.py, THEMES).
MATCH (territory:Territory {key: $territory})<-[:BELONGS_TO]-(c:Chantier)
RETURN c.uid AS uid, c.code AS code, c.name AS name, c.title AS title,
       c.objectives AS objectives, c.actions AS actions, c.publics AS publics,
       [(c)-[:OPERATIONAL]->(o:EcoNode)-[:BELONGS_TO]->(territory)
          WHERE NOT o.uid IN $without
            AND NOT (o:Resource
                     AND EXISTS { MATCH (o)<-[:PROVIDES]-(p:Actor)-[:BELONGS_TO]->(territory) }
                     AND NOT EXISTS { MATCH (o)<-[:PROVIDES]-(p:Actor)-[:BELONGS_TO]->(territory) WHERE NOT p.uid IN $without })
        | CASE WHEN o:Actor THEN 'partenaire' ELSE coalesce(o.category, 'autre') END] AS covered
ORDER BY uid;

// name: analysis_links_profiled_actors
// Reason "services_publics", actor side: actors with services or publics (open data of lieux de
// médiation numérique), and the chantiers each is already tied to (a link in any status, or
// governance), which are never suggested.
MATCH (territory:Territory {key: $territory})<-[:BELONGS_TO]-(a:Actor)
WHERE NOT a.uid IN $without AND (a.services IS NOT NULL OR a.publics IS NOT NULL)
RETURN a.uid AS uid, a.name AS name, a.services AS services, a.publics AS publics,
       [(a)<-[:OPERATIONAL|KNOWN_UNLINKED|ABSENT]-(c:Chantier)-[:BELONGS_TO]->(territory) | c.uid]
       + [(a)-[:PILOTS|OPERATES|ASSOCIATED_WITH]->(c:Chantier)-[:BELONGS_TO]->(territory) | c.uid] AS linked
ORDER BY uid;
