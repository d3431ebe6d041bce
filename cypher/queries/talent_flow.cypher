// Talent flow between organisations: from the organisation a person left to the
// one they joined or the venture they founded, with the number of moves. It reads
// the derived moves (graphkit/graph/careers.py; `departure_to` on the relationship that
// ended the person's time at the first), so each departure counts once, toward its
// one destination, and never from an organisation to itself. Departures whose
// destination is unknown or ambiguous are not flows: see the destinations query.
// Parameters: none.
MATCH (p:Person)-[w]->(src)
WHERE w.departure_to IS NOT NULL
WITH src, w.departure_to_name AS dst, w.departure AS how, p ORDER BY p.name
RETURN src.name AS from_org, dst AS to_org, how, count(*) AS people,
       collect(p.name) AS names
ORDER BY people DESC, from_org, to_org, how
