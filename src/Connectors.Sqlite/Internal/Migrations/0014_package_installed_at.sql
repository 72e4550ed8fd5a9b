-- 0014: when the terminal's updater last installed a package successfully (UTC .NET ticks, NULL before the first), so
-- that the heartbeat's last update time is the install's and outlives a restart.
ALTER TABLE package_terminal_state ADD COLUMN installed_at INTEGER;
