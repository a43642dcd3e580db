"""AWS implementations of the resource interfaces in sentinel_assets.resources (SENTINEL_ENV=aws)."""
