// Co-founders who left: derived departures (graphkit/graph/careers.py) whose role
// category includes 'founder'.
// Parameters: none.
MATCH (p:Person)-[w]->(c)
WHERE w.departure IS NOT NULL AND 'founder' IN w.departure_role_category
RETURN p.name AS person, p.name_en AS person_en, c.name AS company, w.departure_role AS role,
       w.departure_when AS left_when, w.departure AS outcome
ORDER BY company, person
