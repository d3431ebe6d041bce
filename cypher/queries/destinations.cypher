// Where the leavers went: for every departure (a derived move out of an
// organisation, graphkit/careers.py), whether the person joined another
// organisation, founded their own venture, or the sources do not say (unknown).
// 'ambiguous' when the dates allow more than one destination (the candidates
// are listed); boomerang = a return to a former employer. Each departure has at
// most one destination, and it is never the organisation that was left.
// Parameters: none.
MATCH (p:Person)-[:MADE]->(m:Move)-[:FROM]->(c)
OPTIONAL MATCH (m)-[:TO]->(d)
OPTIONAL MATCH (m)-[:CANDIDATE]->(x)
WITH p, c, m, d, x ORDER BY x.name
WITH p, c, m, d, collect(x.name) AS candidates
RETURN p.id AS person_id, p.name AS person, p.unnamed AS unnamed, c.name AS left,
       m.when AS left_when, m.how AS outcome, d.name AS destination, candidates,
       m.boomerang AS boomerang
ORDER BY outcome, left, person_id, m.when_earliest
