-- 0007: no planner statistics for the quiz attempts' JSON payloads. Nothing filters or joins on the option
-- order or the answers, yet ANALYZE sampled and compared both: on the bench (docs/benchmarks.md, run 12) it
-- took 0.9 s of CPU for 118,000 attempts, against 0.2 s without them, and each automatic ANALYZE of this
-- busy table showed as a spike in answer latency.

ALTER TABLE quiz_attempts
    ALTER COLUMN option_order_json SET STATISTICS 0,
    ALTER COLUMN answers_json SET STATISTICS 0;
