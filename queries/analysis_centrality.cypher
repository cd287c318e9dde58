// Facts of the central-actors analysis (ecosystem/analysis/centrality.py turns them into degrees,
// betweenness, brokers and single points of failure; all of that is computed in Python).
// In Neo4j Browser:  :param territory => 'cc du pays de saint aulaye'   :param without => []
// $without: uids of actors to treat as gone (--without); resources only they provide go too.
// Relationship types are always spelled out (see tests/test_neo4j_plans.py).
// Both queries return lists rather than one row per node or link: at region scale (25,000
// nodes, 95,000 links) the driver spends far more on 100,000 small records than the server does
// finding them.

// name: analysis_centrality_nodes
// Every node still present, one row per kind with [uid, name, code, category] for each node:
// actors not in $without, resources that still have a provider (or never had one), all
// chantiers and enjeux.
MATCH (t:Territory {key: $territory})
CALL (t) {
  // the resources whose every provider is in $without (none when $without is empty)
  UNWIND $without AS gone
  MATCH (t)<-[:BELONGS_TO]-(:EcoNode {uid: gone})-[:PROVIDES]->(r:Resource)-[:BELONGS_TO]->(t)
  WHERE all(p IN [(t)<-[:BELONGS_TO]-(p:Actor)-[:PROVIDES]->(r) | p.uid] WHERE p IN $without)
  RETURN collect(DISTINCT r.uid) AS orphans
}
MATCH (t)<-[:BELONGS_TO]-(n:EcoNode)
WHERE NOT n.uid IN $without AND NOT n.uid IN orphans
RETURN n.kind AS kind, collect([n.uid, n.name, n.code, n.category]) AS nodes;

// name: analysis_centrality_links
// The edges of the potential graph, one row per chantier or actor (`source`) with the uids at
// the other end: `operational` for the edges also in the operational graph, `potential` for the
// others. Chantier -> resource/partner (OPERATIONAL: operational; KNOWN_UNLINKED: potential;
// ABSENT never counts) and chantier -> enjeu (ANSWERS: operational); actor -> chantier (PILOTS,
// OPERATES, ASSOCIATED_WITH: operational) and actor -> resource (PROVIDES) when a chantier of the
// territory uses the resource: operational if one uses it through an OPERATIONAL link, potential
// if only through KNOWN_UNLINKED links.
MATCH (t:Territory {key: $territory})
CALL (t) {
  UNWIND $without AS gone
  MATCH (t)<-[:BELONGS_TO]-(:EcoNode {uid: gone})-[:PROVIDES]->(r:Resource)-[:BELONGS_TO]->(t)
  WHERE all(p IN [(t)<-[:BELONGS_TO]-(p:Actor)-[:PROVIDES]->(r) | p.uid] WHERE p IN $without)
  RETURN collect(DISTINCT r.uid) AS orphans
}
MATCH (t)<-[:BELONGS_TO]-(c:Chantier)
WITH t, c, $without + orphans AS gone
RETURN c.uid AS source,
       [(c)-[:OPERATIONAL]->(x:EcoNode)-[:BELONGS_TO]->(t) WHERE NOT x.uid IN gone | x.uid]
         + [(c)-[:ANSWERS]->(e:Enjeu)-[:BELONGS_TO]->(t) | e.uid] AS operational,
       [(c)-[:KNOWN_UNLINKED]->(x:EcoNode)-[:BELONGS_TO]->(t) WHERE NOT x.uid IN gone | x.uid] AS potential
UNION ALL
MATCH (t:Territory {key: $territory})<-[:BELONGS_TO]-(a:Actor)
WHERE NOT a.uid IN $without
WITH t, a,
     [(a)-[:PILOTS|OPERATES|ASSOCIATED_WITH]->(c:Chantier)-[:BELONGS_TO]->(t) | c.uid] AS governs,
     [(a)-[:PROVIDES]->(x:Resource)-[:BELONGS_TO]->(t) |
        [x.uid,
         EXISTS { (t)<-[:BELONGS_TO]-(:Chantier)-[:OPERATIONAL]->(x) },
         EXISTS { (t)<-[:BELONGS_TO]-(:Chantier)-[:KNOWN_UNLINKED]->(x) }]] AS provides
WHERE size(governs) > 0 OR size(provides) > 0
RETURN a.uid AS source,
       governs + [p IN provides WHERE p[1] | p[0]] AS operational,
       [p IN provides WHERE NOT p[1] AND p[2] | p[0]] AS potential;
