-- 0008: settings the schema depends on, recorded by the first host that starts and checked by every later one
-- (log_partition_interval: LogPartitionInterval in .NET ticks, since the stored partitions are cut by it).
CREATE TABLE posfleet_settings (
    name  text COLLATE "C" PRIMARY KEY,
    value text NOT NULL
);
