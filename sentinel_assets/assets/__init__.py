"""The billing tables as assets, by layer: raw → silver → gold."""
