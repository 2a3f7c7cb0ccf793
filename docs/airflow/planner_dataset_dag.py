"""Airflow DAG: the daily planner training dataset, built by the dsgen JAR (spec section 4).

Runs every day at 02:00 UTC for the previous day's logical date: `planner-dataset build --date
{{ ds }}` over the 7 days before it, from the event database in PostgreSQL, into
/datasets/planner/<date>/ (re-runs and backfills replace that folder as a unit), logged to MLflow.
Exit codes: 3 bad source data, 4 validation failed (the folder is kept for inspection), 5 database
or MLflow unreachable: all fail the task; Airflow's retries cover the transient ones.

Install: copy this file into the DAGs folder; put dsgen.jar at DSGEN_JAR (default
/opt/dsgen/dsgen.jar) on the workers; give the workers PGPASSWORD (e.g. from an Airflow
connection or secret backend), never in the URL.
"""
from datetime import datetime, timedelta
import os

from airflow import DAG
from airflow.operators.bash import BashOperator

DSGEN_JAR = os.environ.get("DSGEN_JAR", "/opt/dsgen/dsgen.jar")
EVENT_DB = os.environ.get("PLANNER_EVENT_DB", "jdbc:postgresql://events-db:5432/app?user=dsgen")
MLFLOW_URI = os.environ.get("MLFLOW_TRACKING_URI", "http://mlflow:5000")

with DAG(
    dag_id="training_data_generation",
    schedule="0 2 * * *",  # daily at 02:00
    start_date=datetime(2025, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
    tags=["dsgen", "planner"],
) as dag:
    build = BashOperator(
        task_id="planner_dataset_build",
        bash_command=(
            "java -Xmx4g -jar {{ params.jar }} planner-dataset build"
            " --date {{ ds }} --lookback-days 7"
            " --db '{{ params.db }}'"
            " --out /datasets/planner"
            " --as-known-at --pantry-max-staleness 7d"
            " --mlflow-uri {{ params.mlflow }}"
        ),
        params={"jar": DSGEN_JAR, "db": EVENT_DB, "mlflow": MLFLOW_URI},
        env={"PGPASSWORD": "{{ var.value.get('planner_pgpassword', '') }}"},
        append_env=True,
    )
