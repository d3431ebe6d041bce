// graphkit schema for Neo4j 5.x. `graphkit load` applies it before every load;
// each statement is idempotent (IF NOT EXISTS), so it can also be pasted into
// Neo4j Browser as it is.

// One uniqueness constraint per node label on the id a person writes in data/.
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT company_id IF NOT EXISTS FOR (n:Company) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT startup_id IF NOT EXISTS FOR (n:Startup) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT investor_id IF NOT EXISTS FOR (n:Investor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT group_id IF NOT EXISTS FOR (n:Group) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.id IS UNIQUE;

// Lookups by the names people type, and by dataset for --prune.
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE INDEX company_name IF NOT EXISTS FOR (n:Company) ON (n.name);
CREATE INDEX person_dataset IF NOT EXISTS FOR (n:Person) ON (n.graphkit_dataset);
CREATE INDEX company_dataset IF NOT EXISTS FOR (n:Company) ON (n.graphkit_dataset);

// Derived moves (graphkit/graph/careers.py) are properties of the relationships they rest on
// (departure*, arrival*): no node, no index of their own.

// No index on the relationships' MERGE key (graphkit_key): a relationship is
// found by expanding from its two indexed end nodes, which stays fast inside one
// large transaction; with such an index the planner scans it for every row.
