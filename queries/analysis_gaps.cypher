// Facts of the feasibility analysis (ecosystem/analysis/feasibility.py turns them into scores).
// In Neo4j Browser:  :param territory => 'cc du pays de saint aulaye'   :param without => []
// $without: uids of actors to treat as gone (--without); resources only they provide go too.

// name: analysis_gaps_chantiers
// Each chantier with its governance, freins and the enjeux it answers.
MATCH (t:Territory {key: $territory})<-[:BELONGS_TO]-(c:Chantier)
RETURN c.uid AS uid, c.code AS code, c.name AS name, coalesce(c.freins, []) AS freins,
       c.strategic AS strategic, c.feasible AS feasible,
       [(t)<-[:BELONGS_TO]-(a:Actor)-[:PILOTS]->(c) WHERE NOT a.uid IN $without | a.name] AS pilotes,
       [(t)<-[:BELONGS_TO]-(a:Actor)-[:OPERATES]->(c) WHERE NOT a.uid IN $without | a.name] AS operateurs,
       [(t)<-[:BELONGS_TO]-(a:Actor)-[:ASSOCIATED_WITH]->(c) WHERE NOT a.uid IN $without | a.name] AS associes,
       [(c)-[:ANSWERS]->(e:Enjeu)-[:BELONGS_TO]->(t) | e.name] AS enjeux;

// name: analysis_gaps_links
// Each operational or known-unlinked resource or partner of each chantier, with its category.
MATCH (t:Territory {key: $territory})<-[:BELONGS_TO]-(c:Chantier)-[r:OPERATIONAL|KNOWN_UNLINKED]->(x:EcoNode)-[:BELONGS_TO]->(t)
WHERE NOT x.uid IN $without
  AND NOT (x:Resource
           AND size([(t)<-[:BELONGS_TO]-(p:Actor)-[:PROVIDES]->(x) | p]) > 0
           AND all(p IN [(t)<-[:BELONGS_TO]-(p:Actor)-[:PROVIDES]->(x) | p.uid] WHERE p IN $without))
RETURN c.uid AS chantier, x.name AS name,
       CASE WHEN x:Actor THEN 'partenaire' ELSE coalesce(x.category, 'autre') END AS category,
       type(r) AS status;

// name: analysis_enjeux
// Each enjeu with its workshop levels and the chantiers that answer it (also the matrix's facts).
MATCH (t:Territory {key: $territory})<-[:BELONGS_TO]-(e:Enjeu)
RETURN e.uid AS uid, e.code AS code, e.name AS name, e.impact AS impact, e.maitrise AS maitrise,
       [(t)<-[:BELONGS_TO]-(c:Chantier)-[:ANSWERS]->(e) | c.name] AS chantiers;
