// The sources' numeric claims next to what the data holds, measured as the report
// measures them (graphkit/report.py claim_count), over the derived moves: a
// departure is a move out of one of the claim's organisations (a group stands for
// its members), a new hire a move or arrival into one (dated by its arrival).
// "certain": moves whose whole date range lies in the claim's period; "possible":
// those whose range overlaps it. A metric the data cannot measure gives null.
// Parameters: none.
MATCH (cl:Claim)
OPTIONAL MATCH (:Group {id: cl.subject})<-[:MEMBER_OF]-(member)
WITH cl, collect(member.id) AS members
WITH cl, CASE WHEN size(members) > 0 THEN members ELSE [cl.subject] END AS orgs
OPTIONAL MATCH (m:Move) WHERE m.from IN orgs OR m.to IN orgs
WITH cl, orgs, collect(m) AS ms, cl.period IS NULL AS anytime
WITH cl, anytime, [m IN ms WHERE m.from IN orgs] AS outs, [m IN ms WHERE m.to IN orgs] AS ins
WITH cl,
     [m IN outs WHERE anytime OR (m.when_earliest IS NOT NULL AND m.when_latest IS NOT NULL
        AND m.when_earliest >= cl.period_earliest AND m.when_latest <= cl.period_latest)] AS out_c,
     [m IN outs WHERE anytime OR (coalesce(m.when_earliest, date('0001-01-01')) <= cl.period_latest
        AND coalesce(m.when_latest, date('9999-12-31')) >= cl.period_earliest)] AS out_p,
     [m IN ins WHERE anytime OR (m.arrived_earliest IS NOT NULL AND m.arrived_latest IS NOT NULL
        AND m.arrived_earliest >= cl.period_earliest AND m.arrived_latest <= cl.period_latest)] AS in_c,
     [m IN ins WHERE anytime OR (coalesce(m.arrived_earliest, date('0001-01-01')) <= cl.period_latest
        AND coalesce(m.arrived_latest, date('9999-12-31')) >= cl.period_earliest)] AS in_p
WITH cl, out_c, out_p, in_c, in_p,
     reduce(s = [], x IN [m IN out_c | m.from] + [m IN in_c | m.to] |
            CASE WHEN x IN s THEN s ELSE s + x END) AS changed_c,
     reduce(s = [], x IN [m IN out_p | m.from] + [m IN in_p | m.to] |
            CASE WHEN x IN s THEN s ELSE s + x END) AS changed_p
RETURN cl.id AS claim, cl.metric AS metric, cl.value AS claimed,
       CASE cl.metric WHEN 'departures' THEN size(out_c) WHEN 'new_hires' THEN size(in_c)
            WHEN 'executive_changes' THEN size(out_c) + size(in_c)
            WHEN 'companies_with_changes' THEN size(changed_c) ELSE null END AS certain,
       CASE cl.metric WHEN 'departures' THEN size(out_p) WHEN 'new_hires' THEN size(in_p)
            WHEN 'executive_changes' THEN size(out_p) + size(in_p)
            WHEN 'companies_with_changes' THEN size(changed_p) ELSE null END AS possible,
       cl.evidence AS evidence
ORDER BY claim
