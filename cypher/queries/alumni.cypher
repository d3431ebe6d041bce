// Alumni networks: pairs of organisations that share people who worked at both
// (e.g. the Sogou alumni who later led Baichuan).
// Parameters:
//   $min_people  the smallest shared group to show (default 2)
MATCH (a)<-[:WORKED_AT]-(p:Person)-[:WORKED_AT]->(b)
WHERE a.id < b.id
WITH a, b, p ORDER BY p.name
WITH a, b, collect(p.name) AS people
WHERE size(people) >= toInteger($min_people)
RETURN a.name AS organisation_a, b.name AS organisation_b, size(people) AS shared, people
ORDER BY shared DESC, organisation_a, organisation_b
