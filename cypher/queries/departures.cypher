// Departures by company over a period, counting fuzzy dates twice: a departure
// "certainly" falls in the period when its whole date range lies inside it, and
// "possibly" when the ranges overlap (e.g. 2024-12/2025-06 is possibly in 2025H1).
// A departure is a derived move out of an organisation (graphkit/graph/careers.py),
// written onto the relationship that ended the person's time there
// (`departure`, `departure_when_earliest`, ...). A role that ended while the person
// stayed is not one.
// Parameters:
//   $since  first day of the period, ISO date   (default '2025-01-01')
//   $until  last day of the period, ISO date    (default '2025-06-30')
MATCH (p:Person)-[w]->(c)
WHERE w.departure IS NOT NULL
WITH c, p, w, date($since) AS since, date($until) AS until
WITH c, p,
     (w.departure_when_earliest IS NOT NULL AND w.departure_when_latest IS NOT NULL
      AND w.departure_when_earliest >= since AND w.departure_when_latest <= until) AS certain,
     (coalesce(w.departure_when_earliest, date('0001-01-01')) <= until
      AND coalesce(w.departure_when_latest, date('9999-12-31')) >= since) AS possible
WHERE possible
WITH c, p, certain ORDER BY p.name
RETURN c.id AS company_id, c.name AS company, c.name_en AS company_en,
       count(CASE WHEN certain THEN 1 END) AS certain,
       count(*) AS possible,
       collect(p.name) AS people
ORDER BY possible DESC, certain DESC, company_id
