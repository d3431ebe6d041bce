// The sources' numeric claims next to what the data holds, measured as the report
// measures them (graphkit/report/claims.py), over the derived moves: a departure is
// a move out of one of the claim's organisations (a group stands for its members),
// a new hire a move or an arrival into one (dated by the arrival). "certain": moves
// whose whole date range lies in the claim's period; "possible": those whose range
// overlaps it. A metric the data cannot measure gives null.
// Parameters: none.
MATCH (cl:Claim)
OPTIONAL MATCH (:Group {id: cl.subject})<-[:MEMBER_OF]-(member)
WITH cl, collect(member.id) AS members
WITH cl, CASE WHEN size(members) > 0 THEN members ELSE [cl.subject] END AS orgs
OPTIONAL MATCH (:Person)-[w]->(c) WHERE w.departure IS NOT NULL AND c.id IN orgs
WITH cl, orgs, collect({e: w.departure_when_earliest, l: w.departure_when_latest, org: c.id}) AS outs
OPTIONAL MATCH (:Person)-[w]->(c) WHERE w.departure_to IN orgs
WITH cl, orgs, outs, collect({e: w.departure_arrived_earliest, l: w.departure_arrived_latest, org: w.departure_to}) AS moved_in
OPTIONAL MATCH (:Person)-[a]->(d) WHERE a.arrival IS NOT NULL AND d.id IN orgs
WITH cl, outs, moved_in, collect({e: a.arrival_when_earliest, l: a.arrival_when_latest, org: d.id}) AS arrived
WITH cl, outs, moved_in + arrived AS ins,
     cl.period IS NULL OR (cl.period_earliest IS NULL AND cl.period_latest IS NULL) AS anytime,
     coalesce(cl.period_earliest, date('0001-01-01')) AS pe, coalesce(cl.period_latest, date('9999-12-31')) AS pl
WITH cl, [m IN outs WHERE m.org IS NOT NULL] AS outs, [m IN ins WHERE m.org IS NOT NULL] AS ins, anytime, pe, pl
WITH cl,
     [m IN outs WHERE anytime OR (m.e IS NOT NULL AND m.l IS NOT NULL
        AND m.e >= pe AND m.l <= pl)] AS out_c,
     [m IN outs WHERE anytime OR (coalesce(m.e, date('0001-01-01')) <= pl
        AND coalesce(m.l, date('9999-12-31')) >= pe)] AS out_p,
     [m IN ins WHERE anytime OR (m.e IS NOT NULL AND m.l IS NOT NULL
        AND m.e >= pe AND m.l <= pl)] AS in_c,
     [m IN ins WHERE anytime OR (coalesce(m.e, date('0001-01-01')) <= pl
        AND coalesce(m.l, date('9999-12-31')) >= pe)] AS in_p
WITH cl, out_c, out_p, in_c, in_p,
     reduce(s = [], x IN [m IN out_c + in_c | m.org] | CASE WHEN x IN s THEN s ELSE s + x END) AS changed_c,
     reduce(s = [], x IN [m IN out_p + in_p | m.org] | CASE WHEN x IN s THEN s ELSE s + x END) AS changed_p
RETURN cl.id AS claim, cl.metric AS metric, cl.value AS claimed,
       CASE cl.metric WHEN 'departures' THEN size(out_c) WHEN 'new_hires' THEN size(in_c)
            WHEN 'executive_changes' THEN size(out_c) + size(in_c)
            WHEN 'companies_with_changes' THEN size(changed_c) ELSE null END AS certain,
       CASE cl.metric WHEN 'departures' THEN size(out_p) WHEN 'new_hires' THEN size(in_p)
            WHEN 'executive_changes' THEN size(out_p) + size(in_p)
            WHEN 'companies_with_changes' THEN size(changed_p) ELSE null END AS possible,
       cl.evidence AS evidence
ORDER BY claim
