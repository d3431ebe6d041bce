// Recruiting attempts: approaches that the source reports but that did not
// (or not yet) lead to a move, with where the person worked.
// Parameters: none.
MATCH (c)-[a:APPROACHED]->(p:Person)
OPTIONAL MATCH (p)-[:WORKED_AT]->(employer)
RETURN c.name AS company, p.name AS person, collect(employer.name) AS employer,
       a.start AS approached_when, a.status AS status, a.evidence AS evidence
ORDER BY approached_when, company
