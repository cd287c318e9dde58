// Missing links (ecosystem/analysis/links.py): the Cypher twins of activations() and
// suggestions(). Each query runs as it is in Neo4j Browser after
//   :param territory => 'cc du pays de saint aulaye'
//   :param without => []            (uids of actors to leave out, as with --without)
// An actor in $without is gone, and so is a resource that only such actors provide (a resource
// nobody provides stays): each query lists them once (gone) and then filters on that list. Every
// node a query reads belongs to the territory, as in the graph the embedded store reads back. An
// actor counts as a "partenaire"; the four scored categories are partenaire, intervenant,
// materiel and financement.
//
// Each query starts from the territory and walks each of its links a bounded number of times:
// no subquery runs per (chantier, target) pair, and a chantier's covered categories are gathered
// once per chantier. Rows come in no particular order (Python sorts the results): an ORDER BY on
// a uid lets the planner read the whole uid index of the store, every territory, to get it.

// name: analysis_links_activations
// Each resource or actor a chantier knows but has not linked yet (KNOWN_UNLINKED, dotted line),
// with, per chantier, whether activating it would be the first OPERATIONAL link of its category
// there (closes_gap: the category is scored and not among the chantier's covered ones), the
// actors who provide it and its own contact details. The ranking (gaps closed, then chantiers,
// then name) is done in Python.
MATCH (territory:Territory {key: $territory})
WITH territory, [(territory)<-[:BELONGS_TO]-(a:Actor) WHERE a.uid IN $without | a] AS gone_actors
WITH territory, gone_actors + COLLECT {
       UNWIND gone_actors AS a
       MATCH (a)-[:PROVIDES]->(r:Resource)-[:BELONGS_TO]->(territory)
       WHERE all(p IN [(r)<-[:PROVIDES]-(p:Actor)-[:BELONGS_TO]->(territory) | p] WHERE p IN gone_actors)
       RETURN DISTINCT r
     } AS gone
MATCH (territory)<-[:BELONGS_TO]-(c:Chantier)
WITH territory, gone, c,
     [(c)-[:OPERATIONAL]->(o:EcoNode)-[:BELONGS_TO]->(territory) WHERE NOT o IN gone
        | CASE WHEN o:Actor THEN 'partenaire' ELSE coalesce(o.category, 'autre') END] AS covered
MATCH (c)-[:KNOWN_UNLINKED]->(x:EcoNode)-[:BELONGS_TO]->(territory)
WHERE NOT x IN gone
WITH territory, gone, c, covered, x,
     CASE WHEN x:Actor THEN 'partenaire' ELSE coalesce(x.category, 'autre') END AS category
WITH territory, gone, x, category,
     collect({uid: c.uid, code: c.code, name: c.name,
              closes_gap: category IN ['partenaire', 'intervenant', 'materiel', 'financement']
                          AND NOT category IN covered}) AS chantiers
RETURN x.uid AS uid, x.name AS name, x.kind AS kind, category, chantiers,
       [(x)<-[:PROVIDES]-(p:Actor)-[:BELONGS_TO]->(territory) WHERE NOT p IN gone |
          {uid: p.uid, name: p.name, email: p.email, courriels: p.courriels, telephone: p.telephone, phone: p.phone}] AS providers,
       {email: x.email, courriels: x.courriels, telephone: x.telephone, phone: x.phone} AS contact;

// name: analysis_links_operational_elsewhere
// Reasons "same_enjeu" and "territory", target side: each resource or actor OPERATIONAL on a
// chantier of the territory (operational_on), and the chantiers it is already tied to (linked: an
// OPERATIONAL / KNOWN_UNLINKED / ABSENT link, or it pilots, does or joins the chantier), which
// are never suggested. Python pairs each target with every other chantier of the territory
// (analysis_links_chantiers) and scores the pair: one row per target here, not per pair, as the
// pairs are chantiers × targets.
MATCH (territory:Territory {key: $territory})
WITH territory, [(territory)<-[:BELONGS_TO]-(a:Actor) WHERE a.uid IN $without | a] AS gone_actors
WITH territory, gone_actors + COLLECT {
       UNWIND gone_actors AS a
       MATCH (a)-[:PROVIDES]->(r:Resource)-[:BELONGS_TO]->(territory)
       WHERE all(p IN [(r)<-[:PROVIDES]-(p:Actor)-[:BELONGS_TO]->(territory) | p] WHERE p IN gone_actors)
       RETURN DISTINCT r
     } AS gone
MATCH (territory)<-[:BELONGS_TO]-(other:Chantier)-[:OPERATIONAL]->(x:EcoNode)-[:BELONGS_TO]->(territory)
WHERE NOT x IN gone
WITH territory, x, collect(other.uid) AS operational_on
RETURN x.uid AS uid, x.name AS name, x.kind AS kind,
       CASE WHEN x:Actor THEN 'partenaire' ELSE coalesce(x.category, 'autre') END AS category,
       operational_on,
       [(x)<-[:OPERATIONAL|KNOWN_UNLINKED|ABSENT]-(c:Chantier)-[:BELONGS_TO]->(territory) | c.uid]
       + [(x)-[:PILOTS|OPERATES|ASSOCIATED_WITH]->(c:Chantier)-[:BELONGS_TO]->(territory) | c.uid] AS linked;

// name: analysis_links_chantiers
// Every chantier of the territory: its words for reason "services_publics" (title, objectives,
// actions, publics; the matching itself runs in Python, ecosystem/analysis/links.py, THEMES),
// the categories it already has an OPERATIONAL link in (covered) and the enjeux it answers.
MATCH (territory:Territory {key: $territory})
WITH territory, [(territory)<-[:BELONGS_TO]-(a:Actor) WHERE a.uid IN $without | a] AS gone_actors
WITH territory, gone_actors + COLLECT {
       UNWIND gone_actors AS a
       MATCH (a)-[:PROVIDES]->(r:Resource)-[:BELONGS_TO]->(territory)
       WHERE all(p IN [(r)<-[:PROVIDES]-(p:Actor)-[:BELONGS_TO]->(territory) | p] WHERE p IN gone_actors)
       RETURN DISTINCT r
     } AS gone
MATCH (territory)<-[:BELONGS_TO]-(c:Chantier)
RETURN c.uid AS uid, c.code AS code, c.name AS name, c.title AS title,
       c.objectives AS objectives, c.actions AS actions, c.publics AS publics,
       [(c)-[:OPERATIONAL]->(o:EcoNode)-[:BELONGS_TO]->(territory) WHERE NOT o IN gone
          | CASE WHEN o:Actor THEN 'partenaire' ELSE coalesce(o.category, 'autre') END] AS covered,
       [(c)-[:ANSWERS]->(e:Enjeu)-[:BELONGS_TO]->(territory) | {uid: e.uid, name: e.name}] AS enjeux;

// name: analysis_links_profiled_actors
// Reason "services_publics", actor side: actors with services or publics (open data of lieux de
// médiation numérique), and the chantiers each is already tied to (a link in any status, or
// governance), which are never suggested.
MATCH (territory:Territory {key: $territory})<-[:BELONGS_TO]-(a:Actor)
WHERE NOT a.uid IN $without AND (a.services IS NOT NULL OR a.publics IS NOT NULL)
RETURN a.uid AS uid, a.name AS name, a.services AS services, a.publics AS publics,
       [(a)<-[:OPERATIONAL|KNOWN_UNLINKED|ABSENT]-(c:Chantier)-[:BELONGS_TO]->(territory) | c.uid]
       + [(a)-[:PILOTS|OPERATES|ASSOCIATED_WITH]->(c:Chantier)-[:BELONGS_TO]->(territory) | c.uid] AS linked;
