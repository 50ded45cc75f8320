-- 0004: orders, every Stripe event once, and refunds Stripe confirmed.

CREATE TABLE orders (
    id                    uuid PRIMARY KEY,
    user_id               uuid REFERENCES users (id) ON DELETE SET NULL,
    course_id             uuid NOT NULL REFERENCES courses (id),
    status                varchar(20) NOT NULL CHECK (status IN ('Pending', 'Paid', 'Failed', 'Expired', 'Refunded')),
    list_price_cents      integer NOT NULL,
    discount_cents        integer NOT NULL,
    amount_cents          integer NOT NULL,
    currency              varchar(3) NOT NULL,
    checkout_session_id   varchar(255) UNIQUE,
    checkout_url          text,
    payment_intent_id     varchar(255),
    created_at            timestamptz NOT NULL,
    paid_at               timestamptz,
    refund_requested_at   timestamptz,
    refunded_at           timestamptz,
    welcome_sent_at       timestamptz,
    last_error            text
);
CREATE INDEX ix_orders_user_id ON orders (user_id);
CREATE INDEX ix_orders_payment_intent_id ON orders (payment_intent_id);
CREATE INDEX ix_orders_created_at ON orders (created_at);

CREATE TABLE stripe_events (
    id            varchar(255) PRIMARY KEY,
    type          varchar(100) NOT NULL,
    payload       jsonb NOT NULL,
    received_at   timestamptz NOT NULL,
    processed_at  timestamptz,
    attempts      integer NOT NULL DEFAULT 0,
    error         text
);
CREATE INDEX ix_stripe_events_pending ON stripe_events (received_at) WHERE processed_at IS NULL;

CREATE TABLE payment_refunds (
    payment_intent_id       varchar(255) PRIMARY KEY,
    amount_refunded_cents   integer NOT NULL,
    fully_refunded          boolean NOT NULL,
    at                      timestamptz NOT NULL
);
