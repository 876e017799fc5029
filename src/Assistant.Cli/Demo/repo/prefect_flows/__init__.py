"""Prefect 1 flows of the acme-data team (registered with `make prefect-register`)."""
