-- Chasing and scoring (issue 12): the numbered notice ladder with answers, extension
-- requests, the in-app inbox, outbound deliveries (recorded before they are attempted),
-- endpoint settings, the scheduler lease, manual score adjustments and score snapshots.
-- Dates that a rule compares (issued_on, answered_on, new_due …) are the day in China
-- the app's clock gave, stored beside the timestamps.

-- The ladder's settings and the scoring rules of a plan: JSON of duban-core's ChaseConfig
-- and ScoringRules (NULL = the defaults).
ALTER TABLE plans ADD COLUMN chase_config TEXT;
ALTER TABLE plans ADD COLUMN scoring_rules TEXT;

-- A notice is a 单: 编号 (number, counted per plan, kind and year in number_seq), 事项
-- (matter), 要求 (requirement), 责任单位 (unit_id, with its name as issued), 责任人
-- (responsible), 时限 (due_date). chase_key makes an automatic notice unique; parent_id
-- is the notice it escalated from. resolved_at is set once answered or closed.
ALTER TABLE notices ADD COLUMN chase_key TEXT;
ALTER TABLE notices ADD COLUMN level TEXT NOT NULL DEFAULT 'plain';
ALTER TABLE notices ADD COLUMN cause TEXT NOT NULL DEFAULT 'manual';
ALTER TABLE notices ADD COLUMN parent_id INTEGER REFERENCES notices(id);
ALTER TABLE notices ADD COLUMN number_year INTEGER;
ALTER TABLE notices ADD COLUMN number_seq INTEGER;
ALTER TABLE notices ADD COLUMN matter TEXT NOT NULL DEFAULT '';
ALTER TABLE notices ADD COLUMN requirement TEXT NOT NULL DEFAULT '';
ALTER TABLE notices ADD COLUMN unit_name TEXT;
ALTER TABLE notices ADD COLUMN responsible TEXT;
ALTER TABLE notices ADD COLUMN issued_on TEXT;
ALTER TABLE notices ADD COLUMN answered_at TEXT;
ALTER TABLE notices ADD COLUMN answered_on TEXT;
ALTER TABLE notices ADD COLUMN closed_at TEXT;
ALTER TABLE notices ADD COLUMN closed_by INTEGER REFERENCES users(id);
ALTER TABLE notices ADD COLUMN close_comment TEXT;
CREATE UNIQUE INDEX notices_chase_key ON notices(chase_key);
CREATE UNIQUE INDEX notices_number_seq ON notices(plan_id, kind, number_year, number_seq);
CREATE INDEX notices_plan ON notices(plan_id, kind);
CREATE INDEX notices_parent ON notices(parent_id);

-- 反馈: a unit's answer to a notice, with attachments.
CREATE TABLE notice_answers (
    id INTEGER PRIMARY KEY,
    notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    answered_on TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    answered_by INTEGER REFERENCES users(id)
);
CREATE INDEX notice_answers_notice ON notice_answers(notice_id, id);

CREATE TABLE notice_answer_files (
    id INTEGER PRIMARY KEY,
    answer_id INTEGER NOT NULL REFERENCES notice_answers(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    stored_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by INTEGER REFERENCES users(id),
    uploaded_at TEXT NOT NULL
);
CREATE INDEX notice_answer_files_answer ON notice_answer_files(answer_id);

-- 延期申请: at most one pending request per item, unit and period.
CREATE TABLE extension_requests (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    period TEXT NOT NULL,
    old_due TEXT NOT NULL,
    new_due TEXT NOT NULL,
    reason TEXT NOT NULL,
    requested_on TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    requested_by INTEGER REFERENCES users(id),
    state TEXT NOT NULL DEFAULT 'pending',
    decided_on TEXT,
    decided_at TEXT,
    decided_by INTEGER REFERENCES users(id),
    decision_comment TEXT
);
CREATE INDEX extension_requests_plan ON extension_requests(plan_id, item_id);
CREATE UNIQUE INDEX extension_requests_one_pending ON extension_requests(item_id, unit_id, period)
    WHERE state = 'pending';

-- Keys of the reminders the chase pass has recorded (a digest per unit and day, and a line
-- per item, period and stage), so that nothing is sent twice.
CREATE TABLE chase_marks (
    mark_key TEXT PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    unit_id INTEGER REFERENCES units(id),
    item_id INTEGER REFERENCES items(id) ON DELETE CASCADE,
    period TEXT,
    marked_on TEXT NOT NULL,
    marked_at TEXT NOT NULL
);
CREATE INDEX chase_marks_plan ON chase_marks(plan_id);

-- The in-app inbox: one row per user and message, unique per user and key.
CREATE TABLE inbox_messages (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    msg_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    link TEXT,
    notice_id INTEGER REFERENCES notices(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    read_at TEXT,
    UNIQUE (user_id, msg_key)
);
CREATE INDEX inbox_messages_user ON inbox_messages(user_id, read_at);

-- Where outbound messages go: 企业微信 / 钉钉 group robots (target = webhook URL, secret =
-- 钉钉 加签 secret, format = markdown | text) and e-mail (target = addresses). unit_id NULL:
-- the office's own.
CREATE TABLE notify_endpoints (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    channel TEXT NOT NULL,
    target TEXT NOT NULL,
    secret TEXT,
    format TEXT NOT NULL DEFAULT 'markdown',
    unit_id INTEGER REFERENCES units(id) ON DELETE CASCADE,
    enabled INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by INTEGER REFERENCES users(id)
);
CREATE INDEX notify_endpoints_unit ON notify_endpoints(unit_id);

-- The intranet mail relay (one row).
CREATE TABLE smtp_relay (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    host TEXT NOT NULL,
    port INTEGER NOT NULL DEFAULT 25,
    security TEXT NOT NULL DEFAULT 'none',
    username TEXT,
    password TEXT,
    from_addr TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    updated_by INTEGER REFERENCES users(id)
);

-- One row per message to one endpoint, written BEFORE it is sent; delivery_key makes a
-- second recording of the same message a no-op. Each attempt and its response is a row of
-- delivery_attempts.
CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    delivery_key TEXT NOT NULL UNIQUE,
    endpoint_id INTEGER REFERENCES notify_endpoints(id) ON DELETE SET NULL,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    unit_id INTEGER REFERENCES units(id),
    notice_id INTEGER REFERENCES notices(id) ON DELETE SET NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    last_attempt_at TEXT,
    sent_at TEXT,
    last_error TEXT
);
CREATE INDEX deliveries_state ON deliveries(state, id);

CREATE TABLE delivery_attempts (
    id INTEGER PRIMARY KEY,
    delivery_id INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
    attempt INTEGER NOT NULL,
    at TEXT NOT NULL,
    ok INTEGER NOT NULL,
    status_code INTEGER,
    response TEXT,
    error TEXT
);
CREATE INDEX delivery_attempts_delivery ON delivery_attempts(delivery_id, attempt);

-- Exactly one server process runs the scheduler: it holds the lease until expires_ms
-- (milliseconds since 1970, so both backends compare numbers); an expired lease is taken over.
CREATE TABLE scheduler_leases (
    name TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    acquired_at TEXT NOT NULL,
    expires_ms INTEGER NOT NULL
);

-- The office's manual score adjustments, with their reason (the app audits them). The
-- computed entries are derived from the records, never stored one by one (the old
-- `scores` table stays unused).
CREATE TABLE score_adjustments (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    item_id INTEGER REFERENCES items(id) ON DELETE SET NULL,
    period TEXT NOT NULL,
    points REAL NOT NULL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id)
);
CREATE INDEX score_adjustments_plan ON score_adjustments(plan_id, unit_id);

-- A published score per unit and span (2024-06, 2024-Q2, 2024), with its entries as JSON,
-- so a rank change is read against what was published.
CREATE TABLE score_snapshots (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    span TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    total REAL NOT NULL,
    rank INTEGER NOT NULL,
    entries TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    UNIQUE (plan_id, span, unit_id)
);
