// Co-founders who left: derived departures (graphkit/careers.py) whose role
// category includes 'founder'.
// Parameters: none.
MATCH (p:Person)-[:MADE]->(m:Move)-[:FROM]->(c)
WHERE 'founder' IN m.role_category
RETURN p.name AS person, p.name_en AS person_en, c.name AS company, m.role AS role,
       m.when AS left_when, m.how AS outcome
ORDER BY company, person
