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

# # Transform Sales
# 
# Aggregates the `sales` table (written by **Load Sales**) into `sales_daily_summary`: one row per
# day, region and product category, flagged when the day is a US public holiday. The **Sales Model**
# semantic model reads this table through the lakehouse SQL analytics endpoint.

# PARAMETERS CELL ********************

RUN_ENVIRONMENT = "dev"
SOURCE_TABLE = "sales"
TARGET_TABLE = "sales_daily_summary"

# METADATA ********************

# META {
# META   "language": "python",
# META   "language_group": "synapse_pyspark"
# META }

# CELL ********************

import holidays
from pyspark.sql import functions as F

sales = spark.table(SOURCE_TABLE)

years = [r.year for r in sales.select(F.year("order_date").alias("year")).distinct().collect()]
us_holidays = holidays.country_holidays("US", years=years)
holiday_days = spark.createDataFrame(
    sorted(us_holidays.items()),
    "order_date date, holiday_name string",
)

summary = (
    sales.groupBy("order_date", "region", "product_category")
    .agg(
        F.sum("net_amount").cast("decimal(18,2)").alias("net_revenue"),
        F.sum("quantity").cast("int").alias("units_sold"),
        F.countDistinct("order_id").cast("int").alias("order_count"),
    )
    .join(holiday_days, "order_date", "left")
    .withColumn("is_public_holiday", F.col("holiday_name").isNotNull())
    .drop("holiday_name")
    .withColumn("refreshed_at", F.current_timestamp())
)

(
    summary.write.format("delta")
    .mode("overwrite")
    .option("overwriteSchema", "true")
    .saveAsTable(TARGET_TABLE)
)
print(f"[{RUN_ENVIRONMENT}] {TARGET_TABLE}: {summary.count()} rows")

# METADATA ********************

# META {
# META   "language": "python",
# META   "language_group": "synapse_pyspark"
# META }

# CELL ********************

# MAGIC %%sql
# MAGIC SELECT region,
# MAGIC        SUM(net_revenue) AS net_revenue,
# MAGIC        SUM(order_count) AS orders
# MAGIC FROM sales_daily_summary
# MAGIC GROUP BY region
# MAGIC ORDER BY net_revenue DESC

# METADATA ********************

# META {
# META   "language": "sparksql",
# META   "language_group": "synapse_pyspark"
# META }
