// Where the leavers went: for every departure (a derived move out of an
// organisation, graphkit/graph/careers.py, on the relationship that ended the person's
// time there), whether the person joined another organisation, founded their own
// venture, or the sources do not say (unknown). 'ambiguous' when the dates allow
// more than one destination (the candidates are listed); boomerang = a return to a
// former employer. Each departure has at most one destination, and it is never the
// organisation that was left.
// Parameters: none.
MATCH (p:Person)-[w]->(c)
WHERE w.departure IS NOT NULL
RETURN p.id AS person_id, p.name AS person, p.unnamed AS unnamed, c.name AS left,
       w.departure_when AS left_when, w.departure AS outcome, w.departure_to_name AS destination,
       coalesce(w.departure_candidate_names, []) AS candidates, w.departure_boomerang AS boomerang
ORDER BY outcome, left, person_id, w.departure_when_earliest
