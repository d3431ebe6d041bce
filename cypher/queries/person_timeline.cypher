// One person's full timeline: every relationship with its dates, status,
// sources and the verbatim evidence, ordered by when it happened (its end if it
// ended, else its start; graphkit/graph/careers.py), undated last, with the derived
// move (departure or arrival) a relationship carries.
// Parameters:
//   $person  the person's id (default 'zhang-fan')
MATCH (p:Person {id: $person})-[r]-(x)
RETURN type(r) AS relationship, startNode(r) = p AS outgoing, x.name AS other,
       r.role AS role, r.start AS start, r.end AS end, r.status AS status,
       r.sources AS sources, r.evidence AS evidence,
       coalesce(r.departure, r.arrival) AS move
ORDER BY coalesce(r.when_earliest, date('9999-12-31')), relationship
