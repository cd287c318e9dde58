// Reading territories back. Each query runs as it is in Neo4j Browser after
// :param territory => 'cc du pays de saint aulaye'   (the territory key: its name normalised)

// name: list_territories
MATCH (t:Territory)
RETURN t.key AS key, t.name AS name
ORDER BY name;

// name: territory_nodes
// Every node of the territory, with all its properties and all the territories it belongs to.
MATCH (:Territory {key: $territory})<-[:BELONGS_TO]-(n:EcoNode)
RETURN n.uid AS uid, properties(n) AS props, [(n)-[:BELONGS_TO]->(t:Territory) | t.key] AS territories;

// name: territory_links
// Every link between two nodes of the territory.
MATCH (territory:Territory {key: $territory})<-[:BELONGS_TO]-(s:EcoNode)-[r]->(t:EcoNode)-[:BELONGS_TO]->(territory)
RETURN s.uid AS source, t.uid AS target, type(r) AS type, properties(r) AS props;

// name: overview_nodes
// Number of nodes per kind in each territory.
MATCH (t:Territory)<-[:BELONGS_TO]-(n:EcoNode)
RETURN t.key AS territory, n.kind AS bucket, count(*) AS count;

// name: overview_links
// Number of links per type in each territory.
MATCH (territory:Territory)<-[:BELONGS_TO]-(:EcoNode)-[r]->(:EcoNode)-[:BELONGS_TO]->(territory)
RETURN territory.key AS territory, type(r) AS bucket, count(*) AS count;
