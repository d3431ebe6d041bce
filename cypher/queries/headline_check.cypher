// The sources' numeric claims next to what the data holds, e.g. the headline's
// "12 executive changes, 11 departures" against the departures recorded for
// the same companies and period (certain or possible).
// Parameters: none.
MATCH (cl:Claim)
OPTIONAL MATCH (g:Group {id: cl.subject})<-[:MEMBER_OF]-(m)
WITH cl, collect(m.id) AS members
WITH cl, CASE WHEN size(members) > 0 THEN members ELSE [cl.subject] END AS orgs
OPTIONAL MATCH (p:Person)-[w:WORKED_AT]->(c)
WHERE c.id IN orgs AND w.end IS NOT NULL
  AND (cl.period IS NULL OR (coalesce(w.end_earliest, date('0001-01-01')) <= cl.period_latest
                             AND coalesce(w.end_latest, date('9999-12-31')) >= cl.period_earliest))
RETURN cl.id AS claim, cl.metric AS metric, cl.value AS claimed,
       count(w) AS departures_in_data, cl.evidence AS evidence
ORDER BY claim
