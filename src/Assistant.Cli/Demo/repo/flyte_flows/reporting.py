"""Hourly KPI report: read the revenue mart, draw a chart, post it and archive it.

This module predates the `from flytekit import ...` convention used elsewhere
and still goes through the `flytekit` namespace.
"""
import glob
import json
import os
import shutil
import typing
from datetime import timedelta

import flytekit
from flytekit.types.file import FlyteFile

MART_ROOT = os.environ.get('ACME_MART_ROOT', '/mnt/lake/marts')
ARCHIVE_ROOT = os.environ.get('ACME_REPORT_ARCHIVE', '/mnt/reports')

reporting_image = flytekit.ImageSpec(
    name='reporting',
    packages=['pandas', 'matplotlib'],
    python_version='3.11',
    registry='ghcr.io/acme',
)


@flytekit.task(container_image=reporting_image, cache=True, cache_version='2')
def fetch_kpis(day: str) -> typing.Dict[str, float]:
    """Revenue per country for `day` ('latest' = newest published day)."""
    if day == 'latest':
        candidates = sorted(glob.glob(os.path.join(MART_ROOT, 'revenue', '*.json')))
        if not candidates:
            raise FileNotFoundError('no revenue mart published yet')
        path = candidates[-1]
    else:
        path = os.path.join(MART_ROOT, 'revenue', f'{day}.json')
    with open(path, encoding='utf-8') as handle:
        return json.load(handle)['revenue_eur']


@flytekit.task(container_image=reporting_image, requests=flytekit.Resources(mem='1Gi'))
def render_chart(kpis: typing.Dict[str, float], day: str) -> FlyteFile:
    """Bar chart of revenue per country, as a PNG."""
    import matplotlib

    matplotlib.use('Agg')
    import pandas as pd

    ctx = flytekit.current_context()
    ctx.logging.info('rendering %d KPIs for %s', len(kpis), day)
    frame = pd.Series(kpis, name='revenue_eur').drop(labels=['TOTAL'], errors='ignore')
    axes = frame.sort_values(ascending=False).plot.bar(title=f'Revenue per country ({day})')
    path = os.path.join(ctx.working_directory, f'kpis-{day}.png')
    axes.figure.savefig(path, dpi=120, bbox_inches='tight')
    return FlyteFile(path=path)


@flytekit.task(container_image=reporting_image, retries=2)
def notify_channel(report: FlyteFile, channel: str) -> None:
    flytekit.current_context().logging.info('posting %s to %s', report.remote_source or report.path, channel)


@flytekit.task(container_image=reporting_image)
def archive_report(report: FlyteFile, day: str) -> str:
    os.makedirs(ARCHIVE_ROOT, exist_ok=True)
    target = os.path.join(ARCHIVE_ROOT, f'kpis-{day}.png')
    shutil.copyfile(report.download(), target)
    return target


@flytekit.workflow
def build_report(day: str) -> FlyteFile:
    """Subworkflow: KPIs -> chart. Also used on its own for ad-hoc reports."""
    kpis = fetch_kpis(day=day)
    return render_chart(kpis=kpis, day=day)


@flytekit.workflow
def hourly_report(day: str = 'latest', channel: str = '#data-kpis') -> str:
    report = build_report(day=day)
    posted = notify_channel(report=report, channel=channel)
    archived = archive_report(report=report, day=day)
    # Announce first: the archive must never hold a report nobody was told about.
    posted >> archived
    return archived


hourly_report_lp = flytekit.LaunchPlan.get_or_create(
    hourly_report,
    name='hourly_kpi_report',
    schedule=flytekit.FixedRate(duration=timedelta(hours=1)),
    default_inputs={'channel': '#data-kpis-hourly'},
)
