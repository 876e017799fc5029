"""Churn model training.

Flow of a run: load and clean the customer table (shared tasks), build features,
score a rule-based baseline with cross-validation (map task over folds), sweep
the model's hyperparameters on GPU nodes (dynamic fan-out), and promote the best
model only when it is accurate enough.
"""
import csv
import math
import os
from datetime import datetime, timedelta
from typing import Dict, List

from flytekit import Resources, Secret, conditional, current_context, dynamic, map_task, task, workflow
from flytekit.extras.accelerators import T4

from flyte_flows.common.tasks import clean_rows, load_table

LAKE_ROOT = os.environ.get("ACME_LAKE_ROOT", "/mnt/lake")
FEATURES = ("tenure_months", "monthly_spend_eur", "support_tickets")
PROMOTION_THRESHOLD = 0.9


@task
def build_features(rows: List[Dict[str, str]]) -> List[Dict[str, float]]:
    """Turn cleaned customer rows into numeric feature rows with a `label`."""
    features = []
    for row in rows:
        item = {name: float(row.get(name) or 0.0) for name in FEATURES}
        item["label"] = 1.0 if row.get("churned") == "yes" else 0.0
        features.append(item)
    return features


@task
def make_folds(n_folds: int) -> List[int]:
    return list(range(n_folds))


@task(requests=Resources(cpu="2", mem="4Gi"))
def train_fold(fold: int) -> float:
    """Accuracy of the baseline rule ("3+ tickets means churn") on one fold.

    The fold files are written by the nightly export next to the customer table.
    """
    path = os.path.join(LAKE_ROOT, "churn_folds", f"fold-{fold}.csv")
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    hits = sum(
        1 for row in rows if (int(row["support_tickets"]) >= 3) == (row["churned"] == "yes")
    )
    return hits / max(len(rows), 1)


@task
def average_scores(scores: List[float]) -> float:
    return sum(scores) / max(len(scores), 1)


@task(
    requests=Resources(gpu="1", mem="16Gi"),
    accelerator=T4,
    secret_requests=[Secret(group="wandb", key="api_key")],
    environment={"WANDB_PROJECT": "churn"},
    timeout=timedelta(hours=2),
    interruptible=True,  # spot nodes are fine: a lost trial is simply retried
    retries=1,
)
def train_model(features: List[Dict[str, float]], learning_rate: float, epochs: int) -> float:
    """Train a logistic regression with plain gradient descent; return its accuracy."""
    os.environ["WANDB_API_KEY"] = current_context().secrets.get(group="wandb", key="api_key")
    weights = {name: 0.0 for name in FEATURES}
    bias = 0.0
    for _ in range(epochs):
        for item in features:
            z = bias + sum(weights[name] * item[name] for name in FEATURES)
            error = 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0))) - item["label"]
            bias -= learning_rate * error
            for name in FEATURES:
                weights[name] -= learning_rate * error * item[name]
    correct = 0
    for item in features:
        z = bias + sum(weights[name] * item[name] for name in FEATURES)
        correct += int((z > 0) == (item["label"] == 1.0))
    return correct / max(len(features), 1)


@task
def pick_best(scores: List[float]) -> float:
    return max(scores)


@dynamic
def sweep_hyperparameters(
    features: List[Dict[str, float]], learning_rates: List[float], epochs: List[int]
) -> float:
    """One GPU training per (learning rate, epochs) pair; returns the best accuracy."""
    scores = []
    for learning_rate in learning_rates:
        for n_epochs in epochs:
            scores.append(train_model(features=features, learning_rate=learning_rate, epochs=n_epochs))
    return pick_best(scores=scores)


@task
def promote(accuracy: float, baseline: float) -> str:
    return f"promoted churn model to production (accuracy {accuracy:.3f}, baseline {baseline:.3f})"


@task
def skip_promotion(accuracy: float, baseline: float) -> str:
    return f"kept current model: accuracy {accuracy:.3f} is below {PROMOTION_THRESHOLD} (baseline {baseline:.3f})"


@workflow
def churn_training(run_date: datetime, table: str = "customers") -> str:
    """Train, compare with the baseline, and promote when good enough."""
    rows = load_table(table=table, run_date=run_date)
    cleaned = clean_rows(rows=rows)
    features = build_features(rows=cleaned)
    folds = make_folds(n_folds=5)
    fold_scores = map_task(train_fold, concurrency=4)(fold=folds)
    baseline = average_scores(scores=fold_scores)
    accuracy = sweep_hyperparameters(
        features=features, learning_rates=[0.01, 0.05, 0.1], epochs=[20, 50]
    )
    decision = (
        conditional("deploy")
        .if_(accuracy >= 0.9)
        .then(promote(accuracy=accuracy, baseline=baseline))
        .else_()
        .then(skip_promotion(accuracy=accuracy, baseline=baseline))
    )
    return decision
