// One person's full timeline: every relationship with its dates, status,
// sources and the verbatim evidence, ordered by when it happened (its end if it
// ended, else its start; graphkit/careers.py), undated last. Derived moves are
// not facts: see destinations.
// Parameters:
//   $person  the person's id (default 'zhang-fan')
MATCH (p:Person {id: $person})-[r]-(x)
WHERE NOT x:Move
RETURN type(r) AS relationship, startNode(r) = p AS outgoing, x.name AS other,
       r.role AS role, r.start AS start, r.end AS end, r.status AS status,
       r.sources AS sources, r.evidence AS evidence
ORDER BY coalesce(r.when_earliest, date('9999-12-31')), relationship
