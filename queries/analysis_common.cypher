// Shared by the analyses' Cypher twins. Run in Neo4j Browser after
// :param territory => 'cc du pays de saint aulaye'

// name: analysis_actor_names
// The actors of a territory, to resolve the names given to --without.
MATCH (:Territory {key: $territory})<-[:BELONGS_TO]-(a:Actor)
RETURN a.uid AS uid, a.name AS name;
