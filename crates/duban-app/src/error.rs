use duban_db::DbError;

/// The one error of the application. Faces map it to HTTP statuses or exit codes; its
/// Display is a message for people, in Chinese.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("未找到")]
    NotFound,
    #[error("请先登录")]
    Unauthenticated,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    BadInput(String),
    #[error("{0}")]
    Conflict(String),
    /// An import whose rows are wrong; nothing was imported.
    #[error("{}", rows_message(.0))]
    Rows(Vec<RowError>),
    /// Every failed login, whatever the reason (unknown user, wrong password, locked,
    /// disabled): the reason goes to the audit log only, so the answer tells nobody anything.
    #[error("用户名或密码错误")]
    InvalidCredentials,
    #[error("登录失败次数过多，账户已暂时锁定，请 {0} 分钟后再试")]
    Locked(i64),
    /// Something that should not happen (a database or file failure): the source is kept,
    /// and the face that answers the request logs it once.
    #[error("内部错误：{0}")]
    Internal(#[source] Internal),
}

/// What was being done when an unexpected error came, and that error.
#[derive(Debug)]
pub struct Internal {
    pub context: String,
    pub source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl std::fmt::Display for Internal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.context, &self.source) {
            (c, Some(s)) if c.is_empty() => write!(f, "{s}"),
            (c, Some(s)) => write!(f, "{c}：{s}"),
            (c, None) => f.write_str(c),
        }
    }
}

impl std::error::Error for Internal {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl AppError {
    /// An unexpected error, kept as the source.
    pub fn internal(e: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self::internal_in("", e)
    }

    /// An unexpected error while doing `context`.
    pub fn internal_in(
        context: impl Into<String>,
        e: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        Self::Internal(Internal {
            context: context.into(),
            source: Some(Box::new(e)),
        })
    }

    /// An unexpected state with no error behind it.
    pub fn internal_msg(context: impl Into<String>) -> Self {
        Self::Internal(Internal {
            context: context.into(),
            source: None,
        })
    }
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::NotFound => AppError::NotFound,
            DbError::Conflict(m) => AppError::Conflict(format!("记录已存在（{m}）")),
            DbError::BadUrl(m) | DbError::Unsupported(m) => AppError::BadInput(m),
            // Not logged here: the face that answers logs it, once.
            other => AppError::internal(other),
        }
    }
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// One wrong row of an imported table: its line number as the spreadsheet shows it, the
/// column when one is to blame, and what is wrong.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RowError {
    pub row: usize,
    pub column: Option<String>,
    pub message: String,
}

impl RowError {
    pub fn new(row: usize, column: Option<&str>, message: impl Into<String>) -> Self {
        Self {
            row,
            column: column.map(String::from),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "第{}行：{}", self.row, self.message)
    }
}

/// How many wrong rows a message lists before saying how many more there are.
pub const ROWS_SHOWN: usize = 20;

/// The head line of a rejected import (what the rows are listed under).
pub fn rows_head(rows: &[RowError]) -> String {
    format!("导入失败，未导入任何数据。共 {} 处错误：", rows.len())
}

fn rows_message(rows: &[RowError]) -> String {
    let mut msg = rows_head(rows);
    for r in rows.iter().take(ROWS_SHOWN) {
        msg.push('\n');
        msg.push_str(&r.to_string());
    }
    let more = rows.len().saturating_sub(ROWS_SHOWN);
    if more > 0 {
        msg.push_str(&format!("\n……另有 {more} 处"));
    }
    msg
}
