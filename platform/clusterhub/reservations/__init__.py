"""Equipment reservations: availability calendars, reservation requests, use records and settlement."""
