-- 0012: the back office's expiry sweep finds the actions still Pending or Delivered past their time to live by index,
-- without reading the done ones (which accumulate).
CREATE INDEX remote_actions_open_expiry ON remote_actions (expires_at) WHERE state IN (0, 1);
