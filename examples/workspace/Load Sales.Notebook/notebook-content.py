# Fabric notebook source

# METADATA ********************

# META {
# META   "kernel_info": {
# META     "name": "synapse_pyspark"
# META   },
# META   "dependencies": {
# META     "lakehouse": {
# META       "default_lakehouse": "b5ad53a0-60a5-4d1e-94ae-6330f5828e2b",
# META       "default_lakehouse_name": "SalesLakehouse",
# META       "default_lakehouse_workspace_id": "00000000-0000-0000-0000-000000000000",
# META       "known_lakehouses": [
# META         {
# META           "id": "b5ad53a0-60a5-4d1e-94ae-6330f5828e2b"
# META         }
# META       ]
# META     },
# META     "environment": {
# META       "environmentId": "253cb6bc-fc0a-400f-b211-2dd083911643",
# META       "workspaceId": "00000000-0000-0000-0000-000000000000"
# META     }
# META   }
# META }

# MARKDOWN ********************

# # Load Sales
# 
# Reads the order-line CSV files landed under `Files/landing/sales` of **SalesLakehouse** and
# replaces the `sales` Delta table with them. Settings come from the **Sales Config** variable
# library; `RUN_ENVIRONMENT` is rewritten per environment by `parameter.yml` at deploy time.

# PARAMETERS CELL ********************

RUN_ENVIRONMENT = "dev"
TARGET_TABLE = "sales"

# METADATA ********************

# META {
# META   "language": "python",
# META   "language_group": "synapse_pyspark"
# META }

# CELL ********************

from pyspark.sql import functions as F
from pyspark.sql.types import (
    DateType,
    DecimalType,
    IntegerType,
    StringType,
    StructField,
    StructType,
)

config = notebookutils.variableLibrary.getLibrary("Sales Config")
source_folder = config.SourceFolder
min_expected_rows = int(config.MinExpectedRows)
fail_on_quality_issues = bool(config.FailOnQualityIssues)

order_line_schema = StructType(
    [
        StructField("order_id", StringType(), False),
        StructField("order_line", IntegerType(), False),
        StructField("order_date", DateType(), False),
        StructField("region", StringType(), True),
        StructField("product_category", StringType(), True),
        StructField("quantity", IntegerType(), True),
        StructField("unit_price", DecimalType(18, 2), True),
        StructField("discount", DecimalType(5, 4), True),
    ]
)

print(f"[{RUN_ENVIRONMENT}] loading {source_folder}/*.csv into {TARGET_TABLE}")

# METADATA ********************

# META {
# META   "language": "python",
# META   "language_group": "synapse_pyspark"
# META }

# CELL ********************

# A fresh dev workspace has an empty lakehouse: seed a few rows so the pipeline runs end to end.
# Test and prod never get seed data; their files are landed by the upstream export.
def has_csv_files(folder):
    if not notebookutils.fs.exists(folder):
        return False
    return any(f.isFile and f.name.endswith(".csv") for f in notebookutils.fs.ls(folder))


if RUN_ENVIRONMENT == "dev" and not has_csv_files(source_folder):
    seed = "\n".join(
        [
            "order_id,order_line,order_date,region,product_category,quantity,unit_price,discount",
            "SO-10001,1,2025-03-03,West,Bikes,2,749.00,0.05",
            "SO-10001,2,2025-03-03,West,Accessories,4,19.99,0",
            "SO-10002,1,2025-03-03,East,Clothing,3,54.50,0.10",
            "SO-10003,1,2025-03-04,Central,Bikes,1,1299.00,0",
            "SO-10004,1,2025-03-04,East,Accessories,10,8.25,0",
            "SO-10005,1,2025-03-05,West,Clothing,2,39.00,0.15",
        ]
    )
    notebookutils.fs.put(f"{source_folder}/seed_orders.csv", seed + "\n", True)
    print("dev: wrote seed_orders.csv")

# METADATA ********************

# META {
# META   "language": "python",
# META   "language_group": "synapse_pyspark"
# META }

# CELL ********************

raw = (
    spark.read.format("csv")
    .option("header", "true")
    .option("mode", "PERMISSIVE")
    .schema(order_line_schema)
    .load(f"{source_folder}/*.csv")
    .withColumn("source_file", F.col("_metadata.file_path"))
)

sales = (
    raw.dropDuplicates(["order_id", "order_line"])
    .withColumn("region", F.coalesce(F.trim("region"), F.lit("Unknown")))
    .withColumn("product_category", F.coalesce(F.trim("product_category"), F.lit("Unknown")))
    .withColumn("discount", F.coalesce("discount", F.lit(0).cast(DecimalType(5, 4))))
    .withColumn(
        "net_amount",
        (F.col("quantity") * F.col("unit_price") * (F.lit(1) - F.col("discount"))).cast(DecimalType(18, 2)),
    )
    .withColumn("loaded_at", F.current_timestamp())
)

(
    sales.write.format("delta")
    .mode("overwrite")
    .option("overwriteSchema", "true")
    .saveAsTable(TARGET_TABLE)
)

# METADATA ********************

# META {
# META   "language": "python",
# META   "language_group": "synapse_pyspark"
# META }

# CELL ********************

from tabulate import tabulate

loaded = spark.table(TARGET_TABLE)
checks = [
    ("rows", loaded.count(), f">= {min_expected_rows}"),
    ("rows without quantity", loaded.filter(F.col("quantity").isNull()).count(), "0"),
    ("rows with negative amount", loaded.filter(F.col("net_amount") < 0).count(), "0"),
]
print(tabulate(checks, headers=["check", "value", "expected"]))

problems = []
if checks[0][1] < min_expected_rows:
    problems.append(f"only {checks[0][1]} rows loaded, expected at least {min_expected_rows}")
problems += [f"{name}: {value}" for name, value, _ in checks[1:] if value]

if problems and fail_on_quality_issues:
    raise ValueError("sales load failed its quality checks: " + "; ".join(problems))
for p in problems:
    print(f"WARNING: {p}")

# METADATA ********************

# META {
# META   "language": "python",
# META   "language_group": "synapse_pyspark"
# META }
