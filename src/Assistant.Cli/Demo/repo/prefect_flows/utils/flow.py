"""The project's Flow class.

Every flow belongs to a team. The team decides who gets paged when a run fails
and shows up in the run logs; `prefect register` does not know about it, so it
lives here instead of in the Prefect Server UI.
"""
from prefect import Flow
from prefect.utilities.logging import get_logger

TEAM_CHANNELS = {
    "data": "#data-alerts",
    "ops": "#ops-alerts",
    "finance": "#finance-data",
}

logger = get_logger("acme.flows")


def _alert_owning_team(flow, old_state, new_state):
    """Flow state handler: log failures with the owning team's channel."""
    if new_state.is_failed():
        channel = TEAM_CHANNELS[getattr(flow, "team", "data")]
        logger.error("flow %s failed, paging %s: %s", flow.name, channel, new_state.message)
    return new_state


class AcmeFlow(Flow):
    """A prefect Flow with an owning `team` (one of TEAM_CHANNELS)."""

    def __init__(self, name, *args, team="data", **kwargs):
        if team not in TEAM_CHANNELS:
            raise ValueError(f"unknown team {team!r}; expected one of {sorted(TEAM_CHANNELS)}")
        self.team = team
        handlers = list(kwargs.pop("state_handlers", None) or [])
        handlers.append(_alert_owning_team)
        super().__init__(name, *args, state_handlers=handlers, **kwargs)
