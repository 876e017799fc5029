"""The Flyte 2 conversion: the base spec's packages, apt packages and environment come first in one image chain."""
import flyte

nested_image = (
    flyte.Image.from_debian_base()
    .with_apt_packages("git")
    .with_pip_packages("numpy")
    .with_env_vars({"INNER": "true"})
    .with_pip_packages("pandas")
    .with_env_vars({"OUTER": "true"})
)

spark_image = flyte.Image.from_base("apache/spark-py:v3.4.0").with_pip_packages("flyteplugins-spark", "pyspark")

nested_env = flyte.TaskEnvironment(name="nested", image=nested_image)
spark_env = flyte.TaskEnvironment(name="spark", image=spark_image)
env = flyte.TaskEnvironment(name="images", depends_on=[nested_env, spark_env])


@nested_env.task
def nested() -> str:
    return "nested"


@spark_env.task
def spark() -> str:
    return "spark"


@env.task
def images() -> str:
    nested()
    return spark()
