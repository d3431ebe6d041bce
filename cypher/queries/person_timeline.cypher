// One person's full timeline: every relationship with its dates, status,
// sources and the verbatim evidence, oldest first (undated last).
// Parameters:
//   $person  the person's id (default 'zhang-fan')
MATCH (p:Person {id: $person})-[r]-(x)
RETURN type(r) AS relationship, startNode(r) = p AS outgoing, x.name AS other,
       r.role AS role, r.start AS start, r.end AS end, r.status AS status,
       r.sources AS sources, r.evidence AS evidence
ORDER BY coalesce(r.start_earliest, r.end_earliest, date('9999-12-31')), relationship
