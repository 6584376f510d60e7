//! The `duban` binary end to end: each test runs the real executable against a database of
//! its own (SQLite, or PostgreSQL when the run selects it).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod carry;
mod documents;

const SEED: &str = duban_app::demo::SEED_REPORT;

struct Env {
    dir: tempfile::TempDir,
    url: String,
}

async fn env() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let url = duban_app::db::testing::fresh_url(dir.path()).await;
    Env { dir, url }
}

impl Env {
    fn run(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_duban"));
        cmd.args(args)
            .env("DUBAN_DATA_DIR", self.dir.path())
            .env("DUBAN_DATABASE_URL", &self.url)
            .env_remove("DUBAN_CONFIG")
            .env_remove("DUBAN_LISTEN")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        if let Some(s) = stdin {
            child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
        }
        drop(child.stdin.take());
        child.wait_with_output().unwrap()
    }

    fn ok(&self, args: &[&str], stdin: Option<&str>) -> String {
        let out = self.run(args, stdin);
        assert!(
            out.status.success(),
            "duban {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn err(&self, args: &[&str]) -> String {
        let out = self.run(args, None);
        assert!(!out.status.success(), "duban {args:?} should fail");
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[tokio::test]
async fn gbk_import_gives_the_same_plan_as_utf8() {
    let (a, b) = (env().await, env().await);
    let utf8 = a.write("seed.txt", SEED.as_bytes());
    let (gbk, _, _) = encoding_rs::GBK.encode(SEED);
    let gbk = b.write("seed-gbk.txt", &gbk);
    let out_a = a.ok(
        &[
            "import",
            s(&utf8),
            "--government",
            "山城区",
            "--year",
            "2024",
        ],
        None,
    );
    let out_b = b.ok(
        &[
            "import",
            s(&gbk),
            "--government",
            "山城区",
            "--year",
            "2024",
        ],
        None,
    );
    assert!(
        out_a.contains("编码 UTF-8") && out_b.contains("编码 GB18030/GBK"),
        "{out_a}{out_b}"
    );
    let strip = |o: &str| o.replace("GB18030/GBK", "UTF-8");
    assert_eq!(strip(&out_a), strip(&out_b));
    let items = |e: &Env| {
        e.ok(
            &[
                "items",
                "--government",
                "山城区",
                "--year",
                "2024",
                "--format",
                "csv",
            ],
            None,
        )
    };
    let (ia, ib) = (items(&a), items(&b));
    assert_eq!(ia, ib);
    assert!(ia.lines().count() > 10);
    assert!(ia.starts_with("编号,类型,板块,内容,指标,目标值"));
}

#[tokio::test]
async fn bad_inputs_get_clear_messages_and_change_nothing() {
    let e = env().await;
    let seed = e.write("seed.txt", SEED.as_bytes());
    e.ok(
        &[
            "import",
            s(&seed),
            "--government",
            "山城区",
            "--year",
            "2024",
        ],
        None,
    );
    let before = e.ok(&["items", "--government", "山城区", "--year", "2024"], None);
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty.txt", b"", "文件为空"),
        ("report.pdf", b"%PDF-1.4\n\x00\x01binary", "这是 PDF 文件"),
        (
            "notice.txt",
            "请各单位做好值班工作。".as_bytes(),
            "未在文件中找到",
        ),
        ("again.txt", SEED.as_bytes(), "已经导入"),
    ];
    for (name, bytes, msg) in cases {
        let p = e.write(name, bytes);
        let err = e.err(&["import", s(&p), "--government", "山城区", "--year", "2024"]);
        assert!(err.contains(msg), "{name}: {err}");
    }
    assert!(
        e.err(&["import", "/no/such/file.txt", "--government", "山城区"])
            .contains("无法读取文件")
    );
    assert_eq!(
        e.ok(&["items", "--government", "山城区", "--year", "2024"], None),
        before
    );
    assert!(
        e.err(&["items", "--government", "山城区", "--year", "2030"])
            .contains("没有山城区2030年的计划")
    );
}

#[tokio::test]
async fn parse_prints_three_formats_and_reads_stdin() {
    let e = env().await;
    let seed = e.write("seed.txt", SEED.as_bytes());
    let jsonl = e.ok(&["parse", s(&seed), "--format", "jsonl"], None);
    let first: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    for field in [
        "kind",
        "span",
        "indicator",
        "value",
        "unit",
        "measure",
        "op",
        "start",
        "end",
    ] {
        assert!(first.get(field).is_some(), "missing {field} in {first}");
    }
    let chars: Vec<char> = SEED.chars().collect();
    for line in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let (a, b) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            chars[a..b].iter().collect::<String>(),
            v["span"].as_str().unwrap()
        );
    }
    let json: serde_json::Value =
        serde_json::from_str(&e.ok(&["parse", s(&seed), "--format", "json"], None)).unwrap();
    assert!(json["sections"].as_array().unwrap().len() > 3);
    assert!(
        !e.ok(&["parse", s(&seed), "--format", "table"], None)
            .is_empty()
    );
    assert_eq!(
        e.ok(&["parse", "-", "--format", "jsonl"], Some(SEED)),
        jsonl
    );
    assert!(
        e.err(&["parse", s(&e.write("x.bin", b"\x00\x01\x02\x03"))])
            .contains("不是文本文件")
    );
}

#[tokio::test]
async fn users_units_progress_and_status_from_the_command_line() {
    let e = env().await;
    let seed = e.write("seed.txt", SEED.as_bytes());
    e.ok(
        &[
            "import",
            s(&seed),
            "--government",
            "山城区",
            "--year",
            "2024",
        ],
        None,
    );
    e.ok(&["unit", "add", "区人社局"], None);
    e.ok(&["unit", "add", "红旗街道", "--parent", "区人社局"], None);
    assert!(e.err(&["unit", "add", "区人社局"]).contains("已存在"));
    e.ok(
        &["user", "add", "wang", "--role", "supervisor"],
        Some("a-long-password\n"),
    );
    e.ok(
        &[
            "user",
            "add",
            "li",
            "--role",
            "reporter",
            "--unit",
            "区人社局",
        ],
        Some("a-long-password\n"),
    );
    assert!(
        e.err(&["user", "add", "zhao", "--role", "boss"])
            .contains("角色")
    );
    let out = e.run(
        &["user", "add", "zhao", "--role", "reporter"],
        Some("a-long-password\n"),
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("必须属于一个单位"));
    let users = e.ok(&["user", "list"], None);
    assert!(
        users.contains("wang") && users.contains("督查室") && users.contains("区人社局"),
        "{users}"
    );
    e.ok(&["user", "passwd", "wang"], Some("another-password\n"));

    // Items are unassigned after import; progress import requires an assignment.
    let items = e.ok(
        &[
            "items",
            "--government",
            "山城区",
            "--year",
            "2024",
            "--format",
            "json",
        ],
        None,
    );
    let items: Vec<serde_json::Value> = serde_json::from_str(&items).unwrap();
    let target = items
        .iter()
        .find(|i| {
            i["measure"] == "level" && i["op"] == ">=" && i["value"].as_f64().unwrap_or(0.0) > 0.0
        })
        .unwrap();
    let id = target["id"].as_i64().unwrap();
    let value = target["value"].as_f64().unwrap();
    let csv = format!(
        "编号,单位,期间,累计完成值,进展情况,存在问题,下步措施\n{id},区人社局,2024-06,{},进展顺利,,\n",
        value * 0.3
    );
    let p = e.write("progress.csv", csv.as_bytes());
    assert!(
        e.err(&[
            "progress",
            "import",
            s(&p),
            "--government",
            "山城区",
            "--year",
            "2024"
        ])
        .contains("尚未分解交办")
    );
    // Assign through the application layer (the web does this in practice).
    {
        let app = duban_app::App::new(
            duban_app::db::Db::open(&e.url).await.unwrap(),
            e.dir.path().to_path_buf(),
        );
        let unit = duban_app::admin::units(&app)
            .await
            .unwrap()
            .into_iter()
            .find(|u| u.name == "区人社局")
            .unwrap();
        duban_app::items::assign(
            &app,
            &duban_app::Actor::cli(),
            id,
            &duban_app::items::AssignInput {
                lead_unit_id: unit.id,
                supporting_unit_ids: vec![],
                leader_user_id: None,
                leader_name: None,
                deadline: None,
                weight: None,
                cycle: None,
                milestones: None,
            },
        )
        .await
        .unwrap();
        app.db.close().await;
    }
    let out = e.ok(
        &[
            "progress",
            "import",
            s(&p),
            "--government",
            "山城区",
            "--year",
            "2024",
        ],
        None,
    );
    assert!(out.contains("新增 1 条"), "{out}");
    let st = e.ok(
        &[
            "status",
            "--government",
            "山城区",
            "--year",
            "2024",
            "--period",
            "2024-06",
            "--format",
            "json",
        ],
        None,
    );
    let st: Vec<serde_json::Value> = serde_json::from_str(&st).unwrap();
    let row = st.iter().find(|r| r["id"].as_i64() == Some(id)).unwrap();
    // 30% done at half-year: 20 points behind 序时 → 欠进度, yellow.
    assert_eq!(row["status"], "欠进度", "{row}");
    assert_eq!(row["light"], "yellow");
    assert!((row["diff"].as_f64().unwrap() + 20.0).abs() < 1e-6);
    assert!(
        row["explanation"]
            .as_str()
            .unwrap()
            .contains("序时进度50.0%")
    );
    let table = e.ok(
        &[
            "status",
            "--government",
            "山城区",
            "--year",
            "2024",
            "--period",
            "2024-06",
        ],
        None,
    );
    assert!(table.lines().next().unwrap().starts_with("编号"));
    assert!(table.contains("欠进度"));
    assert!(
        e.err(&[
            "status",
            "--government",
            "山城区",
            "--year",
            "2024",
            "--period",
            "2024-13"
        ])
        .contains("YYYY-MM")
    );
}

#[tokio::test]
async fn backup_config_and_migrate() {
    let e = env().await;
    e.ok(&["migrate"], None);
    let cfg = e.ok(&["config"], None);
    assert!(
        cfg.contains("database_url") && cfg.contains("环境变量"),
        "{cfg}"
    );
    let dest = e.dir.path().join("backup.db");
    let out = e.run(&["backup", s(&dest)], None);
    if e.url.starts_with("sqlite:") {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(dest.exists());
    } else {
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("pg_dump"));
    }
}

mod hardening;
mod official;
mod remind;
