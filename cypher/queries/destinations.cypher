// Where the leavers went: for every departure, whether the person joined another
// company, founded their own venture, or the source does not say (unknown).
// Parameters: none.
MATCH (p:Person)-[w:WORKED_AT]->(c)
WHERE w.end IS NOT NULL
OPTIONAL MATCH (p)-[:JOINED]->(j)
OPTIONAL MATCH (p)-[:FOUNDED]->(v)
WITH p, c, w, head(collect(DISTINCT j)) AS j, head(collect(DISTINCT v)) AS v
RETURN p.id AS person_id, p.name AS person, p.unnamed AS unnamed, c.name AS left,
       w.end AS left_when,
       CASE WHEN j IS NOT NULL THEN 'joined'
            WHEN v IS NOT NULL THEN 'founded'
            ELSE 'unknown' END AS outcome,
       coalesce(j.name, v.name) AS destination
ORDER BY outcome, left, person_id
