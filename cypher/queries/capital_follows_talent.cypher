// Capital follows talent: a former employer invested in the venture a leaver
// founded. The lag runs from the departure to the investment; with fuzzy dates
// it is a range in days (negative = the investment may have come first).
// Parameters: none.
MATCH (inv)-[i:INVESTED_IN]->(v:Startup)<-[:FOUNDED]-(p:Person)-[w:WORKED_AT]->(inv)
WHERE w.end IS NOT NULL
RETURN inv.name AS investor, p.name AS person, v.name AS venture,
       w.end AS left_when, i.start AS invested_when,
       CASE WHEN w.end_latest IS NULL OR i.start_earliest IS NULL THEN null
            ELSE duration.inDays(w.end_latest, i.start_earliest).days END AS lag_min_days,
       CASE WHEN w.end_earliest IS NULL OR i.start_latest IS NULL THEN null
            ELSE duration.inDays(w.end_earliest, i.start_latest).days END AS lag_max_days,
       i.evidence AS evidence
ORDER BY investor, person
