//! `duban`: the one binary. Subcommands serve the web app, import reports, manage users and
//! units, and give the office its old ways (CSV/Excel in and out) on the command line.

mod accounts;
mod carry;
mod city;
mod commands;
mod config;
mod documents;
mod output;
mod register;
mod remind;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

// mimalloc keeps freed pages for reuse; glibc's allocator hands large blocks back and faults
// them in again, which costs a parse of a long text about a fifth of its time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "duban",
    version,
    about = "督办：政府工作报告任务分解、进度填报与督查督办系统"
)]
struct Cli {
    /// Configuration file (TOML: database_url, data_dir, listen).
    #[arg(long, global = true, env = "DUBAN_CONFIG")]
    config: Option<PathBuf>,
    /// Data directory (SQLite database, attachments).
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    /// Database URL: sqlite://FILE or postgres://USER:PASSWORD@HOST/DB.
    #[arg(long, global = true)]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app.
    Serve {
        /// Address to listen on (default 127.0.0.1:8080, or the next free port).
        #[arg(long)]
        listen: Option<String>,
    },
    /// Bring the database schema up to date.
    Migrate,
    /// Import a work report (.docx, or .txt in UTF-8 or GB18030/GBK), or with
    /// `import decomposition` a 任务分解表.
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Import {
        #[command(subcommand)]
        what: Option<documents::ImportCmd>,
        #[arg(required = true)]
        report: Option<PathBuf>,
        #[arg(long, required = true)]
        government: Option<String>,
        /// The plan year (default: the year the report gives).
        #[arg(long)]
        year: Option<i32>,
    },
    /// Assign an item to units by name (what the decomposition form does), for scripts.
    Assign {
        /// The item's 编号.
        item: i64,
        #[arg(long)]
        lead: String,
        /// A supporting unit; repeat for several.
        #[arg(long)]
        support: Vec<String>,
        /// 责任领导.
        #[arg(long)]
        leader: Option<String>,
        /// 完成时限, YYYY-MM-DD.
        #[arg(long)]
        deadline: Option<String>,
    },
    /// Export the 任务分解表 or a period's 落实情况表 as .xlsx.
    Export {
        #[arg(value_enum)]
        what: documents::ExportWhat,
        #[arg(long)]
        government: Option<String>,
        #[arg(long)]
        year: Option<i32>,
        /// The month, YYYY-MM (落实情况表; default: the dashboard's period).
        #[arg(long)]
        period: Option<String>,
        /// Add one sheet per lead unit (落实情况表).
        #[arg(long)]
        per_unit: bool,
        #[arg(long)]
        out: PathBuf,
    },
    /// Write the 督查通报 of a period as .docx (GB/T 9704), drafted from the data.
    Brief(documents::BriefArgs),
    /// Write the year-end review (年度工作回顾) from the year's records, as Markdown or .docx.
    Review(documents::ReviewArgs),
    /// 对账: the plan's targets against the figures next year's report states for the year.
    Reconcile(documents::PlanArgs),
    /// 结转: carry a plan's unfinished items, with their units and leaders, into the plan of
    /// the next year (created when missing).
    CarryOver(carry::CarryArgs),
    /// Parse a report and print what was found (no database needed). `-` reads stdin.
    Parse {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = ParseFormat::Table)]
        format: ParseFormat,
    },
    /// Import or export a register (重点项目, 建议提案, 政务服务事项, 经济运行指标).
    Register {
        #[command(subcommand)]
        cmd: register::RegisterCmd,
    },
    /// Manage users.
    User {
        #[command(subcommand)]
        cmd: UserCmd,
    },
    /// System settings an administrator changes (audited).
    Setting {
        #[command(subcommand)]
        cmd: SettingCmd,
    },
    /// Manage units (委办局, 乡镇/街道).
    Unit {
        #[command(subcommand)]
        cmd: UnitCmd,
    },
    /// Every target and task of a plan.
    Items {
        #[arg(long)]
        government: String,
        #[arg(long)]
        year: i32,
        #[arg(long, value_enum, default_value_t = ListFormat::Csv)]
        format: ListFormat,
    },
    /// Progress collected the old way.
    Progress {
        #[command(subcommand)]
        cmd: ProgressCmd,
    },
    /// Status by rule (序时进度) of every item for a period.
    Status {
        #[arg(long)]
        government: Option<String>,
        #[arg(long)]
        year: Option<i32>,
        /// The month, YYYY-MM.
        #[arg(long)]
        period: String,
        #[arg(long, value_enum, default_value_t = StatusFormat::Table)]
        format: StatusFormat,
    },
    /// Write a consistent copy of the SQLite database to FILE.
    Backup { file: PathBuf },
    /// Create a fresh demo database (the seed report, units, users, progress) and serve it.
    Demo {
        #[arg(long)]
        listen: Option<String>,
        /// Only create the demo database; do not serve.
        #[arg(long)]
        no_serve: bool,
        /// Build the synthetic city instead: 20 governments × 5 years of plans with
        /// progress and registers (city users city_dcs and city_ld).
        #[arg(long)]
        city: bool,
        /// With --city: a fraction of the full city (e.g. 0.05 for a quick one).
        #[arg(long, requires = "city")]
        scale: Option<f64>,
        /// With --city: the last month with reports, YYYY-MM (default: last month).
        #[arg(long, requires = "city")]
        until: Option<String>,
        /// With --city: build into this (empty) database instead of the demo's SQLite file.
        #[arg(long, requires = "city")]
        url: Option<String>,
    },
    /// Run one chase pass (reminders, 催办/督办) by hand.
    Remind {
        /// The day to run for, YYYY-MM-DD (default: today).
        #[arg(long)]
        as_of: Option<String>,
        /// Print per unit what would be sent; record and send nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Print the configuration in effect.
    Config,
}

#[derive(Subcommand)]
enum UserCmd {
    /// Add a user; the password is read from standard input.
    Add {
        username: String,
        /// admin, supervisor, reporter, approver, leader or viewer.
        #[arg(long)]
        role: String,
        #[arg(long)]
        unit: Option<String>,
        /// Display name (default: the username).
        #[arg(long)]
        name: Option<String>,
    },
    /// Set a user's password, read from standard input.
    Passwd { username: String },
    /// List users.
    List,
    /// Disable a user: no more logins, and every session of theirs ends now.
    Disable { username: String },
    /// Enable a disabled user again.
    Enable { username: String },
    /// Delete a user: the account is anonymised, the audit trail keeps its id.
    Delete { username: String },
    /// Lift every login lock of a user.
    Unlock { username: String },
}

#[derive(Subcommand)]
enum SettingCmd {
    /// Whether the author of a report may also approve or accept it (default off).
    SelfReview {
        #[arg(value_enum)]
        value: OnOff,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum OnOff {
    On,
    Off,
}

#[derive(Subcommand)]
enum UnitCmd {
    Add {
        name: String,
        #[arg(long)]
        parent: Option<String>,
    },
    List,
}

#[derive(Subcommand)]
enum ProgressCmd {
    /// Import a CSV/XLSX with columns 编号, 单位, 期间, 累计完成值, 进展情况, 存在问题, 下步措施.
    Import {
        file: PathBuf,
        #[arg(long)]
        government: Option<String>,
        #[arg(long)]
        year: Option<i32>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ParseFormat {
    Jsonl,
    Json,
    Table,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Csv,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum StatusFormat {
    Json,
    Table,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("DUBAN_LOG")
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    // `parse` needs no configuration nor runtime.
    if let Command::Parse { file, format } = &cli.command {
        return report(commands::parse(file, *format));
    }
    let listen = match &cli.command {
        Command::Serve { listen } | Command::Demo { listen, .. } => listen.clone(),
        _ => None,
    };
    let cfg = match config::Config::load(config::Overrides {
        config: cli.config.clone(),
        data_dir: cli.data_dir.clone(),
        database_url: cli.database_url.clone(),
        listen,
    }) {
        Ok(c) => c,
        Err(e) => return report(Err(e)),
    };
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return report(Err(e.into())),
    };
    report(rt.block_on(commands::run(cli.command, cfg)))
}

fn report(r: anyhow::Result<()>) -> ExitCode {
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{e:#}");
            ExitCode::FAILURE
        }
    }
}
