// Talent flow between organisations: from the company a person left to the
// company they joined or the venture they founded, with the number of people.
// Parameters: none.
MATCH (p:Person)-[w:WORKED_AT]->(src)
WHERE w.end IS NOT NULL
MATCH (p)-[m:JOINED|FOUNDED]->(dst)
WITH src, dst, type(m) AS how, p ORDER BY p.name
RETURN src.name AS from_org, dst.name AS to_org, how, count(p) AS people,
       collect(p.name) AS names
ORDER BY people DESC, from_org, to_org
