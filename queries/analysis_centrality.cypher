// Facts of the central-actors analysis (ecosystem/analysis/centrality.py turns them into degrees,
// betweenness, brokers and single points of failure; betweenness itself is computed in Python).
// In Neo4j Browser:  :param territory => 'cc du pays de saint aulaye'   :param without => []
// $without: uids of actors to treat as gone (--without); resources only they provide go too.
// Relationship types are always spelled out (see tests/test_neo4j_plans.py).

// name: analysis_centrality_nodes
// Every node still present: actors not in $without, resources that still have a provider (or
// never had one), all chantiers and enjeux.
MATCH (t:Territory {key: $territory})<-[:BELONGS_TO]-(n:EcoNode)
WHERE NOT n.uid IN $without
  AND NOT (n:Resource
           AND size([(t)<-[:BELONGS_TO]-(p:Actor)-[:PROVIDES]->(n) | p]) > 0
           AND all(p IN [(t)<-[:BELONGS_TO]-(p:Actor)-[:PROVIDES]->(n) | p.uid] WHERE p IN $without))
RETURN n.uid AS uid, n.kind AS kind, n.name AS name, n.code AS code;

// name: analysis_centrality_links
// The edges of the potential graph; `operational` says which are also in the operational graph.
// Chantier -> resource/partner (OPERATIONAL: operational; KNOWN_UNLINKED: potential only; ABSENT
// never counts), chantier -> enjeu (ANSWERS), actor -> chantier (PILOTS, OPERATES,
// ASSOCIATED_WITH), and actor -> resource (PROVIDES) when a chantier of the territory uses the
// resource: operational if one uses it through an OPERATIONAL link, potential if only through
// KNOWN_UNLINKED links.
MATCH (t:Territory {key: $territory})<-[:BELONGS_TO]-(c:Chantier)-[r:OPERATIONAL|KNOWN_UNLINKED]->(x:EcoNode)-[:BELONGS_TO]->(t)
WHERE NOT x.uid IN $without
  AND NOT (x:Resource
           AND size([(t)<-[:BELONGS_TO]-(p:Actor)-[:PROVIDES]->(x) | p]) > 0
           AND all(p IN [(t)<-[:BELONGS_TO]-(p:Actor)-[:PROVIDES]->(x) | p.uid] WHERE p IN $without))
RETURN c.uid AS source, x.uid AS target, type(r) = 'OPERATIONAL' AS operational
UNION ALL
MATCH (t:Territory {key: $territory})<-[:BELONGS_TO]-(c:Chantier)-[:ANSWERS]->(e:Enjeu)-[:BELONGS_TO]->(t)
RETURN c.uid AS source, e.uid AS target, true AS operational
UNION ALL
MATCH (t:Territory {key: $territory})<-[:BELONGS_TO]-(a:Actor)-[:PILOTS|OPERATES|ASSOCIATED_WITH]->(c:Chantier)-[:BELONGS_TO]->(t)
WHERE NOT a.uid IN $without
RETURN a.uid AS source, c.uid AS target, true AS operational
UNION ALL
MATCH (t:Territory {key: $territory})<-[:BELONGS_TO]-(a:Actor)-[:PROVIDES]->(x:Resource)-[:BELONGS_TO]->(t)
WHERE NOT a.uid IN $without
WITH t, a, x,
     size([(t)<-[:BELONGS_TO]-(c:Chantier)-[:OPERATIONAL]->(x) | c]) AS operational_uses,
     size([(t)<-[:BELONGS_TO]-(c:Chantier)-[:KNOWN_UNLINKED]->(x) | c]) AS known_uses
WHERE operational_uses + known_uses > 0
RETURN a.uid AS source, x.uid AS target, operational_uses > 0 AS operational;

// name: analysis_centrality_dependencies
// Single points of failure: (actor, chantier, category) when every OPERATIONAL link of the
// chantier in that scored category is the actor itself (as a partenaire) or a resource that this
// actor alone provides.
MATCH (t:Territory {key: $territory})<-[:BELONGS_TO]-(c:Chantier)-[:OPERATIONAL]->(x:EcoNode)-[:BELONGS_TO]->(t)
WHERE NOT x.uid IN $without
WITH t, c, x,
     CASE WHEN x:Actor THEN 'partenaire' ELSE coalesce(x.category, 'autre') END AS category,
     CASE WHEN x:Actor THEN [x.uid]
          ELSE [(t)<-[:BELONGS_TO]-(p:Actor)-[:PROVIDES]->(x) WHERE NOT p.uid IN $without | p.uid] END AS providers,
     size([(t)<-[:BELONGS_TO]-(p:Actor)-[:PROVIDES]->(x) | p]) AS all_providers
// a resource whose every provider is gone is gone too
WHERE category IN ['partenaire', 'intervenant', 'materiel', 'financement']
  AND NOT (x:Resource AND all_providers > 0 AND size(providers) = 0)
WITH c, category, collect(providers) AS provider_lists
WITH c, category, provider_lists, provider_lists[0] AS first
WHERE size(first) = 1 AND all(p IN provider_lists WHERE p = first)
RETURN first[0] AS actor, c.uid AS chantier, category;
