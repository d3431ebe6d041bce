// Company pivots: strategic changes of direction, with date and evidence.
// Parameters: none.
MATCH (c)-[h:HAD_EVENT]->(e:Event {event_type: 'pivot'})
RETURN c.name AS company, e.name AS pivot, e.name_en AS pivot_en, e.date AS date,
       h.status AS status, h.sources AS sources, h.evidence AS evidence
ORDER BY coalesce(e.date_earliest, date('9999-12-31')), company
