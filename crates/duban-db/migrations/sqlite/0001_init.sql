-- duban's whole domain model. Later issues add behaviour, not rework; migrations only add.
-- Codes (roles, states, kinds …) are stored as the stable English codes of duban-core.

CREATE TABLE governments (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    level TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- A tree of 委办局 and 乡镇/街道. seq gives the office's usual order (never DB collation).
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    parent_id INTEGER REFERENCES units(id),
    kind TEXT NOT NULL,
    seq INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE INDEX units_parent ON units(parent_id);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    unit_id INTEGER REFERENCES units(id),
    phone TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    last_login_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX users_unit ON users(unit_id);

-- Only the SHA-256 of the cookie token is stored, so a leaked table opens no session.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    user_agent TEXT,
    ip TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

-- One plan per government and year, keeping the report's original text so that every
-- target and task can point back at its sentence.
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    government_id INTEGER NOT NULL REFERENCES governments(id),
    year INTEGER NOT NULL,
    title TEXT NOT NULL,
    source_name TEXT NOT NULL,
    source_text TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    review_year INTEGER,
    due_day INTEGER NOT NULL DEFAULT 25,
    default_cycle TEXT NOT NULL DEFAULT 'monthly',
    thresholds TEXT,
    parse_diagnostics TEXT,
    imported_at TEXT NOT NULL,
    imported_by INTEGER REFERENCES users(id),
    UNIQUE (government_id, year)
);

CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES sections(id),
    seq INTEGER NOT NULL,
    level INTEGER NOT NULL,
    marker TEXT NOT NULL,
    heading TEXT NOT NULL,
    part TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL
);
CREATE INDEX sections_plan ON sections(plan_id, seq);

-- Targets and tasks of a plan. A target carried by a task points at it with parent_id.
-- value/op/measure are the current (possibly adjusted) ones; item_adjustments keeps the old.
CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    section_id INTEGER REFERENCES sections(id),
    parent_id INTEGER REFERENCES items(id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    indicator TEXT,
    value REAL,
    value_max REAL,
    unit TEXT,
    op TEXT,
    measure TEXT,
    direction TEXT,
    figure_year INTEGER,
    start_char INTEGER,
    end_char INTEGER,
    adjusted INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX items_plan ON items(plan_id, seq);
CREATE INDEX items_section ON items(section_id);
CREATE INDEX items_parent ON items(parent_id);

CREATE TABLE item_adjustments (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    old_value REAL,
    old_value_max REAL,
    old_op TEXT,
    new_value REAL,
    new_value_max REAL,
    new_op TEXT,
    reason TEXT NOT NULL,
    adjusted_at TEXT NOT NULL,
    adjusted_by INTEGER REFERENCES users(id)
);
CREATE INDEX item_adjustments_item ON item_adjustments(item_id);

-- 分解: one assignment per item. Supporting units in assignment_units.
CREATE TABLE assignments (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL UNIQUE REFERENCES items(id) ON DELETE CASCADE,
    lead_unit_id INTEGER NOT NULL REFERENCES units(id),
    leader_name TEXT,
    leader_user_id INTEGER REFERENCES users(id),
    deadline TEXT,
    weight REAL NOT NULL DEFAULT 1,
    cycle TEXT NOT NULL DEFAULT 'monthly',
    note TEXT,
    updated_at TEXT NOT NULL,
    updated_by INTEGER REFERENCES users(id)
);
CREATE INDEX assignments_lead ON assignments(lead_unit_id);
CREATE INDEX assignments_leader ON assignments(leader_user_id);

CREATE TABLE assignment_units (
    assignment_id INTEGER NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    PRIMARY KEY (assignment_id, unit_id)
);
CREATE INDEX assignment_units_unit ON assignment_units(unit_id);

-- Planned milestones per period: a planned cumulative value and/or a 形象进度 sentence.
CREATE TABLE milestones (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    planned_value REAL,
    description TEXT,
    is_final INTEGER NOT NULL DEFAULT 0,
    UNIQUE (item_id, period)
);

-- Reporting cycles: one row per plan and period once the office opens it (due date may be moved).
CREATE TABLE reporting_periods (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    due_date TEXT NOT NULL,
    closed INTEGER NOT NULL DEFAULT 0,
    UNIQUE (plan_id, period)
);

-- One unit's report on one item for one period. Corrections update the row and append to
-- report_history, so the full history is kept.
CREATE TABLE progress_reports (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    period TEXT NOT NULL,
    value REAL,
    milestone_done INTEGER,
    progress TEXT NOT NULL DEFAULT '',
    problems TEXT NOT NULL DEFAULT '',
    next_steps TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    is_late INTEGER NOT NULL DEFAULT 0,
    is_contribution INTEGER NOT NULL DEFAULT 0,
    provenance TEXT NOT NULL DEFAULT 'reported',
    return_comment TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    approved_at TEXT,
    accepted_at TEXT,
    UNIQUE (item_id, unit_id, period)
);
CREATE INDEX progress_reports_item_period ON progress_reports(item_id, period);
CREATE INDEX progress_reports_unit_period ON progress_reports(unit_id, period, state);
CREATE INDEX progress_reports_state ON progress_reports(state);

CREATE TABLE report_history (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES progress_reports(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id),
    action TEXT NOT NULL,
    state_from TEXT,
    state_to TEXT NOT NULL,
    comment TEXT,
    snapshot TEXT NOT NULL
);
CREATE INDEX report_history_report ON report_history(report_id, at);

CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES progress_reports(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    stored_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by INTEGER REFERENCES users(id),
    uploaded_at TEXT NOT NULL
);
CREATE INDEX attachments_report ON attachments(report_id);

-- Named series (地区生产总值 …) and their values per period with provenance.
CREATE TABLE indicators (
    id INTEGER PRIMARY KEY,
    government_id INTEGER NOT NULL REFERENCES governments(id),
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    measure TEXT NOT NULL,
    UNIQUE (government_id, name, unit, measure)
);

CREATE TABLE indicator_values (
    id INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    value REAL NOT NULL,
    op TEXT NOT NULL DEFAULT '=',
    provenance TEXT NOT NULL,
    plan_id INTEGER REFERENCES plans(id) ON DELETE CASCADE,
    item_id INTEGER REFERENCES items(id) ON DELETE SET NULL,
    start_char INTEGER,
    end_char INTEGER,
    note TEXT,
    recorded_at TEXT NOT NULL,
    recorded_by INTEGER REFERENCES users(id)
);
CREATE INDEX indicator_values_series ON indicator_values(indicator_id, period);
CREATE INDEX indicator_values_plan ON indicator_values(plan_id);

-- Registers the report cites (behaviour in their own issue).
CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    government_id INTEGER NOT NULL REFERENCES governments(id),
    year INTEGER NOT NULL,
    name TEXT NOT NULL,
    content TEXT NOT NULL DEFAULT '',
    total_investment REAL,
    annual_plan_investment REAL,
    completed_investment REAL,
    stage TEXT NOT NULL DEFAULT 'signed',
    planned_start TEXT,
    actual_start TEXT,
    lead_unit_id INTEGER REFERENCES units(id),
    leader_name TEXT,
    registered_in_stats INTEGER NOT NULL DEFAULT 0,
    item_id INTEGER REFERENCES items(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX projects_gov_year ON projects(government_id, year);
CREATE INDEX projects_unit ON projects(lead_unit_id);

CREATE TABLE proposals (
    id INTEGER PRIMARY KEY,
    government_id INTEGER NOT NULL REFERENCES governments(id),
    year INTEGER NOT NULL,
    source TEXT NOT NULL,
    number TEXT NOT NULL,
    title TEXT NOT NULL,
    proposer TEXT NOT NULL DEFAULT '',
    lead_unit_id INTEGER REFERENCES units(id),
    assigned_at TEXT,
    due_date TEXT,
    replied_at TEXT,
    category TEXT,
    satisfaction TEXT,
    state TEXT NOT NULL DEFAULT 'assigned',
    item_id INTEGER REFERENCES items(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    UNIQUE (government_id, year, source, number)
);
CREATE INDEX proposals_unit ON proposals(lead_unit_id, state);

CREATE TABLE service_items (
    id INTEGER PRIMARY KEY,
    government_id INTEGER NOT NULL REFERENCES governments(id),
    name TEXT NOT NULL,
    unit_id INTEGER REFERENCES units(id),
    online INTEGER NOT NULL DEFAULT 0,
    at_most_once INTEGER NOT NULL DEFAULT 0,
    promised_days INTEGER,
    legal_days INTEGER,
    created_at TEXT NOT NULL
);
CREATE INDEX service_items_gov ON service_items(government_id);

-- The escalation ladder: reminders, 交办单, 催办单, 督办通知单, 约谈.
CREATE TABLE notices (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER REFERENCES plans(id) ON DELETE CASCADE,
    item_id INTEGER REFERENCES items(id) ON DELETE CASCADE,
    unit_id INTEGER REFERENCES units(id),
    kind TEXT NOT NULL,
    number TEXT,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    period TEXT,
    due_date TEXT,
    issued_at TEXT NOT NULL,
    issued_by INTEGER REFERENCES users(id),
    read_at TEXT,
    resolved_at TEXT
);
CREATE INDEX notices_unit ON notices(unit_id, resolved_at);
CREATE INDEX notices_item ON notices(item_id);

-- Scores: one row per award or deduction (考核), so a total can be traced to its reasons.
CREATE TABLE scores (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    item_id INTEGER REFERENCES items(id) ON DELETE SET NULL,
    period TEXT,
    points REAL NOT NULL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id)
);
CREATE INDEX scores_plan_unit ON scores(plan_id, unit_id);

-- Who did what, when, with the row before and after (JSON text).
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id),
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_at ON audit_log(at);
