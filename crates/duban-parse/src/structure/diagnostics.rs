//! Diagnostics of garbled characters (政??府) and unreadable numbers (`IO(X)`).

use crate::text::{at, is_cjk};
use crate::{Diagnostic, DiagnosticKind, Doc, Severity};

/// Diagnoses the '?' runs and `IO(` marks at `garbles` (positions met while reading lines).
pub(super) fn garbles(doc: &Doc<'_>, garbles: &[usize], diags: &mut Vec<Diagnostic>) {
    let c = &doc.c;
    let n = c.len();
    let mut i = 0;
    for &g in garbles {
        if g < i {
            continue;
        }
        i = g;
        if c[i] == '?' || c[i] == '？' {
            let s0 = i;
            while i < n && (c[i] == '?' || c[i] == '？') {
                i += 1;
            }
            let before = s0 > 0 && (is_cjk(c[s0 - 1]) || c[s0 - 1].is_ascii_digit());
            let after = i < n && (is_cjk(c[i]) || c[i].is_ascii_digit());
            if before && after && (i - s0 >= 2 || is_cjk(c[s0 - 1]) && is_cjk(c[i])) {
                let digit = c[s0 - 1].is_ascii_digit() || c[i].is_ascii_digit();
                diags.push(Diagnostic {
                    start: s0,
                    end: i,
                    message: if digit {
                        "数字中有无法识别的字符".into()
                    } else {
                        "疑似乱码：无法识别的字符".into()
                    },
                    severity: Severity::Warning,
                    kind: if digit {
                        DiagnosticKind::UnreadableNumber
                    } else {
                        DiagnosticKind::Garbled
                    },
                });
            }
            continue;
        }
        if c[i] == 'I' && at(c, i, "IO(") {
            let mut e = i + 3;
            while e < n && e - i < 12 && c[e] != ')' {
                e += 1;
            }
            diags.push(Diagnostic {
                start: i,
                end: (e + 1).min(n),
                message: "无法读取的数字".into(),
                severity: Severity::Warning,
                kind: DiagnosticKind::UnreadableNumber,
            });
            i = e;
        }
        i += 1;
    }
}
