// Batched writes used by the Neo4j store. Each runs with a list of rows ($rows), a few
// thousand at a time. A logical write is all or nothing (see ecosystem/store/neo4j.py):
// * it holds the write lock from its first statement to its commit;
// * nodes new to the database, and the links between them, may be staged first in parallel
//   transactions: a staged node carries the label EcoPending and no BELONGS_TO, so no read
//   (they all start from a Territory) can see it or its links;
// * one final transaction publishes the staged nodes (their BELONGS_TO) and merges the rest.

// name: take_write_lock
// Held by every write until it commits: writes to one database run one at a time, and while a
// write holds it no other write is staging, so any EcoPending node is a leftover.
MERGE (l:EcoWriteLock {name: 'writes'})
SET l.taken = datetime();

// name: clear_staged_leftovers
// Delete nodes staged by a write that never published them (its process or the server stopped
// before the final commit). Runs while holding the write lock. Reads every EcoPending node on
// purpose: only leftovers carry that label then.
MATCH (n:EcoPending)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS;

// name: existing_uids
// Which of these node uids are already in the database.
// $rows: [uid, ...]
UNWIND $rows AS uid
MATCH (n:EcoNode {uid: uid})
RETURN collect(uid) AS existing;

// name: stage_nodes
// Create nodes that are new to the database, invisible until published.
// $rows: [{uid, kind, props, territories}]
UNWIND $rows AS row
CREATE (n:EcoNode:EcoPending)
SET n = row.props, n.uid = row.uid
FOREACH (_ IN CASE WHEN row.kind = 'Actor' THEN [1] ELSE [] END | SET n:Actor)
FOREACH (_ IN CASE WHEN row.kind = 'Resource' THEN [1] ELSE [] END | SET n:Resource)
FOREACH (_ IN CASE WHEN row.kind = 'Chantier' THEN [1] ELSE [] END | SET n:Chantier)
FOREACH (_ IN CASE WHEN row.kind = 'Enjeu' THEN [1] ELSE [] END | SET n:Enjeu)
RETURN count(*) AS staged;

// name: stage_links
// Create links between two staged nodes (each (source, target, slot) comes once in a batch).
// $rows: [{source, target, type, props}]
UNWIND $rows AS row
MATCH (s:EcoNode {uid: row.source})
MATCH (t:EcoNode {uid: row.target})
FOREACH (_ IN CASE WHEN row.type = 'OPERATIONAL' THEN [1] ELSE [] END |
  CREATE (s)-[r:OPERATIONAL]->(t) SET r = row.props)
FOREACH (_ IN CASE WHEN row.type = 'KNOWN_UNLINKED' THEN [1] ELSE [] END |
  CREATE (s)-[r:KNOWN_UNLINKED]->(t) SET r = row.props)
FOREACH (_ IN CASE WHEN row.type = 'ABSENT' THEN [1] ELSE [] END |
  CREATE (s)-[r:ABSENT]->(t) SET r = row.props)
FOREACH (_ IN CASE WHEN row.type = 'ANSWERS' THEN [1] ELSE [] END |
  CREATE (s)-[r:ANSWERS]->(t) SET r = row.props)
FOREACH (_ IN CASE WHEN row.type = 'PROVIDES' THEN [1] ELSE [] END |
  CREATE (s)-[r:PROVIDES]->(t) SET r = row.props)
FOREACH (_ IN CASE WHEN row.type = 'PILOTS' THEN [1] ELSE [] END |
  CREATE (s)-[r:PILOTS]->(t) SET r = row.props)
FOREACH (_ IN CASE WHEN row.type = 'OPERATES' THEN [1] ELSE [] END |
  CREATE (s)-[r:OPERATES]->(t) SET r = row.props)
FOREACH (_ IN CASE WHEN row.type = 'ASSOCIATED_WITH' THEN [1] ELSE [] END |
  CREATE (s)-[r:ASSOCIATED_WITH]->(t) SET r = row.props)
RETURN row.type AS bucket, count(*) AS total, count(*) AS created, 0 AS updated;

// name: publish_nodes
// Make staged nodes visible, in the write's final transaction: link each to its territories
// and drop the staging label. Every row is counted as created. (No "WHERE n:EcoPending": with
// it, a planner whose statistics say "no EcoPending node" may scan that label for every row.)
// $rows: [{uid, kind, territories: [territory key, ...]}]
UNWIND $rows AS row
MATCH (n:EcoNode {uid: row.uid})
CALL (n, row) {
  UNWIND row.territories AS territory_key
  MATCH (t:Territory {key: territory_key})
  CREATE (n)-[:BELONGS_TO]->(t)
}
REMOVE n:EcoPending
RETURN row.kind AS bucket, count(*) AS total, count(*) AS created, 0 AS updated;

// name: merge_territories
// $rows: [{key, name}]
UNWIND $rows AS row
MERGE (t:Territory {key: row.key})
  ON CREATE SET t.name = row.name;

// name: merge_nodes
// Upsert nodes by uid, add their territory memberships, and count what changed.
// $rows: [{uid, kind, props, territories: [territory key, ...]}]
UNWIND $rows AS row
OPTIONAL MATCH (old:EcoNode {uid: row.uid})
WITH row,
     CASE WHEN old IS NULL THEN null ELSE properties(old) END AS before,
     CASE WHEN old IS NULL THEN [] ELSE [(old)-[:BELONGS_TO]->(m:Territory) | m.key] END AS member_of
MERGE (n:EcoNode {uid: row.uid})
SET n += row.props
FOREACH (_ IN CASE WHEN row.kind = 'Actor' THEN [1] ELSE [] END | SET n:Actor)
FOREACH (_ IN CASE WHEN row.kind = 'Resource' THEN [1] ELSE [] END | SET n:Resource)
FOREACH (_ IN CASE WHEN row.kind = 'Chantier' THEN [1] ELSE [] END | SET n:Chantier)
FOREACH (_ IN CASE WHEN row.kind = 'Enjeu' THEN [1] ELSE [] END | SET n:Enjeu)
WITH n, row, before, member_of
CALL (n, row) {
  UNWIND row.territories AS territory_key
  MATCH (t:Territory {key: territory_key})
  MERGE (n)-[:BELONGS_TO]->(t)
}
RETURN row.kind AS bucket,
       count(*) AS total,
       sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN before IS NOT NULL AND (
             any(k IN keys(row.props) WHERE before[k] IS NULL OR before[k] <> row.props[k])
             OR any(t IN row.territories WHERE NOT t IN member_of))
           THEN 1 ELSE 0 END) AS updated;

// name: merge_links
// Upsert links. Links of one slot replace each other: a chantier's link to a resource is
// OPERATIONAL, KNOWN_UNLINKED or ABSENT, never two of them; changing the status deletes the old
// relationship. Relationship types come from a closed list, written out below.
// $rows: [{source, target, type, slot_types: [type, ...], props}]
UNWIND $rows AS row
MATCH (s:EcoNode {uid: row.source})
MATCH (t:EcoNode {uid: row.target})
// The relationship types are spelled out: untyped, on a new database whose statistics say "no
// relationships", the planner scans all relationships for every row (a bulk import turns
// quadratic); typed, it always expands between the two bound nodes.
WITH s, t, row,
     [(s)-[o:OPERATIONAL|KNOWN_UNLINKED|ABSENT|ANSWERS|PROVIDES|PILOTS|OPERATES|ASSOCIATED_WITH]->(t)
       WHERE type(o) IN row.slot_types | o] AS olds
WITH s, t, row,
     [o IN olds WHERE type(o) = row.type | properties(o)] AS same,
     [o IN olds WHERE type(o) <> row.type] AS replaced
FOREACH (o IN replaced | DELETE o)
FOREACH (_ IN CASE WHEN row.type = 'OPERATIONAL' THEN [1] ELSE [] END |
  MERGE (s)-[r:OPERATIONAL]->(t) SET r += row.props)
FOREACH (_ IN CASE WHEN row.type = 'KNOWN_UNLINKED' THEN [1] ELSE [] END |
  MERGE (s)-[r:KNOWN_UNLINKED]->(t) SET r += row.props)
FOREACH (_ IN CASE WHEN row.type = 'ABSENT' THEN [1] ELSE [] END |
  MERGE (s)-[r:ABSENT]->(t) SET r += row.props)
FOREACH (_ IN CASE WHEN row.type = 'ANSWERS' THEN [1] ELSE [] END |
  MERGE (s)-[r:ANSWERS]->(t) SET r += row.props)
FOREACH (_ IN CASE WHEN row.type = 'PROVIDES' THEN [1] ELSE [] END |
  MERGE (s)-[r:PROVIDES]->(t) SET r += row.props)
FOREACH (_ IN CASE WHEN row.type = 'PILOTS' THEN [1] ELSE [] END |
  MERGE (s)-[r:PILOTS]->(t) SET r += row.props)
FOREACH (_ IN CASE WHEN row.type = 'OPERATES' THEN [1] ELSE [] END |
  MERGE (s)-[r:OPERATES]->(t) SET r += row.props)
FOREACH (_ IN CASE WHEN row.type = 'ASSOCIATED_WITH' THEN [1] ELSE [] END |
  MERGE (s)-[r:ASSOCIATED_WITH]->(t) SET r += row.props)
RETURN row.type AS bucket,
       count(*) AS total,
       sum(CASE WHEN size(same) + size(replaced) = 0 THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN size(replaced) > 0 OR (size(same) > 0 AND
             any(k IN keys(row.props) WHERE same[0][k] IS NULL OR same[0][k] <> row.props[k]))
           THEN 1 ELSE 0 END) AS updated;

// name: delete_territory_nodes
// Remove a territory's memberships; delete the nodes (and their links) that belonged to it alone.
// $territory: territory key
MATCH (:Territory {key: $territory})<-[m:BELONGS_TO]-(n:EcoNode)
WITH m, n, COUNT { (n)-[:BELONGS_TO]->(:Territory) } AS memberships
DELETE m
WITH n, memberships WHERE memberships = 1
DETACH DELETE n
RETURN count(*) AS deleted;

// name: delete_territory
// $territory: territory key
MATCH (t:Territory {key: $territory})
DETACH DELETE t;
