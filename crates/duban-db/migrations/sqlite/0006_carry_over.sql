-- Issue 13: a new year's plan started from the previous one. Each carried item (结转) links
-- to last year's item it came from; an item is carried at most once into a plan (the
-- primary key is the new item, and the index answers "what came from this item").
CREATE TABLE item_carry_overs (
    item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
    from_item_id INTEGER NOT NULL REFERENCES items(id),
    carried_at TEXT NOT NULL,
    carried_by INTEGER REFERENCES users(id)
);
CREATE INDEX item_carry_overs_from ON item_carry_overs(from_item_id);

-- The plan a user last chose in the header's chooser. No foreign key: a remembered choice is
-- checked against the user's access on every use, and a plan gone or out of scope is ignored.
ALTER TABLE users ADD COLUMN chosen_plan_id INTEGER;
