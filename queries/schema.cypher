// Constraints and indexes, created on first use by the Neo4j store (idempotent).
// Every ecosystem node carries the label EcoNode plus its kind (Actor, Resource, Chantier,
// Enjeu); its uid is unique across territories. Territories are nodes linked by BELONGS_TO.

// name: schema_node_uid
CREATE CONSTRAINT ecosystem_node_uid IF NOT EXISTS
FOR (n:EcoNode) REQUIRE n.uid IS UNIQUE;

// name: schema_territory_key
CREATE CONSTRAINT ecosystem_territory_key IF NOT EXISTS
FOR (t:Territory) REQUIRE t.key IS UNIQUE;

// name: schema_write_lock
// One lock node (see take_write_lock in write.cypher); unique so that two first writes can't
// each create one.
CREATE CONSTRAINT ecosystem_write_lock IF NOT EXISTS
FOR (l:EcoWriteLock) REQUIRE l.name IS UNIQUE;
