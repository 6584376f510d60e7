-- no-transaction
-- Registers (issue 10): key projects, proposals, service items, indicator series and
-- target bindings. The register tables of 0001 held no data, so they are rebuilt.
-- SQLite cannot drop NOT NULL from progress_reports.item_id in place: the table is rebuilt,
-- which needs foreign keys off (so dropping it does not cascade to its history), and that
-- pragma only works outside a transaction. The rebuild itself runs in one.
PRAGMA foreign_keys = OFF;
BEGIN;

-- Key projects (重点项目), one row per government, year and project. Stage dates say when
-- each step was reached; `stage` is the furthest one, kept for filtering. Completed
-- investment is NOT a column: it is the history of the project's monthly reports, which go
-- through the same flow as progress reports (progress_reports.project_id).
DROP TABLE projects;
CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    government_id INTEGER NOT NULL REFERENCES governments(id),
    year INTEGER NOT NULL,
    name TEXT NOT NULL,
    content TEXT NOT NULL DEFAULT '',
    lead_unit_id INTEGER REFERENCES units(id),
    leader_name TEXT NOT NULL DEFAULT '',
    level TEXT,
    over_100m INTEGER NOT NULL DEFAULT 0,
    total_investment REAL NOT NULL DEFAULT 0,
    annual_plan_investment REAL,
    stage TEXT,
    signed_on TEXT,
    landed_on TEXT,
    started_on TEXT,
    producing_on TEXT,
    planned_start TEXT,
    registered_on TEXT,
    campaign TEXT NOT NULL DEFAULT '',
    nodes TEXT NOT NULL DEFAULT '',
    item_id INTEGER REFERENCES items(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (government_id, year, name)
);
CREATE INDEX projects_gov_year ON projects(government_id, year, level);
CREATE INDEX projects_unit ON projects(lead_unit_id, year);

-- 人大代表建议 / 政协提案. Dates are calendar dates; the clock rules live in duban-core.
DROP TABLE proposals;
CREATE TABLE proposals (
    id INTEGER PRIMARY KEY,
    government_id INTEGER NOT NULL REFERENCES governments(id),
    year INTEGER NOT NULL,
    source TEXT NOT NULL,
    at_session INTEGER NOT NULL DEFAULT 1,
    session TEXT NOT NULL DEFAULT '',
    number TEXT NOT NULL,
    title TEXT NOT NULL,
    content TEXT NOT NULL DEFAULT '',
    lead_unit_id INTEGER REFERENCES units(id),
    assigned_at TEXT,
    due_date TEXT,
    extended_to TEXT,
    extension_reason TEXT,
    returned_at TEXT,
    return_reason TEXT,
    state TEXT NOT NULL DEFAULT 'assigned',
    category TEXT,
    replied_at TEXT,
    reply_text TEXT NOT NULL DEFAULT '',
    reply_letter_name TEXT,
    reply_letter_stored TEXT,
    redo_count INTEGER NOT NULL DEFAULT 0,
    item_id INTEGER REFERENCES items(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (government_id, year, source, number)
);
CREATE INDEX proposals_gov_year ON proposals(government_id, year, state);
CREATE INDEX proposals_unit ON proposals(lead_unit_id, state);

-- Each proposer gets a reply and rates it (工作 / 结果).
CREATE TABLE proposal_proposers (
    id INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    work_rating TEXT,
    result_rating TEXT,
    rated_at TEXT,
    UNIQUE (proposal_id, seq)
);

-- Supporting units (协办) and their opinions to the lead unit.
CREATE TABLE proposal_units (
    proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    opinion TEXT,
    opinion_at TEXT,
    PRIMARY KEY (proposal_id, unit_id)
);
CREATE INDEX proposal_units_unit ON proposal_units(unit_id);

-- 政务服务事项目录. Time limits are working days.
DROP TABLE service_items;
CREATE TABLE service_items (
    id INTEGER PRIMARY KEY,
    government_id INTEGER NOT NULL REFERENCES governments(id),
    code TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL,
    unit_id INTEGER REFERENCES units(id),
    kind TEXT NOT NULL DEFAULT '',
    at_most_once INTEGER NOT NULL DEFAULT 0,
    no_visit INTEGER NOT NULL DEFAULT 0,
    fully_online INTEGER NOT NULL DEFAULT 0,
    one_window INTEGER NOT NULL DEFAULT 0,
    legal_days INTEGER,
    promised_days INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX service_items_gov ON service_items(government_id, name);
CREATE INDEX service_items_unit ON service_items(unit_id);

-- Indicator series: how often they are published and who reports them. Register values
-- (plan_id NULL) are one per series and period; review actuals keep their plan_id.
ALTER TABLE indicators ADD COLUMN frequency TEXT NOT NULL DEFAULT 'monthly';
ALTER TABLE indicators ADD COLUMN unit_id INTEGER REFERENCES units(id);
CREATE INDEX indicators_gov ON indicators(government_id, name);
CREATE UNIQUE INDEX indicator_values_register ON indicator_values(indicator_id, period) WHERE plan_id IS NULL;

-- A target bound to a register figure (JSON of duban_core::registers::binding::BoundFigure).
CREATE TABLE target_bindings (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL UNIQUE REFERENCES items(id) ON DELETE CASCADE,
    figure TEXT NOT NULL,
    indicator_id INTEGER REFERENCES indicators(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id)
);
CREATE INDEX target_bindings_indicator ON target_bindings(indicator_id);

-- Register settings per government: proposal clocks and the working-day calendar (JSON).
CREATE TABLE register_settings (
    government_id INTEGER PRIMARY KEY REFERENCES governments(id),
    clocks TEXT NOT NULL DEFAULT '{}',
    calendar TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL
);

CREATE TABLE progress_reports_new (
    id INTEGER PRIMARY KEY,
    item_id INTEGER REFERENCES items(id) ON DELETE CASCADE,
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
    project_id INTEGER REFERENCES projects(id) ON DELETE CASCADE,
    UNIQUE (item_id, unit_id, period),
    CONSTRAINT progress_reports_subject CHECK ((item_id IS NULL) <> (project_id IS NULL))
);
INSERT INTO progress_reports_new (id, item_id, unit_id, period, value, milestone_done, progress, problems,
    next_steps, state, is_late, is_contribution, provenance, return_comment, version, created_by, created_at,
    updated_at, submitted_at, approved_at, accepted_at)
SELECT id, item_id, unit_id, period, value, milestone_done, progress, problems, next_steps, state, is_late,
    is_contribution, provenance, return_comment, version, created_by, created_at, updated_at, submitted_at,
    approved_at, accepted_at FROM progress_reports;
DROP TABLE progress_reports;
ALTER TABLE progress_reports_new RENAME TO progress_reports;
CREATE INDEX progress_reports_item_period ON progress_reports(item_id, period);
CREATE INDEX progress_reports_unit_period ON progress_reports(unit_id, period, state);
CREATE INDEX progress_reports_state ON progress_reports(state);
CREATE UNIQUE INDEX progress_reports_project ON progress_reports(project_id, period);
COMMIT;
PRAGMA foreign_keys = ON;
