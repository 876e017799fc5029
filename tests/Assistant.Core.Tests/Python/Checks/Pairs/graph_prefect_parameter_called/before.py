"""Graph check pair (Prefect 1): Parameters called where they are declared (prefeitura-rio/pipelines' satellite flows), which binds them and gives their value."""
from prefect import Flow, Parameter, task


@task
def download(product, band):
    return [product, band]


with Flow("satellite") as flow:
    band = Parameter("band", default=None, required=False)()
    product = Parameter("product", default=None, required=False)()
    download(product=product, band=band)
