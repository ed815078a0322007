"""The writes of the exemplars app, one module per topic (criteria, assessments, nominations, honours);
each checks `rules`, writes in one transaction with its audit entry and counters."""
