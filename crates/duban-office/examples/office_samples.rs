//! Writes the sample documents (督查通报, 年度工作回顾, 督办通知单, 分解表) into a directory,
//! for the test command to render with LibreOffice: `office_samples DIR`.

use duban_office::{decomposition, official, samples};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/office-samples".into()),
    );
    std::fs::create_dir_all(&dir)?;
    let brief = samples::brief();
    std::fs::write(dir.join("brief.docx"), official::to_docx(&brief)?)?;
    std::fs::write(dir.join("brief.md"), official::to_markdown(&brief))?;
    let review = samples::review();
    std::fs::write(dir.join("review.docx"), official::to_docx(&review)?)?;
    std::fs::write(dir.join("review.md"), official::to_markdown(&review))?;
    std::fs::write(
        dir.join("notice.docx"),
        official::to_docx(&samples::notice())?,
    )?;
    std::fs::write(
        dir.join("decomposition.xlsx"),
        decomposition::write_decomposition(
            "山城区2024年政府工作报告重点任务分解表",
            &samples::decomposition_rows(),
        )?,
    )?;
    std::fs::write(
        dir.join("progress.xlsx"),
        duban_office::progress_sheet::write_progress_sheet(&samples::progress_sheet())?,
    )?;
    println!("{}", dir.display());
    Ok(())
}
