"""The embedded store: writing, stored queries, results, export, statistics, plans."""
