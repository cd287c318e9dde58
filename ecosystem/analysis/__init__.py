"""Analyses of a territory's ecosystem: feasibility gaps, missing links, central actors and the
prospective matrix. Pure functions over the networkx graph; Cypher twins for Neo4j."""
