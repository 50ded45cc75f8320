-- 0006: authoring. Archived sections (kept for the learner work that points at them), the safety
-- notice's Markdown source (so the course can be edited and exported), and the audit log.

ALTER TABLE sections ADD COLUMN archived_at timestamptz;
ALTER TABLE sections ADD CONSTRAINT ck_sections_archived_unpublished CHECK (archived_at IS NULL OR NOT is_published);

ALTER TABLE courses ADD COLUMN safety_notice_markdown text NOT NULL DEFAULT '';

CREATE TABLE audit_entries (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at            timestamptz NOT NULL,
    actor_id      uuid REFERENCES users (id) ON DELETE SET NULL,
    actor_email   varchar(256) NOT NULL,
    action        varchar(40) NOT NULL,
    item_type     varchar(40) NOT NULL,
    item_id       varchar(100) NOT NULL,
    item_label    varchar(300) NOT NULL,
    changes       jsonb NOT NULL
);
CREATE INDEX ix_audit_entries_at ON audit_entries (at DESC);
CREATE INDEX ix_audit_entries_item ON audit_entries (item_type, item_id);
