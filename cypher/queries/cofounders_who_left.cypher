// Co-founders who left: departures whose role category includes 'founder'.
// Parameters: none.
MATCH (p:Person)-[w:WORKED_AT]->(c)
WHERE w.end IS NOT NULL AND 'founder' IN w.role_category
RETURN p.name AS person, p.name_en AS person_en, c.name AS company, w.role AS role,
       w.end AS left_when
ORDER BY company, person
