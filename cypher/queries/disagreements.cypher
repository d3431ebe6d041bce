// Where the sources disagree: facts whose sources give different values (a date,
// a role, left or stayed), with what each source says and each source's quote.
// graphkit keeps the latest source's value on the fact and lists every value.
// Parameters: none.
MATCH (a)-[r]->(b)
WHERE size(coalesce(r.disputed, [])) > 0
RETURN a.name AS from_name, type(r) AS type, b.name AS to_name,
       r.disputed AS disputed, r.disagreements AS what_each_source_says,
       r.quote_sources AS sources, r.quotes AS quotes
ORDER BY from_name, type, to_name
