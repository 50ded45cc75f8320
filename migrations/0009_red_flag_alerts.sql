-- 0008: red flags found in anything a learner writes outside a reflection's answers (worksheet answers,
-- suggestions, week feedback, pain-log notes, messages in a reflection's thread). Reflections keep their own urgent flag; these rows put the other writing
-- at the top of the instructor's queue until someone marks it handled (docs/decisions/0019).

CREATE TABLE red_flag_alerts (
    id              uuid PRIMARY KEY,
    course_id       uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    source          varchar(20) NOT NULL CHECK (source IN ('Worksheet', 'Suggestion', 'WeekFeedback', 'PainLog', 'ReflectionMessage')),
    section_id      uuid REFERENCES sections (id) ON DELETE SET NULL,
    flags           varchar(200) NOT NULL,
    excerpt         varchar(1000) NOT NULL,
    created_at      timestamptz NOT NULL,
    handled_at      timestamptz,
    handled_by      uuid
);
CREATE INDEX ix_red_flag_alerts_open ON red_flag_alerts (course_id, created_at) WHERE handled_at IS NULL;
