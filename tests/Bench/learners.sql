-- 10,000 learners (psql -v count=N), spread over the six weeks, each with the work a learner at that
-- point would have: every section of earlier weeks completed (each quiz passed, so it has an attempt),
-- this week's first half opened, and pain logged every other day. Without the attempts and the pain log
-- the tables' statistics were those of an empty course, and PostgreSQL planned the dashboard's statement
-- on every request (docs/benchmarks.md, run 8).
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

-- A learner who completed a quiz passed it: one attempt, answered correctly (a self-assessment, with ratings).
INSERT INTO quiz_attempts (id, enrolment_id, section_id, number, option_order_json, answers_json, started_at, submitted_at,
                           correct_count, graded_count, score_percent, passed)
SELECT gen_random_uuid(), p.enrolment_id, s.id, 1, k.order_json, k.answers_json, p.completed_at - interval '10 minutes',
       p.completed_at, k.graded, k.graded, 100, true
FROM section_progress p
JOIN bench_learners b ON b.enrolment_id = p.enrolment_id
JOIN sections s ON s.id = p.section_id AND s.kind = 'Quiz'
CROSS JOIN LATERAL (
  SELECT jsonb_object_agg(q->>'key', (SELECT coalesce(jsonb_agg(o.i - 1), '[]'::jsonb)
                                        FROM jsonb_array_elements(coalesce(q->'options', '[]'::jsonb)) WITH ORDINALITY o(v, i))) AS order_json,
         jsonb_object_agg(q->>'key', CASE WHEN q->>'type' = 'rating'
           THEN jsonb_build_array((3 + abs(hashtext(p.enrolment_id::text || (q->>'key'))) % 5)::text)
           ELSE (SELECT jsonb_agg((q->>'key') || '.' || (o.i - 1))
                   FROM jsonb_array_elements(q->'options') WITH ORDINALITY o(v, i) WHERE (o.v->>'correct')::boolean) END) AS answers_json,
         (count(*) FILTER (WHERE q->>'type' <> 'rating'))::int AS graded
  FROM jsonb_array_elements(s.extras_json->'questions') q) k
WHERE p.completed_at IS NOT NULL;

-- Pain logged every other day since the start, easing week by week; now and then a note.
INSERT INTO pain_log_entries (user_id, day, pain, stiffness, note, updated_at)
SELECT e.user_id, d::date, greatest(1, 7 - (d::date - e.started_at::date) / 7), greatest(1, 6 - (d::date - e.started_at::date) / 7),
       CASE WHEN (d::date - e.started_at::date) % 6 = 0 THEN 'Stiff after a long day at the desk; the doorway stretch helped.' END, d
FROM bench_learners b
JOIN enrolments e ON e.id = b.enrolment_id
CROSS JOIN LATERAL generate_series(e.started_at, now(), interval '2 days') d;
COMMIT;
ANALYZE;
