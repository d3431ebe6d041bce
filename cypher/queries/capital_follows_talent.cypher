// Capital follows talent: a former employer invested in the venture a leaver
// founded. "Former employer" means the person has a derived departure from it
// (graphkit/graph/careers.py); with several, the latest counts. The lag runs from that
// departure to the investment; with fuzzy dates it is a range in days (negative
// = the investment may have come first).
// Parameters: none.
MATCH (inv)-[i:INVESTED_IN]->(v:Startup)<-[:FOUNDED]-(p:Person)-[w]->(inv)
WHERE w.departure IS NOT NULL
WITH inv, i, v, p, w ORDER BY w.departure_when_latest DESC
WITH inv, i, v, p, head(collect(w)) AS w
RETURN inv.name AS investor, p.name AS person, v.name AS venture,
       w.departure_when AS left_when, i.start AS invested_when,
       CASE WHEN w.departure_when_latest IS NULL OR i.start_earliest IS NULL THEN null
            ELSE duration.inDays(w.departure_when_latest, i.start_earliest).days END AS lag_min_days,
       CASE WHEN w.departure_when_earliest IS NULL OR i.start_latest IS NULL THEN null
            ELSE duration.inDays(w.departure_when_earliest, i.start_latest).days END AS lag_max_days,
       i.evidence AS evidence
ORDER BY investor, person
