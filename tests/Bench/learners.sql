-- 10,000 learners (psql -v count=N), spread over the six weeks, each with the progress a learner at
-- that point would have: every section of earlier weeks completed, this week's first half opened.
-- They share the admin's password hash (the bench signs some of them in with the admin's password).
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE bench_learners AS
SELECT n, gen_random_uuid() AS user_id, gen_random_uuid() AS enrolment_id,
       now() - make_interval(days => (n % 42), mins => 5) AS started_at
FROM generate_series(1, :count) AS n;

INSERT INTO users (id, display_name, time_zone_id, created_at, user_name, normalized_user_name, email, normalized_email,
                   email_confirmed, password_hash, security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled,
                   lockout_enabled, access_failed_count)
SELECT b.user_id, 'Bench Learner ' || b.n, 'UTC', b.started_at,
       'bench' || b.n || '@example.test', upper('bench' || b.n || '@example.test'),
       'bench' || b.n || '@example.test', upper('bench' || b.n || '@example.test'),
       true, a.password_hash, gen_random_uuid()::text, gen_random_uuid()::text, false, false, true, 0
FROM bench_learners b, (SELECT password_hash FROM users WHERE normalized_email = upper(:'admin')) a;

INSERT INTO user_roles (user_id, role_id)
SELECT b.user_id, r.id FROM bench_learners b, roles r WHERE r.name = 'Learner';

INSERT INTO enrolments (id, user_id, course_id, started_at, status, safety_confirmed_at, created_at)
SELECT b.enrolment_id, b.user_id, c.id, b.started_at, 'Active', b.started_at, b.started_at
FROM bench_learners b, (SELECT id FROM courses ORDER BY created_at LIMIT 1) c;

INSERT INTO section_progress (enrolment_id, section_id, first_opened_at, completed_at)
SELECT b.enrolment_id, s.id, b.started_at + make_interval(days => (s.week_number - 1) * 7),
       CASE WHEN s.week_number - 1 < (b.n % 42) / 7 THEN b.started_at + make_interval(days => (s.week_number - 1) * 7 + 1) END
FROM bench_learners b
JOIN sections s ON s.is_published
WHERE s.week_number - 1 < (b.n % 42) / 7 OR (s.week_number - 1 = (b.n % 42) / 7 AND s.position <= 8);
COMMIT;
ANALYZE;
