"""What every app shares: per-client identity and limits, the resilient cache, the site's
public address and the database-outage answer. Nothing here imports an app of the project."""
