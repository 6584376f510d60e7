//! The path report → 分解 → progress → status from the command line alone, and the 分解表's
//! export → import round trip.

use super::{SEED, env, s};
use duban_office::decomposition::{DecompositionRow, write_decomposition};
use std::io::Write;

/// The seed report as a minimal Word document, one paragraph per line.
fn seed_docx() -> Vec<u8> {
    let esc = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let body: String = SEED
        .lines()
        .map(|l| {
            format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                esc(l)
            )
        })
        .collect();
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string()),
        ("word/document.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#)),
    ];
    for (name, text) in parts {
        z.start_file(name, o).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn items(e: &super::Env) -> Vec<serde_json::Value> {
    let out = e.ok(
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
    serde_json::from_str(&out).unwrap()
}

fn level_targets(items: &[serde_json::Value]) -> Vec<(i64, f64)> {
    items
        .iter()
        .filter(|i| {
            i["measure"] == "level" && i["op"] == ">=" && i["value"].as_f64().unwrap_or(0.0) > 0.0
        })
        .map(|i| (i["id"].as_i64().unwrap(), i["value"].as_f64().unwrap()))
        .collect()
}

#[tokio::test]
async fn report_docx_decomposition_progress_status_from_the_command_line() {
    let e = env().await;
    // Old Word and PDF are refused with what to do; nothing is imported.
    let doc = e.write("old.doc", &duban_office::check::ole_stub(&["WordDocument"]));
    assert!(
        e.err(&["import", s(&doc), "--government", "山城区"])
            .contains("另存为 .docx")
    );
    let pdf = e.write("r.pdf", b"%PDF-1.4\n1 0 obj\n");
    assert!(
        e.err(&["import", s(&pdf), "--government", "山城区"])
            .contains("PDF")
    );
    let broken = e.write("broken.docx", b"PK\x03\x04garbage");
    assert!(
        e.err(&["import", s(&broken), "--government", "山城区"])
            .contains("损坏")
    );

    let docx = e.write("seed.docx", &seed_docx());
    let out = e.ok(&["import", s(&docx), "--government", "山城区"], None);
    assert!(out.contains("山城区2024年计划"), "{out}");
    let all = items(&e);
    let targets = level_targets(&all);
    assert!(targets.len() >= 2, "{targets:?}");
    let ((a, va), (b, vb)) = (targets[0], targets[1]);
    let task = all.iter().find(|i| i["kind"] == "task").unwrap();
    let task_id = task["id"].as_i64().unwrap();
    let task_text = task["text"].as_str().unwrap().to_string();
    e.ok(&["unit", "add", "区人社局"], None);

    // The office's table: two targets by 编号, a task by its text under the office's own
    // 序号, a row of its own (a new item); units in one cell, two not yet known.
    let text_of = |id: i64| {
        let i = all.iter().find(|i| i["id"].as_i64() == Some(id)).unwrap();
        i["text"]
            .as_str()
            .filter(|t| !t.is_empty())
            .unwrap_or(i["title"].as_str().unwrap())
            .to_string()
    };
    let mut r1 = DecompositionRow::item(&a.to_string(), &text_of(a));
    r1.lead_unit = Some("区发改局".into());
    r1.supporting_units = vec!["区统计局".into()];
    r1.leader = "张副区长".into();
    r1.deadline = "2024年12月底".into();
    let mut r2 = DecompositionRow::item(&b.to_string(), &text_of(b));
    r2.lead_unit = Some("区人社局".into());
    let mut r3 = DecompositionRow::item("99", &task_text);
    r3.lead_unit = Some("区人社局".into());
    let mut r4 = DecompositionRow::item("100", "开展全区营商环境专项评估");
    r4.lead_unit = Some("区人社局".into());
    let xlsx = write_decomposition("分解表", &[r1, r2, r3, r4]).unwrap();
    let f = e.write("分解表.xlsx", &xlsx);

    let dry = e.ok(&["import", "decomposition", s(&f), "--dry-run"], None);
    assert!(
        dry.contains("以下单位尚不存在") && dry.contains("区发改局"),
        "{dry}"
    );
    assert!(dry.contains(&format!("按序号对应事项 {a}")), "{dry}");
    assert!(dry.contains(&format!("按内容对应事项 {task_id}")), "{dry}");
    assert!(dry.contains("新建事项"), "{dry}");
    let err = e.err(&["import", "decomposition", s(&f)]);
    assert!(
        err.contains("区发改局") && err.contains("--create-units"),
        "{err}"
    );
    // Neither attempt changed anything.
    assert!(items(&e).iter().all(|i| i["lead_unit_name"].is_null()));
    assert_eq!(items(&e).len(), all.len());

    let out = e.ok(&["import", "decomposition", s(&f), "--create-units"], None);
    assert!(out.contains("对应已有事项 3 项，新建事项 1 项"), "{out}");
    let after = items(&e);
    assert_eq!(after.len(), all.len() + 1);
    let find = |id: i64| {
        after
            .iter()
            .find(|i| i["id"].as_i64() == Some(id))
            .unwrap()
            .clone()
    };
    assert_eq!(find(a)["lead_unit_name"], "区发改局");
    assert_eq!(find(a)["leader_name"], "张副区长");
    assert_eq!(find(a)["deadline"], "2024-12-31");
    assert_eq!(find(task_id)["lead_unit_name"], "区人社局");

    // `assign` by names; an unknown unit names itself.
    let other = all.iter().filter(|i| i["kind"] == "task").nth(1).unwrap()["id"]
        .as_i64()
        .unwrap();
    let id = other.to_string();
    let err = e.err(&["assign", &id, "--lead", "区不存在局"]);
    assert!(err.contains("区不存在局"), "{err}");
    e.ok(
        &[
            "assign",
            &id,
            "--lead",
            "区人社局",
            "--support",
            "区统计局",
            "--leader",
            "李副区长",
            "--deadline",
            "2024-11-30",
        ],
        None,
    );
    assert_eq!(
        items(&e)
            .iter()
            .find(|i| i["id"].as_i64() == Some(other))
            .unwrap()["deadline"],
        "2024-11-30"
    );

    // Progress: a blank 单位 is the lead unit; an unknown unit is named.
    let bad = format!("编号,单位,期间,累计完成值,进展情况\n{a},区某某局,2024-06,1,\n");
    let bad = e.write("bad.csv", bad.as_bytes());
    let err = e.err(&["progress", "import", s(&bad)]);
    assert!(err.contains("区某某局") && err.contains("第2行"), "{err}");
    let csv = format!(
        "编号,单位,期间,累计完成值,进展情况\n{a},,2024-06,{},稳步推进\n{b},区人社局,2024-06,{},按序时推进\n",
        va * 0.3,
        vb * 0.5
    );
    let p = e.write("progress.csv", csv.as_bytes());
    let out = e.ok(&["progress", "import", s(&p)], None);
    assert!(out.contains("新增 2 条"), "{out}");
    let st = e.ok(&["status", "--period", "2024-06", "--format", "json"], None);
    let st: Vec<serde_json::Value> = serde_json::from_str(&st).unwrap();
    let status =
        |id: i64| st.iter().find(|r| r["id"].as_i64() == Some(id)).unwrap()["status"].clone();
    assert_eq!(status(a), "欠进度");
    assert_eq!(status(b), "达进度");
    assert_eq!(status(task_id), "未填报");
}

#[tokio::test]
async fn decomposition_export_imports_back_as_the_same_assignments() {
    let e = env().await;
    let seed = e.write("seed.txt", SEED.as_bytes());
    e.ok(&["import", s(&seed), "--government", "山城区"], None);
    e.ok(&["unit", "add", "区人社局"], None);
    e.ok(&["unit", "add", "区统计局"], None);
    let all = items(&e);
    let ids: Vec<String> = all
        .iter()
        .take(3)
        .map(|i| i["id"].as_i64().unwrap().to_string())
        .collect();
    e.ok(
        &[
            "assign",
            &ids[0],
            "--lead",
            "区人社局",
            "--support",
            "区统计局",
            "--leader",
            "张副区长",
            "--deadline",
            "2024-12-31",
        ],
        None,
    );
    e.ok(
        &[
            "assign",
            &ids[1],
            "--lead",
            "区统计局",
            "--deadline",
            "2024-06-30",
        ],
        None,
    );
    e.ok(&["assign", &ids[2], "--lead", "区人社局"], None);
    let out = e.dir.path().join("导出.xlsx");
    e.ok(&["export", "decomposition", "--out", s(&out)], None);
    let before = items(&e);

    // A second database with the same plan and units takes the file back.
    let e2 = env().await;
    e2.ok(&["import", s(&seed), "--government", "山城区"], None);
    e2.ok(&["unit", "add", "区人社局"], None);
    e2.ok(&["unit", "add", "区统计局"], None);
    let got = e2.ok(&["import", "decomposition", s(&out)], None);
    assert!(got.contains("新建事项 0 项"), "{got}");
    let after = items(&e2);
    let key = |v: &[serde_json::Value]| -> Vec<(i64, String, String, String)> {
        v.iter()
            .filter(|i| !i["lead_unit_name"].is_null())
            .map(|i| {
                (
                    i["id"].as_i64().unwrap(),
                    i["lead_unit_name"].to_string(),
                    i["leader_name"].to_string(),
                    i["deadline"].to_string(),
                )
            })
            .collect()
    };
    assert_eq!(key(&before), key(&after));
    assert_eq!(key(&after).len(), 3);
    let sheet = e2.dir.path().join("p.xlsx");
    let out = e2.ok(
        &[
            "export",
            "progress",
            "--period",
            "2024-06",
            "--out",
            s(&sheet),
        ],
        None,
    );
    assert!(out.contains("已导出"), "{out}");
    assert!(std::fs::read(&sheet).unwrap().starts_with(b"PK"));
}

#[tokio::test]
async fn an_office_table_with_merged_cells_and_variant_headers_imports() {
    let e = env().await;
    let seed = e.write("seed.txt", SEED.as_bytes());
    e.ok(&["import", s(&seed), "--government", "山城区"], None);
    let all = items(&e);
    let tasks: Vec<&serde_json::Value> = all.iter().filter(|i| i["kind"] == "task").collect();
    let (t1, t2) = (tasks[0], tasks[1]);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let f = rust_xlsxwriter::Format::new();
    ws.merge_range(0, 0, 0, 4, "山城区2024年重点工作任务分解表", &f)
        .unwrap();
    for (c, h) in ["编号", "工作任务", "责任领导", "责任单位", "完成时间"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    // The office numbers its rows 1, 2 (not the items' 编号); one leader and one pair of
    // units are merged over both rows.
    ws.write_string(2, 0, "1").unwrap();
    ws.write_string(2, 1, t1["text"].as_str().unwrap()).unwrap();
    ws.write_string(3, 0, "2").unwrap();
    ws.write_string(3, 1, t2["text"].as_str().unwrap()).unwrap();
    ws.merge_range(2, 2, 3, 2, "王副区长", &f).unwrap();
    ws.merge_range(2, 3, 3, 3, "区发改局、区统计局", &f)
        .unwrap();
    ws.write_string(2, 4, "2024年9月底").unwrap();
    ws.write_string(3, 4, "长期坚持").unwrap();
    let p = e.write("office.xlsx", &wb.save_to_buffer().unwrap());
    let out = e.ok(&["import", "decomposition", s(&p), "--create-units"], None);
    assert!(out.contains("对应已有事项 2 项，新建事项 0 项"), "{out}");
    let after = items(&e);
    for t in [t1, t2] {
        let got = after.iter().find(|i| i["id"] == t["id"]).unwrap();
        assert_eq!(got["lead_unit_name"], "区发改局", "{got}");
        assert_eq!(got["leader_name"], "王副区长", "{got}");
    }
    let got1 = after.iter().find(|i| i["id"] == t1["id"]).unwrap();
    assert_eq!(got1["deadline"], "2024-09-30");
    let units = e.ok(&["unit", "list"], None);
    assert!(units.contains("区统计局"), "{units}");
}
