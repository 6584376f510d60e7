//! `duban remind` (one chase pass by hand) and the scheduler `duban serve` runs: a task
//! that runs the pass every `DUBAN_REMIND_INTERVAL` seconds (default 3600; 0 turns it off).
//! Several servers on one PostgreSQL may all run it: the pass takes the database lease, so
//! one does each run, and everything is recorded once.

use anyhow::{Context, Result};
use duban_app::App;
use duban_app::chase::{PassReport, run_pass};
use std::time::Duration;
use time::Date;
use time::macros::format_description;

/// Reads YYYY-MM-DD.
pub fn parse_date(s: &str) -> Result<Date> {
    Date::parse(s.trim(), format_description!("[year]-[month]-[day]"))
        .with_context(|| format!("日期格式应为 YYYY-MM-DD：{s}"))
}

fn env(k: &str) -> Option<String> {
    std::env::var(k).ok().filter(|v| !v.trim().is_empty())
}

/// The pass interval (`None`: the scheduler is off).
fn interval() -> Result<Option<Duration>> {
    let secs = match env("DUBAN_REMIND_INTERVAL") {
        Some(v) => v
            .trim()
            .parse::<u64>()
            .with_context(|| format!("DUBAN_REMIND_INTERVAL 应为秒数：{v}"))?,
        None => 3600,
    };
    Ok((secs > 0).then(|| Duration::from_secs(secs)))
}

/// Prints what a pass did or, in a dry run, would do, per unit.
pub fn print(r: &PassReport) {
    let day = r.as_of.map(|d| d.to_string()).unwrap_or_default();
    if r.lease_busy {
        println!("{day}：另一个服务进程正在执行催办，本次跳过。");
        return;
    }
    let verb = if r.dry_run { "将发送" } else { "已发送" };
    for u in &r.units {
        println!("【{}】", u.unit_name);
        if let Some(d) = &u.digest {
            println!("  提醒（{}项）：", u.owed);
            for line in d.lines() {
                println!("    {line}");
            }
        }
        for n in &u.notices {
            println!("  {n}");
        }
    }
    println!(
        "{day}：{verb}提醒或通知的单位 {} 个；新签发通知 {} 份；站内消息 {} 条；推送成功 {} 条，失败 {} 条。",
        r.units.len(),
        if r.dry_run {
            r.units.iter().map(|u| u.notices.len()).sum()
        } else {
            r.notices_issued
        },
        r.messages,
        r.deliveries_sent,
        r.deliveries_failed
    );
}

/// `duban remind --as-of DATE [--dry-run]`.
pub async fn remind(app: &App, as_of: Option<&str>, dry_run: bool) -> Result<()> {
    let day = match as_of {
        Some(s) => parse_date(s)?,
        None => app.today(),
    };
    let r = run_pass(app, day, dry_run).await?;
    print(&r);
    Ok(())
}

/// Starts the scheduler task (if enabled). `DUBAN_TEST_AS_OF` (YYYY-MM-DD) fixes the day
/// each pass runs for — for tests only; without it the pass runs for the app's today.
pub fn spawn(app: App) -> Result<()> {
    let Some(every) = interval()? else {
        return Ok(());
    };
    let fixed = env("DUBAN_TEST_AS_OF")
        .map(|s| parse_date(&s))
        .transpose()?;
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let day = fixed.unwrap_or_else(|| app.today());
            match run_pass(&app, day, false).await {
                Ok(r) if !r.lease_busy => tracing::info!(
                    day = %day,
                    units = r.units.len(),
                    notices = r.notices_issued,
                    sent = r.deliveries_sent,
                    failed = r.deliveries_failed,
                    "催办扫描完成"
                ),
                Ok(_) => tracing::debug!("lease held elsewhere"),
                Err(e) => tracing::warn!("催办扫描失败：{e}"),
            }
        }
    });
    Ok(())
}
