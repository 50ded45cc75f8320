-- Hangfire replaces Quartz (decision 0020). Hangfire keeps its own tables in the "hangfire" schema, made and
-- upgraded by Hangfire.PostgreSql's installer, which `migrate` runs after these files under the same lock.
DROP TABLE IF EXISTS
    qrtz_fired_triggers, qrtz_paused_trigger_grps, qrtz_paused_job_grps, qrtz_scheduler_state, qrtz_locks,
    qrtz_simple_triggers, qrtz_cron_triggers, qrtz_simprop_triggers, qrtz_blob_triggers, qrtz_triggers,
    qrtz_job_details, qrtz_calendars, qrtz_execution_history, qrtz_misfire_history, qrtz_job_status
    CASCADE;

-- The welcome email is a notification row like any other; the order no longer records it.
ALTER TABLE orders DROP COLUMN IF EXISTS welcome_sent_at;
