-- 签收: the addressed unit acknowledges a 单 (read_at, from 0001, was never written); who
-- signed for it is kept beside the time, so that the office sees which units have not.
ALTER TABLE notices ADD COLUMN read_by INTEGER REFERENCES users(id);
