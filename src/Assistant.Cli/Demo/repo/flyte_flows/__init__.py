"""Flyte workflows of the acme-data team (registered with `make flyte-register`)."""
