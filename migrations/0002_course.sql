-- 0002: the course (weeks and sections), enrolments, progress, worksheet answers and the pain log.

CREATE TABLE courses (
    id                   uuid PRIMARY KEY,
    slug                 varchar(100) NOT NULL UNIQUE,
    title                varchar(200) NOT NULL,
    subtitle             varchar(300) NOT NULL,
    description_markdown text NOT NULL,
    description_html     text NOT NULL,
    author_name          varchar(200) NOT NULL,
    author_credentials   varchar(200) NOT NULL,
    author_bio           text NOT NULL,
    list_price_cents     integer NOT NULL CHECK (list_price_cents >= 0),
    sale_price_cents     integer NOT NULL CHECK (sale_price_cents >= 0 AND sale_price_cents <= list_price_cents),
    currency             varchar(3) NOT NULL,
    not_medical_advice   text NOT NULL,
    what_you_will_learn  text[] NOT NULL,
    faq_json             jsonb NOT NULL,
    safety_notice_html   text NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);

CREATE TABLE weeks (
    id          uuid PRIMARY KEY,
    course_id   uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    number      integer NOT NULL CHECK (number BETWEEN 1 AND 52),
    title       varchar(200) NOT NULL,
    summary     text NOT NULL,
    UNIQUE (course_id, number)
);

CREATE TABLE sections (
    id              uuid PRIMARY KEY,
    course_id       uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    week_number     integer NOT NULL,
    position        integer NOT NULL,
    kind            varchar(20) NOT NULL CHECK (kind IN ('Lesson', 'Tip', 'Tool', 'Worksheet', 'Reflection', 'Quiz', 'Feedback')),
    slug            varchar(120) NOT NULL,
    title           varchar(200) NOT NULL,
    summary         varchar(500) NOT NULL,
    minutes         integer NOT NULL CHECK (minutes >= 0),
    body_markdown   text NOT NULL,
    body_html       text NOT NULL,
    extras_json     jsonb NOT NULL,
    is_published    boolean NOT NULL,
    is_preview      boolean NOT NULL,
    updated_at      timestamptz NOT NULL,
    UNIQUE (course_id, slug),
    FOREIGN KEY (course_id, week_number) REFERENCES weeks (course_id, number)
);
CREATE INDEX ix_sections_course_week_position ON sections (course_id, week_number, position);

CREATE TABLE enrolments (
    id                   uuid PRIMARY KEY,
    user_id              uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    course_id            uuid NOT NULL REFERENCES courses (id),
    started_at           timestamptz NOT NULL,
    status               varchar(20) NOT NULL CHECK (status IN ('Active', 'Paused', 'Refunded', 'Revoked')),
    paused_at            timestamptz,
    paused_total         interval NOT NULL DEFAULT '0',
    all_weeks_unlocked   boolean NOT NULL DEFAULT false,
    safety_confirmed_at  timestamptz,
    created_at           timestamptz NOT NULL,
    UNIQUE (user_id, course_id),
    CHECK ((status = 'Paused') = (paused_at IS NOT NULL))
);
CREATE INDEX ix_enrolments_course_id ON enrolments (course_id);

-- Sections with learner work must be archived rather than deleted, so no cascade from sections.
CREATE TABLE section_progress (
    enrolment_id     uuid NOT NULL REFERENCES enrolments (id) ON DELETE CASCADE,
    section_id       uuid NOT NULL REFERENCES sections (id),
    first_opened_at  timestamptz NOT NULL,
    completed_at     timestamptz,
    PRIMARY KEY (enrolment_id, section_id)
);
CREATE INDEX ix_section_progress_section_id ON section_progress (section_id);

CREATE TABLE worksheet_answers (
    enrolment_id  uuid NOT NULL REFERENCES enrolments (id) ON DELETE CASCADE,
    section_id    uuid NOT NULL REFERENCES sections (id),
    answers_json  jsonb NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (enrolment_id, section_id)
);

CREATE TABLE pain_log_entries (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day         date NOT NULL,
    pain        integer NOT NULL CHECK (pain BETWEEN 0 AND 10),
    stiffness   integer NOT NULL CHECK (stiffness BETWEEN 0 AND 10),
    note        varchar(500),
    updated_at  timestamptz NOT NULL,
    UNIQUE (user_id, day)
);
