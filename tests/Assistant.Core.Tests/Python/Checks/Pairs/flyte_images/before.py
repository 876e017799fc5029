"""Flyte 1: an ImageSpec built on another ImageSpec, and a pinned flytekit plugin (flyte-migrate's examples write both)."""
from flytekit import ImageSpec, task, workflow

nested_image = ImageSpec(
    packages=["pandas"],
    env={"OUTER": "true"},
    base_image=ImageSpec(packages=["numpy"], apt_packages=["git"], env={"INNER": "true"}),
)

spark_image = ImageSpec(base_image="apache/spark-py:v3.4.0", packages=["flytekitplugins-spark==1.16.3", "pyspark"])


@task(container_image=nested_image)
def nested() -> str:
    return "nested"


@task(container_image=spark_image)
def spark() -> str:
    return "spark"


@workflow
def images() -> str:
    nested()
    return spark()
