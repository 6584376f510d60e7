//! 人大代表建议 / 政协提案: the items, their proposers (each rated separately), their
//! supporting units, and the per-government clock and calendar settings.

use crate::{Result, Tx};
use serde::Serialize;
use time::{Date, OffsetDateTime};

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Proposal {
    pub id: i64,
    pub government_id: i64,
    pub year: i64,
    pub source: String,
    pub at_session: bool,
    pub session: String,
    pub number: String,
    pub title: String,
    pub content: String,
    pub lead_unit_id: Option<i64>,
    pub lead_unit_name: Option<String>,
    pub assigned_at: Option<Date>,
    pub due_date: Option<Date>,
    pub extended_to: Option<Date>,
    pub extension_reason: Option<String>,
    pub returned_at: Option<Date>,
    pub return_reason: Option<String>,
    pub state: String,
    pub category: Option<String>,
    pub replied_at: Option<Date>,
    pub reply_text: String,
    pub reply_letter_name: Option<String>,
    pub reply_letter_stored: Option<String>,
    pub redo_count: i64,
    pub updated_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Proposer {
    pub id: i64,
    pub proposal_id: i64,
    pub seq: i64,
    pub name: String,
    pub work_rating: Option<String>,
    pub result_rating: Option<String>,
    pub rated_at: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct SupportingUnit {
    pub proposal_id: i64,
    pub unit_id: i64,
    pub unit_name: String,
    pub opinion: Option<String>,
    pub opinion_at: Option<Date>,
}

macro_rules! select {
    () => {
        "SELECT p.id, p.government_id, p.year, p.source, p.at_session, p.session, p.number, p.title, p.content, \
         p.lead_unit_id, u.name AS lead_unit_name, p.assigned_at, p.due_date, p.extended_to, p.extension_reason, \
         p.returned_at, p.return_reason, p.state, p.category, p.replied_at, p.reply_text, p.reply_letter_name, \
         p.reply_letter_stored, p.redo_count, p.updated_at FROM proposals p LEFT JOIN units u ON u.id = p.lead_unit_id"
    };
}

#[derive(Debug, Clone, Default)]
pub struct ProposalFilter<'a> {
    pub government_id: i64,
    pub year: i64,
    pub source: Option<&'a str>,
    pub state: Option<&'a str>,
    /// Items this unit leads or supports.
    pub unit_id: Option<i64>,
}

pub async fn list(tx: &mut Tx, f: &ProposalFilter<'_>) -> Result<Vec<Proposal>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Proposal>(concat!(
        select!(),
        " WHERE p.government_id = $1 AND p.year = $2 AND ($3 IS NULL OR p.source = $3) \
          AND ($4 IS NULL OR p.state = $4) AND ($5 IS NULL OR p.lead_unit_id = $5 OR EXISTS \
          (SELECT 1 FROM proposal_units s WHERE s.proposal_id = p.id AND s.unit_id = $5)) \
          ORDER BY p.source, p.id"
    ))
    .bind(f.government_id)
    .bind(f.year)
    .bind(f.source)
    .bind(f.state)
    .bind(f.unit_id)
    .fetch_all(c)
    .await?))
}

macro_rules! proposal_where {
    () => {
        " WHERE p.government_id = $1 AND p.year = $2 AND ($3 IS NULL OR p.source = $3) \
          AND ($4 IS NULL OR p.state = $4) AND ($5 IS NULL OR p.lead_unit_id = $5 OR EXISTS \
          (SELECT 1 FROM proposal_units s WHERE s.proposal_id = p.id AND s.unit_id = $5))"
    };
}

/// One page of [`list`] (`limit` rows from `offset`) and how many rows match in all.
pub async fn list_page(
    tx: &mut Tx,
    f: &ProposalFilter<'_>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Proposal>, i64)> {
    let sql = concat!(
        select!(),
        proposal_where!(),
        " ORDER BY p.source, p.id LIMIT $6 OFFSET $7"
    );
    let rows = with_conn!(tx, |c| sqlx::query_as::<_, Proposal>(sql)
        .bind(f.government_id)
        .bind(f.year)
        .bind(f.source)
        .bind(f.state)
        .bind(f.unit_id)
        .bind(limit)
        .bind(offset)
        .fetch_all(c)
        .await?);
    let count_sql = concat!("SELECT COUNT(*) FROM proposals p", proposal_where!());
    let total = with_conn!(tx, |c| sqlx::query_scalar::<_, i64>(count_sql)
        .bind(f.government_id)
        .bind(f.year)
        .bind(f.source)
        .bind(f.state)
        .bind(f.unit_id)
        .fetch_one(c)
        .await?);
    Ok((rows, total))
}

pub async fn get(tx: &mut Tx, id: i64) -> Result<Option<Proposal>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Proposal>(concat!(
        select!(),
        " WHERE p.id = $1"
    ))
    .bind(id)
    .fetch_optional(c)
    .await?))
}

#[derive(Debug, Clone, Default)]
pub struct ProposalFields<'a> {
    pub source: &'a str,
    pub at_session: bool,
    pub session: &'a str,
    pub number: &'a str,
    pub title: &'a str,
    pub content: &'a str,
    pub lead_unit_id: Option<i64>,
    pub assigned_at: Option<Date>,
    pub due_date: Option<Date>,
}

pub async fn insert(
    tx: &mut Tx,
    government_id: i64,
    year: i64,
    p: &ProposalFields<'_>,
    state: &str,
) -> Result<i64> {
    let t = tx.at;
    with_conn!(tx, |c| {
        Ok(sqlx::query_scalar::<_, i64>(
        "INSERT INTO proposals (government_id, year, source, at_session, session, number, title, content, lead_unit_id, \
         assigned_at, due_date, state, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id"
    )
    .bind(government_id)
    .bind(year)
    .bind(p.source)
    .bind(p.at_session)
    .bind(p.session)
    .bind(p.number)
    .bind(p.title)
    .bind(p.content)
    .bind(p.lead_unit_id)
    .bind(p.assigned_at)
    .bind(p.due_date)
    .bind(state)
    .bind(t)
    .fetch_one(c)
    .await?)
    })
}

pub async fn update_fields(tx: &mut Tx, id: i64, p: &ProposalFields<'_>) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query(
        "UPDATE proposals SET source = $1, at_session = $2, session = $3, number = $4, title = $5, content = $6, \
         lead_unit_id = $7, assigned_at = $8, due_date = $9, updated_at = $10 WHERE id = $11"
    )
    .bind(p.source)
    .bind(p.at_session)
    .bind(p.session)
    .bind(p.number)
    .bind(p.title)
    .bind(p.content)
    .bind(p.lead_unit_id)
    .bind(p.assigned_at)
    .bind(p.due_date)
    .bind(tx.at)
    .bind(id)
    .execute(c)
    .await?
    .rows_affected()
    });
    Ok(())
}

/// The handling columns an action changes (state, dates, reply). Every column is written:
/// the caller passes the row with its changes.
pub async fn save_handling(tx: &mut Tx, p: &Proposal) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query(
        "UPDATE proposals SET lead_unit_id = $1, assigned_at = $2, due_date = $3, extended_to = $4, \
         extension_reason = $5, returned_at = $6, return_reason = $7, state = $8, category = $9, replied_at = $10, \
         reply_text = $11, reply_letter_name = $12, reply_letter_stored = $13, redo_count = $14, updated_at = $15 \
         WHERE id = $16"
    )
    .bind(p.lead_unit_id)
    .bind(p.assigned_at)
    .bind(p.due_date)
    .bind(p.extended_to)
    .bind(&p.extension_reason)
    .bind(p.returned_at)
    .bind(&p.return_reason)
    .bind(&p.state)
    .bind(&p.category)
    .bind(p.replied_at)
    .bind(&p.reply_text)
    .bind(&p.reply_letter_name)
    .bind(&p.reply_letter_stored)
    .bind(p.redo_count)
    .bind(tx.at)
    .bind(p.id)
    .execute(c)
    .await?
    .rows_affected()
    });
    Ok(())
}

/// Replaces the proposers of an item (names in order); ratings start empty.
pub async fn set_proposers(tx: &mut Tx, proposal_id: i64, names: &[&str]) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query("DELETE FROM proposal_proposers WHERE proposal_id = $1")
            .bind(proposal_id)
            .execute(&mut *c)
            .await?;
        for (i, n) in names.iter().enumerate() {
            sqlx::query(
                "INSERT INTO proposal_proposers (proposal_id, seq, name) VALUES ($1, $2, $3)",
            )
            .bind(proposal_id)
            .bind(i as i64 + 1)
            .bind(*n)
            .execute(&mut *c)
            .await?;
        }
        Ok(())
    })
}

pub async fn rate(
    tx: &mut Tx,
    proposer_id: i64,
    work: Option<&str>,
    result: Option<&str>,
    on: Option<Date>,
) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query(
        "UPDATE proposal_proposers SET work_rating = $1, result_rating = $2, rated_at = $3 WHERE id = $4"
    )
    .bind(work)
    .bind(result)
    .bind(on)
    .bind(proposer_id)
    .execute(c)
    .await?
    .rows_affected()
    });
    Ok(())
}

/// Clears every rating of an item (a new reply asks for new feedback).
pub async fn clear_ratings(tx: &mut Tx, proposal_id: i64) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query(
        "UPDATE proposal_proposers SET work_rating = NULL, result_rating = NULL, rated_at = NULL WHERE proposal_id = $1"
    )
    .bind(proposal_id)
    .execute(c)
    .await?
    .rows_affected()
    });
    Ok(())
}

pub async fn proposers(tx: &mut Tx, proposal_id: i64) -> Result<Vec<Proposer>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, Proposer>(
        "SELECT id, proposal_id, seq, name, work_rating, result_rating, rated_at FROM proposal_proposers \
         WHERE proposal_id = $1 ORDER BY seq"
    )
    .bind(proposal_id)
    .fetch_all(c)
    .await?)
    })
}

/// Every proposer of a government's year, in one query (for the rates).
pub async fn proposers_of_year(
    tx: &mut Tx,
    government_id: i64,
    year: i64,
) -> Result<Vec<Proposer>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Proposer>(
        "SELECT x.id, x.proposal_id, x.seq, x.name, x.work_rating, x.result_rating, x.rated_at \
         FROM proposal_proposers x JOIN proposals p ON p.id = x.proposal_id \
         WHERE p.government_id = $1 AND p.year = $2 ORDER BY x.proposal_id, x.seq"
    )
    .bind(government_id)
    .bind(year)
    .fetch_all(c)
    .await?))
}

pub async fn set_supporting(tx: &mut Tx, proposal_id: i64, units: &[i64]) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query("DELETE FROM proposal_units WHERE proposal_id = $1")
            .bind(proposal_id)
            .execute(&mut *c)
            .await?;
        for u in units {
            sqlx::query("INSERT INTO proposal_units (proposal_id, unit_id) VALUES ($1, $2)")
                .bind(proposal_id)
                .bind(*u)
                .execute(&mut *c)
                .await?;
        }
        Ok(())
    })
}

pub async fn supporting(tx: &mut Tx, proposal_id: i64) -> Result<Vec<SupportingUnit>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, SupportingUnit>(
        "SELECT s.proposal_id, s.unit_id, u.name AS unit_name, s.opinion, s.opinion_at FROM proposal_units s \
         JOIN units u ON u.id = s.unit_id WHERE s.proposal_id = $1 ORDER BY u.seq, u.id"
    )
    .bind(proposal_id)
    .fetch_all(c)
    .await?)
    })
}

/// Every supporting unit of a government's year, in one query.
pub async fn supporting_of_year(
    tx: &mut Tx,
    government_id: i64,
    year: i64,
) -> Result<Vec<SupportingUnit>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, SupportingUnit>(
        "SELECT s.proposal_id, s.unit_id, u.name AS unit_name, s.opinion, s.opinion_at FROM proposal_units s \
         JOIN units u ON u.id = s.unit_id JOIN proposals p ON p.id = s.proposal_id \
         WHERE p.government_id = $1 AND p.year = $2 ORDER BY s.proposal_id, u.seq, u.id"
    )
    .bind(government_id)
    .bind(year)
    .fetch_all(c)
    .await?)
    })
}

pub async fn set_opinion(
    tx: &mut Tx,
    proposal_id: i64,
    unit_id: i64,
    opinion: &str,
    on: Date,
) -> Result<u64> {
    with_conn!(tx, |c| {
        Ok(sqlx::query(
        "UPDATE proposal_units SET opinion = $1, opinion_at = $2 WHERE proposal_id = $3 AND unit_id = $4"
    )
    .bind(opinion)
    .bind(on)
    .bind(proposal_id)
    .bind(unit_id)
    .execute(c)
    .await?
    .rows_affected())
    })
}

/// The clock and calendar settings of a government (JSON texts), if set.
pub async fn settings(tx: &mut Tx, government_id: i64) -> Result<Option<(String, String)>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, (String, String)>(
        "SELECT clocks, calendar FROM register_settings WHERE government_id = $1"
    )
    .bind(government_id)
    .fetch_optional(c)
    .await?))
}

pub async fn set_settings(
    tx: &mut Tx,
    government_id: i64,
    clocks: &str,
    calendar: &str,
) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query(
        "INSERT INTO register_settings (government_id, clocks, calendar, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (government_id) DO UPDATE SET clocks = excluded.clocks, calendar = excluded.calendar, \
         updated_at = excluded.updated_at"
    )
    .bind(government_id)
    .bind(clocks)
    .bind(calendar)
    .bind(tx.at)
    .execute(c)
    .await?
    .rows_affected()
    });
    Ok(())
}
