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
    /// Every failed login, whatever the reason (unknown user, wrong password, locked,
    /// disabled): the reason goes to the audit log only, so the answer tells nobody anything.
    #[error("用户名或密码错误")]
    InvalidCredentials,
    #[error("登录失败次数过多，账户已暂时锁定，请 {0} 分钟后再试")]
    Locked(i64),
    #[error("内部错误：{0}")]
    Internal(String),
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::NotFound => AppError::NotFound,
            DbError::Conflict(m) => AppError::Conflict(format!("记录已存在（{m}）")),
            DbError::BadUrl(m) | DbError::Unsupported(m) => AppError::BadInput(m),
            other => {
                tracing::error!(error = %other, "database error");
                AppError::Internal(other.to_string())
            }
        }
    }
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;
