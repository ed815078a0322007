"""One calendar for every app: DHIS2-style periods (`periods`) and report due rules as RFC 5545
RRULEs (`rules`), in Asia/Ho_Chi_Minh. Pure: no database (an import-linter contract says so)."""
