//! The subcommands. Each opens the application and calls duban-app; none touches SQL.

use crate::config::{Config, DEFAULT_LISTEN, sqlite_url};
use crate::output::{fmt_num, short, table};
use crate::{Command, ListFormat, OnOff, ParseFormat, ProgressCmd, SettingCmd, StatusFormat};
use anyhow::{Context, Result, anyhow, bail};
use duban_app::core::Period;
use duban_app::documents::resolve_plan;
use duban_app::{Actor, App, admin, db::Db, demo, import, items, progress, status};
use std::io::{BufRead, Read, Write};
use std::path::Path;
use tokio::net::TcpListener;

async fn open_app(cfg: &Config) -> Result<App> {
    std::fs::create_dir_all(&cfg.data_dir)
        .with_context(|| format!("无法创建数据目录 {}", cfg.data_dir.display()))?;
    let db = Db::open(&cfg.database_url).await.with_context(|| {
        format!(
            "无法打开数据库 {}",
            crate::config::redact(&cfg.database_url)
        )
    })?;
    let mut app = App::new(db, cfg.data_dir.clone());
    app.settings.max_upload_bytes = cfg.max_upload_bytes();
    app.settings.max_attachment_bytes = cfg.max_upload_bytes();
    app.settings.trusted_proxies = cfg.trusted_proxies.clone();
    app.settings.base_url = cfg.base_url.clone();
    Ok(app)
}

pub async fn run(command: Command, cfg: Config) -> Result<()> {
    let cli = Actor::cli();
    match command {
        Command::Parse { .. } => unreachable!("handled before the runtime starts"),
        Command::Config => {
            print!("{}", cfg.describe());
            Ok(())
        }
        Command::Migrate => {
            open_app(&cfg).await?;
            println!(
                "数据库已是最新结构：{}",
                crate::config::redact(&cfg.database_url)
            );
            Ok(())
        }
        Command::Remind { as_of, dry_run } => {
            let app = open_app(&cfg).await?;
            crate::remind::remind(&app, as_of.as_deref(), dry_run).await
        }
        Command::Register { cmd } => {
            let app = open_app(&cfg).await?;
            crate::register::run(&app, cmd).await
        }
        Command::Serve { .. } => {
            let app = open_app(&cfg).await?;
            serve(app, &cfg).await
        }
        Command::Demo {
            no_serve,
            city: true,
            scale,
            until,
            url,
            ..
        } => crate::city::demo(&cfg, no_serve, scale, until.as_deref(), url.as_deref()).await,
        Command::Demo { no_serve, .. } => {
            let dir = cfg.data_dir.join("demo");
            if dir.exists() {
                std::fs::remove_dir_all(&dir)
                    .with_context(|| format!("无法清空演示目录 {}", dir.display()))?;
            }
            std::fs::create_dir_all(&dir)?;
            let db = Db::open(&sqlite_url(&dir.join("duban.db"))).await?;
            let app = App::new(db, dir.clone());
            if cfg.is_postgres() {
                eprintln!(
                    "提示：演示总是使用独立的 SQLite 数据库（{}），不会改动所配置的 PostgreSQL。",
                    dir.display()
                );
            }
            let info = demo::seed(&app).await?;
            println!("演示数据已创建：{}", dir.join("duban.db").display());
            println!("演示账号（密码均为 {}）：", info.password);
            for l in &info.logins {
                println!(
                    "  {:<12} {}{}",
                    l.username,
                    l.role,
                    l.unit
                        .as_ref()
                        .map(|u| format!("（{u}）"))
                        .unwrap_or_default()
                );
            }
            if no_serve {
                Ok(())
            } else {
                serve(app, &cfg).await
            }
        }
        Command::Import {
            what: Some(what), ..
        } => crate::documents::import(&open_app(&cfg).await?, what).await,
        Command::Assign {
            item,
            lead,
            support,
            leader,
            deadline,
        } => {
            let args = crate::documents::AssignArgs {
                item,
                lead,
                support,
                leader,
                deadline,
            };
            crate::documents::assign(&open_app(&cfg).await?, args).await
        }
        Command::Export {
            what,
            government,
            year,
            period,
            per_unit,
            out,
        } => {
            let args = crate::documents::ExportArgs {
                what,
                government,
                year,
                period,
                per_unit,
                out,
            };
            crate::documents::export(&open_app(&cfg).await?, args).await
        }
        Command::Brief(a) => crate::documents::brief(&open_app(&cfg).await?, a).await,
        Command::Review(a) => crate::documents::review(&open_app(&cfg).await?, a).await,
        Command::Reconcile(a) => crate::documents::reconcile(&open_app(&cfg).await?, a).await,
        Command::CarryOver(a) => crate::carry::carry_over(&open_app(&cfg).await?, a).await,
        Command::Import {
            what: None,
            report,
            government,
            year,
        } => {
            let (Some(report), Some(government)) = (report, government) else {
                bail!("用法：duban import 报告文件 --government 政府名称 [--year 年份]");
            };
            let app = open_app(&cfg).await?;
            let bytes = read_limited(&report, cfg.max_upload_bytes())?;
            let name = report
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let s = import::import_report(&app, &cli, &government, year, &name, &bytes).await?;
            println!(
                "已导入 {}{}年计划（编号 {}，编码 {}）：{} 个板块，{} 项量化指标，{} 项重点任务，{} 个上年实绩数据{}",
                s.government,
                s.year,
                s.plan_id,
                s.encoding,
                s.sections,
                s.targets,
                s.tasks,
                s.actuals,
                if s.diagnostics > 0 {
                    format!("；{} 条解析提示", s.diagnostics)
                } else {
                    String::new()
                }
            );
            Ok(())
        }
        Command::User { cmd } => crate::accounts::user(&open_app(&cfg).await?, cmd).await,
        Command::Setting {
            cmd: SettingCmd::SelfReview { value },
        } => {
            let app = open_app(&cfg).await?;
            let allow = matches!(value, OnOff::On);
            admin::set_self_review(&app, &cli, allow).await?;
            println!(
                "{}",
                if allow {
                    "已设置：允许填报人本人审核自己填报的报告（已记入审计日志）"
                } else {
                    "已设置：不允许填报人本人审核自己填报的报告"
                }
            );
            Ok(())
        }
        Command::Unit { cmd } => crate::accounts::unit(&open_app(&cfg).await?, cmd).await,
        Command::Items {
            government,
            year,
            format,
        } => {
            let app = open_app(&cfg).await?;
            let plan = items::plan_by_name(&app, &government, year).await?;
            let list = items::list(&app, &cli, plan.id, false).await?;
            let mut out = std::io::stdout().lock();
            match format {
                ListFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &list)?;
                    writeln!(out)?;
                }
                ListFormat::Csv => {
                    let mut w = csv::Writer::from_writer(out);
                    w.write_record([
                        "编号",
                        "类型",
                        "板块",
                        "内容",
                        "指标",
                        "目标值",
                        "目标上限",
                        "单位",
                        "比较",
                        "口径",
                        "方向",
                        "牵头单位",
                        "责任领导",
                        "完成时限",
                    ])?;
                    for i in &list {
                        w.write_record([
                            i.id.to_string(),
                            i.kind.label().to_string(),
                            i.section_heading.clone().unwrap_or_default(),
                            if i.text.is_empty() {
                                i.title.clone()
                            } else {
                                i.text.clone()
                            },
                            i.indicator.clone().unwrap_or_default(),
                            i.value.map(fmt_num).unwrap_or_default(),
                            i.value_max.map(fmt_num).unwrap_or_default(),
                            i.unit.clone().unwrap_or_default(),
                            i.op.map(|x| x.to_string()).unwrap_or_default(),
                            i.measure.map(|x| x.to_string()).unwrap_or_default(),
                            i.direction.map(|x| x.to_string()).unwrap_or_default(),
                            i.lead_unit_name.clone().unwrap_or_default(),
                            i.leader_name.clone().unwrap_or_default(),
                            i.deadline.map(|d| d.to_string()).unwrap_or_default(),
                        ])?;
                    }
                    w.flush()?;
                }
            }
            Ok(())
        }
        Command::Progress {
            cmd:
                ProgressCmd::Import {
                    file,
                    government,
                    year,
                },
        } => {
            let app = open_app(&cfg).await?;
            let bytes = read_limited(&file, cfg.max_upload_bytes())?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let plan = resolve_plan(&app, government.as_deref(), year).await?;
            let r = progress::import_file(
                &app,
                &cli,
                &plan.government_name,
                plan.year as i32,
                &name,
                &bytes,
            )
            .await?;
            println!(
                "已导入进度：新增 {} 条，更新 {} 条（均记为已验收）",
                r.created, r.updated
            );
            Ok(())
        }
        Command::Status {
            government,
            year,
            period,
            format,
        } => {
            let app = open_app(&cfg).await?;
            let period: Period = period.parse()?;
            let plan = resolve_plan(&app, government.as_deref(), year).await?;
            let (_, list) = status::compute(&app, &cli, plan.id, period, app.today()).await?;
            let mut out = std::io::stdout().lock();
            match format {
                StatusFormat::Json => {
                    let rows: Vec<serde_json::Value> = list
                        .iter()
                        .map(|s| {
                            serde_json::json!({
                                "id": s.item.id,
                                "title": s.item.title,
                                "lead_unit": s.item.lead_unit_name,
                                "status": s.assessment.status.label(),
                                "status_code": s.assessment.status.as_str(),
                                "assessed_as": s.assessment.assessed_as.map(|a| a.label()),
                                "completion": s.assessment.completion,
                                "time_progress": s.assessment.time_progress,
                                "diff": s.assessment.diff,
                                "light": s.assessment.light.as_str(),
                                "explanation": s.assessment.explanation,
                            })
                        })
                        .collect();
                    serde_json::to_writer_pretty(&mut out, &rows)?;
                    writeln!(out)?;
                }
                StatusFormat::Table => {
                    let pct = |v: Option<f64>| {
                        v.map(|v| format!("{v:.1}%")).unwrap_or_else(|| "—".into())
                    };
                    let rows: Vec<Vec<String>> = list
                        .iter()
                        .map(|s| {
                            let a = &s.assessment;
                            vec![
                                s.item.id.to_string(),
                                short(&s.item.title, 18),
                                a.status.label().to_string(),
                                pct(a.completion),
                                pct(a.time_progress),
                                a.diff
                                    .map(|d| format!("{d:+.1}"))
                                    .unwrap_or_else(|| "—".into()),
                                a.light.label().to_string(),
                                a.explanation.clone(),
                            ]
                        })
                        .collect();
                    write!(
                        out,
                        "{}",
                        table(
                            &[
                                "编号",
                                "事项",
                                "状态",
                                "完成率",
                                "序时进度",
                                "差值",
                                "灯",
                                "说明"
                            ],
                            &rows
                        )
                    )?;
                }
            }
            Ok(())
        }
        Command::Backup { file } => {
            let app = open_app(&cfg).await?;
            app.db.backup(&file).await?;
            println!("已备份到 {}", file.display());
            Ok(())
        }
    }
}

/// Binds the listen address; the default moves to the next free port when taken.
async fn bind(cfg: &Config) -> Result<TcpListener> {
    if cfg.listen_explicit || cfg.listen != DEFAULT_LISTEN {
        return TcpListener::bind(&cfg.listen)
            .await
            .with_context(|| format!("无法监听 {}", cfg.listen));
    }
    for port in 8080..8100 {
        if let Ok(l) = TcpListener::bind(("127.0.0.1", port)).await {
            return Ok(l);
        }
    }
    bail!("8080–8099 端口均被占用，请用 --listen 指定地址")
}

pub(crate) async fn serve(app: App, cfg: &Config) -> Result<()> {
    let listener = bind(cfg).await?;
    let addr = listener.local_addr()?;
    crate::remind::spawn(app.clone())?;
    println!("duban 已启动：http://{addr}/  （按 Ctrl+C 停止）");
    std::io::stdout().flush()?;
    duban_web::serve(app, listener).await?;
    Ok(())
}

pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::stdin().read_to_end(&mut b)?;
        Ok(b)
    } else {
        std::fs::read(path).with_context(|| format!("无法读取文件 {}", path.display()))
    }
}

/// Reads an input file of at most `max` bytes (the web's upload limit): a bigger file is
/// refused before it is read, so a huge file costs neither time nor memory.
fn read_limited(path: &Path, max: usize) -> Result<Vec<u8>> {
    let too_big = || {
        anyhow!(
            "文件超过 {} MB 的上限（配置项 max_upload_mb），未导入",
            max / 1024 / 1024
        )
    };
    if path.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::stdin().take(max as u64 + 1).read_to_end(&mut b)?;
        if b.len() > max {
            return Err(too_big());
        }
        return Ok(b);
    }
    let meta =
        std::fs::metadata(path).with_context(|| format!("无法读取文件 {}", path.display()))?;
    if meta.len() > max as u64 {
        return Err(too_big());
    }
    read_input(path)
}

/// Reads a password from the first line of standard input.
pub fn read_password() -> Result<String> {
    eprintln!("请输入密码（从标准输入读取一行）：");
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let p = line.trim_end_matches(['\n', '\r']).to_string();
    if p.is_empty() {
        bail!("没有从标准输入读到密码");
    }
    Ok(p)
}

pub fn parse(file: &Path, format: ParseFormat) -> Result<()> {
    let bytes = read_input(file)?;
    let (text, _) = import::decode_report(&bytes)?;
    let parsed = duban_parse::parse(&text);
    let mut stdout = std::io::stdout().lock();
    let out = match format {
        ParseFormat::Jsonl => {
            // Streamed: a long text's lines are megabytes.
            let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout);
            let written =
                duban_parse::output::write_jsonl(&parsed, &mut w).and_then(|()| w.flush());
            // A reader that stops early (`| head`) is no failure.
            return match written {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
                _ => Ok(()),
            };
        }
        ParseFormat::Json => duban_parse::output::json(&parsed),
        ParseFormat::Table => duban_parse::output::table(&parsed),
    };
    stdout.write_all(out.as_bytes())?;
    if !out.ends_with('\n') && !out.is_empty() {
        writeln!(stdout)?;
    }
    Ok(())
}
