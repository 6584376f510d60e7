//! `duban demo --city`: the synthetic city (issue 13), into the demo's own SQLite file or an
//! empty database named with --url (the benchmark builds one on PostgreSQL this way).

use crate::config::{Config, sqlite_url};
use anyhow::{Context, Result, anyhow, bail};
use duban_app::core::Period;
use duban_app::demo::city::{CityScale, build};
use duban_app::{App, db::Db};
use std::time::Instant;

pub async fn demo(
    cfg: &Config,
    no_serve: bool,
    scale: Option<f64>,
    until: Option<&str>,
    url: Option<&str>,
) -> Result<()> {
    let scale = match scale {
        None => CityScale::full(),
        Some(f) if f > 0.0 && f <= 1.0 => CityScale::full().scaled(f),
        Some(f) => bail!("--scale 应在 0 到 1 之间（{f}）"),
    };
    let last = match until {
        Some(s) => s.parse::<Period>().map_err(|e| anyhow!("--until：{e}"))?,
        None => {
            // The last full month in China (UTC+8): faces may read the clock.
            let today = (time::OffsetDateTime::now_utc() + time::Duration::hours(8)).date();
            let m = u8::from(today.month());
            if m == 1 {
                Period {
                    year: today.year() - 1,
                    month: 12,
                }
            } else {
                Period {
                    year: today.year(),
                    month: m - 1,
                }
            }
        }
    };
    let (db, dir, shown) = match url {
        Some(u) => {
            let db = Db::open(u)
                .await
                .with_context(|| format!("无法打开数据库 {}", crate::config::redact(u)))?;
            (db, cfg.data_dir.clone(), crate::config::redact(u))
        }
        None => {
            let dir = cfg.data_dir.join("demo");
            if dir.exists() {
                std::fs::remove_dir_all(&dir)
                    .with_context(|| format!("无法清空演示目录 {}", dir.display()))?;
            }
            std::fs::create_dir_all(&dir)?;
            let file = dir.join("duban.db");
            let db = Db::open(&sqlite_url(&file)).await?;
            (db, dir, file.display().to_string())
        }
    };
    let app = App::new(db, dir);
    let started = Instant::now();
    let info = build(&app, scale, last).await?;
    println!(
        "全市演示数据已创建：{shown}（用时 {:.1} 秒）",
        started.elapsed().as_secs_f64()
    );
    println!(
        "  政府 {} 个，计划 {} 个，事项 {} 项，进度报告 {} 条，项目 {} 个，建议提案 {} 件",
        info.governments, info.plans, info.items, info.reports, info.projects, info.proposals
    );
    println!(
        "  账号（密码均为 {}）：city_dcs（市督查室）、city_ld（市领导）、g01_dcs、g01_fgw_tb ……",
        info.password
    );
    if no_serve {
        Ok(())
    } else {
        crate::commands::serve(app, cfg).await
    }
}
