//! Attachments of reports: checked, written under a temporary name, renamed after the
//! commit; and a report saved with its attachment in one transaction.

use super::*;

/// Types accepted as attachments: documents and pictures people scan or photograph.
pub(crate) const ALLOWED: &[(&str, &str)] = &[
    ("pdf", "application/pdf"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("png", "image/png"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ("doc", "application/msword"),
    ("xls", "application/vnd.ms-excel"),
    ("wps", "application/octet-stream"),
    ("ofd", "application/ofd"),
    ("txt", "text/plain"),
];

/// Whether the actor may report on the item at all (role, unit, the item in its view):
/// the web asks before it reads a report form's upload.
pub async fn may_report(app: &App, actor: &Actor, item_id: i64) -> Result<()> {
    if !actor.writes_reports() {
        return Err(AppError::Forbidden("只有单位填报员可以填报进度".into()));
    }
    if actor.unit_id.is_none() {
        return Err(AppError::Forbidden("账户未关联单位".into()));
    }
    let mut tx = app.db.read().await?;
    visible_item(&mut tx, actor, item_id).await.map(|_| ())
}

/// Whether the actor may attach a file to a report — for faces to ask before they read an
/// upload's body; [`attach`] checks the same again.
pub async fn may_attach(app: &App, actor: &Actor, report_id: i64) -> Result<()> {
    let mut tx = app.db.read().await?;
    may_attach_in(&mut tx, actor, report_id).await.map(|_| ())
}

async fn may_attach_in(
    tx: &mut duban_db::Tx,
    actor: &Actor,
    report_id: i64,
) -> Result<ProgressReport> {
    // The role decides, not the unit: viewers and leaders never write.
    if !actor.writes_reports() {
        return Err(AppError::Forbidden(
            "只有单位填报员和审核人可以上传附件".into(),
        ));
    }
    let r = visible_report(tx, actor, report_id).await?;
    if actor.unit_id != Some(r.unit_id) || !r.state.is_editable() {
        return Err(AppError::Forbidden(
            "只能为本单位未提交的报告上传附件".into(),
        ));
    }
    Ok(r)
}

/// An upload that passed the checks: its base name, content type and digest.
struct Checked<'a> {
    base: &'a str,
    content_type: &'static str,
    sha: String,
    ext: String,
}

fn check_file<'a>(app: &App, file_name: &'a str, bytes: &[u8]) -> Result<Checked<'a>> {
    if bytes.is_empty() {
        return Err(AppError::BadInput("附件为空".into()));
    }
    if bytes.len() > app.settings.max_attachment_bytes {
        return Err(AppError::BadInput(format!(
            "附件不能超过 {} MB",
            app.settings.max_attachment_bytes / 1024 / 1024
        )));
    }
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    let ext = base
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let Some((_, content_type)) = ALLOWED.iter().find(|(e, _)| *e == ext) else {
        return Err(AppError::BadInput(
            "附件类型不支持（允许 pdf、jpg、png、docx、xlsx、doc、xls、wps、ofd、txt）".into(),
        ));
    };
    use sha2::Digest;
    let sha = hex::encode(sha2::Sha256::digest(bytes));
    Ok(Checked {
        base,
        content_type,
        sha,
        ext,
    })
}

/// A file written under a temporary name: renamed to its stored name once the transaction
/// that records it has committed, removed otherwise — so a failed transaction leaves no
/// orphan file (and a crash at most a `.part` file).
struct Pending {
    temp: std::path::PathBuf,
    target: std::path::PathBuf,
}

impl Pending {
    async fn write(app: &App, stored: &str, bytes: &[u8]) -> Result<Self> {
        let dir = app.data_dir.join("attachments");
        tokio::fs::create_dir_all(&dir)
            .await
            .map_err(AppError::internal)?;
        let mut nonce = [0u8; 8];
        rand::RngCore::fill_bytes(&mut rand::rng(), &mut nonce);
        let temp = dir.join(format!(".{stored}.{}.part", hex::encode(nonce)));
        tokio::fs::write(&temp, bytes)
            .await
            .map_err(AppError::internal)?;
        Ok(Self {
            temp,
            target: dir.join(stored),
        })
    }

    /// Commits `tx` and then gives the file its name; on any failure the file goes.
    async fn commit_with(self, tx: duban_db::Tx) -> Result<()> {
        let done = match tx.commit().await {
            Ok(()) => tokio::fs::rename(&self.temp, &self.target)
                .await
                .map_err(|e| AppError::internal_in("保存附件", e)),
            Err(e) => Err(e.into()),
        };
        if done.is_err() {
            let _ = tokio::fs::remove_file(&self.temp).await;
        }
        done
    }

    async fn discard(self) {
        let _ = tokio::fs::remove_file(&self.temp).await;
    }
}

/// Stores an attachment of a report the actor's unit may still edit.
pub async fn attach(
    app: &App,
    actor: &Actor,
    report_id: i64,
    file_name: &str,
    bytes: &[u8],
) -> Result<duban_db::Attachment> {
    let c = check_file(app, file_name, bytes)?;
    let mut tx = app.begin().await?;
    let r = may_attach_in(&mut tx, actor, report_id).await?;
    let stored = format!("{}-{}.{}", r.id, &c.sha[..16], c.ext);
    let file = Pending::write(app, &stored, bytes).await?;
    let recorded = async {
        let a = attach_row(&mut tx, actor, r.id, &c, &stored, bytes.len()).await?;
        actor
            .audit(
                &mut tx,
                "attach",
                "progress_report",
                Some(r.id),
                None,
                Some(serde_json::json!({ "file": c.base, "size": bytes.len() })),
            )
            .await?;
        Ok::<_, AppError>(a)
    }
    .await;
    let a = match recorded {
        Ok(a) => a,
        Err(e) => {
            file.discard().await;
            return Err(e);
        }
    };
    file.commit_with(tx).await?;
    Ok(a)
}

/// A report saved (and submitted, if the input says so) together with an attachment: one
/// transaction, one audit record. The form of the 填报 page posts both at once.
pub async fn save_with_file(
    app: &App,
    actor: &Actor,
    item_id: i64,
    input: &ReportInput,
    file: Option<(&str, &[u8])>,
) -> Result<ProgressReport> {
    let Some((name, bytes)) = file else {
        return super::save(app, actor, item_id, input).await;
    };
    let c = check_file(app, name, bytes)?;
    let mut tx = app.begin().await?;
    let saved = super::save_in(&mut tx, app, actor, item_id, input).await?;
    let stored = format!("{}-{}.{}", saved.after.id, &c.sha[..16], c.ext);
    let file = Pending::write(app, &stored, bytes).await?;
    let recorded = async {
        attach_row(&mut tx, actor, saved.after.id, &c, &stored, bytes.len()).await?;
        let extra = serde_json::json!({ "file": c.base, "size": bytes.len() });
        saved
            .audit(&mut tx, actor, Some(("attachment", extra)))
            .await
    }
    .await;
    match recorded {
        Ok(()) => file.commit_with(tx).await?,
        Err(e) => {
            file.discard().await;
            return Err(e);
        }
    }
    Ok(saved.after)
}

/// The attachment's row.
async fn attach_row(
    tx: &mut duban_db::Tx,
    actor: &Actor,
    report_id: i64,
    c: &Checked<'_>,
    stored: &str,
    size: usize,
) -> Result<duban_db::Attachment> {
    let id = reports::add_attachment(
        tx,
        &reports::NewAttachment {
            report_id,
            file_name: c.base,
            stored_name: stored,
            content_type: c.content_type,
            size_bytes: size as i64,
            sha256: &c.sha,
            uploaded_by: actor.user_id,
        },
    )
    .await?;
    reports::attachment(tx, id).await?.ok_or(AppError::NotFound)
}

/// Reads an attachment's bytes if the actor may see its report.
pub async fn attachment_bytes(
    app: &App,
    actor: &Actor,
    attachment_id: i64,
) -> Result<(duban_db::Attachment, Vec<u8>)> {
    let mut tx = app.db.read().await?;
    let a = reports::attachment(&mut tx, attachment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    visible_report(&mut tx, actor, a.report_id).await?;
    let bytes = tokio::fs::read(app.data_dir.join("attachments").join(&a.stored_name))
        .await
        .map_err(|_| AppError::NotFound)?;
    Ok((a, bytes))
}
