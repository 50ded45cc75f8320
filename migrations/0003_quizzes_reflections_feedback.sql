-- 0003: quiz attempts, reflections with their review thread, instructors per course,
-- suggestions and weekly feedback, "was this helpful?" votes, course reviews, digest bookkeeping.

CREATE TABLE quiz_attempts (
    id                  uuid PRIMARY KEY,
    enrolment_id        uuid NOT NULL REFERENCES enrolments (id) ON DELETE CASCADE,
    section_id          uuid NOT NULL REFERENCES sections (id),
    number              integer NOT NULL CHECK (number >= 1),
    option_order_json   jsonb NOT NULL,
    answers_json        jsonb,
    started_at          timestamptz NOT NULL,
    submitted_at        timestamptz,
    correct_count       integer,
    graded_count        integer,
    score_percent       integer CHECK (score_percent BETWEEN 0 AND 100),
    passed              boolean,
    UNIQUE (enrolment_id, section_id, number)
);
-- At most one attempt in progress per learner and quiz.
CREATE UNIQUE INDEX ux_quiz_attempts_open ON quiz_attempts (enrolment_id, section_id) WHERE submitted_at IS NULL;
CREATE INDEX ix_quiz_attempts_section ON quiz_attempts (section_id) WHERE submitted_at IS NOT NULL;

CREATE TABLE course_instructors (
    course_id   uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (course_id, user_id)
);
CREATE INDEX ix_course_instructors_user ON course_instructors (user_id);

CREATE TABLE reflections (
    id              uuid PRIMARY KEY,
    enrolment_id    uuid NOT NULL REFERENCES enrolments (id) ON DELETE CASCADE,
    section_id      uuid NOT NULL REFERENCES sections (id),
    state           varchar(30) NOT NULL CHECK (state IN ('Draft', 'Submitted', 'RevisionRequested', 'Resubmitted', 'Reviewed')),
    answers_json    jsonb NOT NULL,
    urgent          boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    submitted_at    timestamptz,
    reviewed_at     timestamptz,
    UNIQUE (enrolment_id, section_id)
);
-- The instructor queue: waiting reflections, urgent first, oldest first.
CREATE INDEX ix_reflections_queue ON reflections (urgent DESC, submitted_at) WHERE state IN ('Submitted', 'Resubmitted');

CREATE TABLE reflection_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reflection_id   uuid NOT NULL REFERENCES reflections (id) ON DELETE CASCADE,
    actor_id        uuid,
    from_state      varchar(30),
    to_state        varchar(30) NOT NULL,
    at              timestamptz NOT NULL
);
CREATE INDEX ix_reflection_events_reflection ON reflection_events (reflection_id, at);

CREATE TABLE reflection_messages (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reflection_id   uuid NOT NULL REFERENCES reflections (id) ON DELETE CASCADE,
    author_id       uuid,
    from_instructor boolean NOT NULL,
    body            varchar(5000) NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX ix_reflection_messages_reflection ON reflection_messages (reflection_id, created_at);

CREATE TABLE feedback_items (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    course_id       uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    user_id         uuid REFERENCES users (id) ON DELETE SET NULL,
    section_id      uuid NOT NULL REFERENCES sections (id),
    week_number     integer NOT NULL,
    kind            varchar(20) NOT NULL CHECK (kind IN ('Suggestion', 'WeekFeedback')),
    body            varchar(4000) NOT NULL,
    answers_json    jsonb,
    status          varchar(20) NOT NULL CHECK (status IN ('New', 'Read', 'Answered')),
    created_at      timestamptz NOT NULL,
    reply           varchar(4000),
    replied_at      timestamptz,
    replied_by      uuid
);
CREATE INDEX ix_feedback_items_status ON feedback_items (status, created_at);

CREATE TABLE section_votes (
    enrolment_id    uuid NOT NULL REFERENCES enrolments (id) ON DELETE CASCADE,
    section_id      uuid NOT NULL REFERENCES sections (id),
    helpful         boolean NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (enrolment_id, section_id)
);
CREATE INDEX ix_section_votes_section ON section_votes (section_id);

CREATE TABLE course_reviews (
    id          uuid PRIMARY KEY,
    course_id   uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    rating      integer NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body        varchar(2000) NOT NULL,
    status      varchar(20) NOT NULL CHECK (status IN ('Pending', 'Approved', 'Hidden')),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    UNIQUE (course_id, user_id)
);

CREATE TABLE digest_runs (
    instructor_id   uuid NOT NULL,
    day             date NOT NULL,
    sent_at         timestamptz NOT NULL,
    count           integer NOT NULL,
    PRIMARY KEY (instructor_id, day)
);
